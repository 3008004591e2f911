// Where the client finds the bank: server URL, CA bundle, the issuing CAs of its certificates and
// UI language. The installer writes them under HKLM\Software\Rokin\Enroll (ServerUrl, CaBundle,
// IssuerBundle, Language); --lang (and --key-type) override them for one run. --server, --ca,
// --issuers and --dev (without the bank's CA bundle, the system's roots) point the program at
// another bank: honoured only by a development build, or where the
// administrator allowed it (HKLM AllowOverrides=1, the MSI's ALLOW_OVERRIDES=1). Otherwise they
// are ignored, said so, and the installed settings hold: a shortcut cannot turn the bank's signed
// program towards another server.
#pragma once

#include "crypto/ClientCrypto.h"
#include "enroll/Language.h"

#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace enroll::client {

struct ClientSettings
{
    QUrl serverUrl{QStringLiteral("https://localhost:8443")};
    QString caBundle; // the bank's TLS chain: the only roots trusted (empty: refused, but --dev)
    QString issuerBundle; // the bank's issuing CAs of client certificates: only theirs are shown and used
    Language language = Language::Japanese;
    KeyType keyType = KeyType::Rsa2048; // RSA 2048: the widest Windows support
    bool development = false;           // --dev: without a CA bundle, the system's roots (trying it out)
    bool autoRenew = false;             // the MSI's AUTO_RENEW (it writes 1 or 0): the logon task runs
                                        // --renew; without the key no task was installed
    QString proxyPolicy;                // the MSI's PROXY= ("host:port"): for PCs where nothing is configured
    QString proxyPolicyBypass;          // its bypass list (PROXY_BYPASS=)
    // --renew --stay: between the agent's checks. The MSI's RENEW_INTERVAL_HOURS (1–168, default 8)
    // on the Run entry's --interval-hours; --interval-seconds (the tests) where overrides are allowed.
    std::chrono::seconds renewInterval{std::chrono::hours(8)};
};

// Keys in the settings store, as the MSI writes them.
namespace settingsKey {
inline const QString kServerUrl = QStringLiteral("ServerUrl");
inline const QString kCaBundle = QStringLiteral("CaBundle");
inline const QString kIssuerBundle = QStringLiteral("IssuerBundle"); // ISSUER_BUNDLE=
inline const QString kLanguage = QStringLiteral("Language");
inline const QString kKeyType = QStringLiteral("KeyType"); // "rsa" or "ec" (P-256)
inline const QString kAutoRenew = QStringLiteral("AutoRenew"); // "1" (default) or "0"
inline const QString kProxy = QStringLiteral("Proxy");             // PROXY=
inline const QString kProxyBypass = QStringLiteral("ProxyBypass"); // PROXY_BYPASS=
inline const QString kAllowOverrides = QStringLiteral("AllowOverrides"); // ALLOW_OVERRIDES=: "1" honours --server/--ca/--dev
} // namespace settingsKey

struct SettingsResult
{
    ClientSettings settings;
    QString error;       // empty when everything was usable; otherwise a sentence for the log/console
    QStringList ignored; // options this program did not obey ("--server"…): the installed settings hold
    // one line for the log and the console about `ignored` (empty when nothing was)
    [[nodiscard]] QString ignoredLine() const;
};

// A development build (ENROLL_DEVELOPMENT_BUILD: not the release program the MSI installs).
#ifdef ENROLL_DEVELOPMENT_BUILD
inline constexpr bool kDevelopmentBuild = true;
#else
inline constexpr bool kDevelopmentBuild = false;
#endif

// Stored values first, then the command line (`arguments` as QCoreApplication::arguments()).
// A value that is not usable (not https, unknown language) is refused with `error`, never guessed.
SettingsResult resolveSettings(const QSettings& stored, const QStringList& arguments,
                               bool developmentBuild = kDevelopmentBuild);

} // namespace enroll::client
