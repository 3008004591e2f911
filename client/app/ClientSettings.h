// Where the client finds the bank: server URL, CA bundle and UI language. The installer writes
// them under HKLM\Software\Rokin\Enroll (ServerUrl, CaBundle, Language); --server, --ca and
// --lang (and --key-type) override them for one run. --dev lets the client run without the bank's
// CA bundle, trusting the system's roots: for development against a test server only.
#pragma once

#include "crypto/ClientCrypto.h"
#include "enroll/Language.h"

#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace enroll::client {

struct ClientSettings
{
    QUrl serverUrl{QStringLiteral("https://localhost:8443")};
    QString caBundle; // the bank's TLS chain: the only roots trusted (empty: refused, but --dev)
    Language language = Language::Japanese;
    KeyType keyType = KeyType::Rsa2048; // RSA 2048: the widest Windows support
    bool development = false;           // --dev: without a CA bundle, the system's roots (trying it out)
    bool autoRenew = false;             // the MSI's AUTO_RENEW (it writes 1 or 0): the logon task runs
                                        // --renew; without the key no task was installed
    QString proxyPolicy;                // the MSI's PROXY= ("host:port"): for PCs where nothing is configured
    QString proxyPolicyBypass;          // its bypass list (PROXY_BYPASS=)
};

// Keys in the settings store, as the MSI writes them.
namespace settingsKey {
inline const QString kServerUrl = QStringLiteral("ServerUrl");
inline const QString kCaBundle = QStringLiteral("CaBundle");
inline const QString kLanguage = QStringLiteral("Language");
inline const QString kKeyType = QStringLiteral("KeyType"); // "rsa" or "ec" (P-256)
inline const QString kAutoRenew = QStringLiteral("AutoRenew"); // "1" (default) or "0"
inline const QString kProxy = QStringLiteral("Proxy");             // PROXY=
inline const QString kProxyBypass = QStringLiteral("ProxyBypass"); // PROXY_BYPASS=
} // namespace settingsKey

struct SettingsResult
{
    ClientSettings settings;
    QString error; // empty when everything was usable; otherwise a sentence for the log/console
};

// Stored values first, then the command line (`arguments` as QCoreApplication::arguments()).
// A value that is not usable (not https, unknown language) is refused with `error`, never guessed.
SettingsResult resolveSettings(const QSettings& stored, const QStringList& arguments);

} // namespace enroll::client
