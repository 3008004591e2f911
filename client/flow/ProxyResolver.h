// Which proxy a request to the bank goes through. One answer for every request of the program:
// the wizard's (Qt), the signed-in ones and --renew (WinHTTP on Windows) ask the same function.
//
// The order, first that answers:
//  1. the user's Internet Options (Windows): WPAD auto-detect or a PAC URL, evaluated by Windows
//     (WinHttpGetProxyForUrl); then a fixed proxy with its bypass list;
//  2. the usual environment variables (https_proxy, no_proxy; not on Windows);
//  3. the machine's WinHTTP proxy (netsh winhttp set proxy);
//  4. the bank's policy written by the MSI (PROXY=, HKLM Proxy/ProxyBypass): for PCs where nothing
//     is configured;
//  5. direct.
// A bypass list that names the bank's host is an answer too: direct, and nothing below is asked.
#pragma once

#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace enroll::client {

struct ProxyServer
{
    QString host;
    quint16 port = 0;
    [[nodiscard]] QString display() const; // "host:port", as the clerk's IT administrator writes it
    bool operator==(const ProxyServer&) const = default;
};

struct ProxyRoute
{
    std::optional<ProxyServer> proxy; // empty: direct
    QString source;                   // where the answer came from, for --doctor and the log
    [[nodiscard]] bool direct() const { return !proxy.has_value(); }
};

// What this PC says, each source as the platform gives it (empty: not configured).
struct PcProxySettings
{
    // the user's Internet Options (Windows)
    bool autoDetect = false;
    QString autoConfigUrl;
    QString userProxy;  // "host:port" or "http=host:port;https=host:port"
    QString userBypass; // "<local>;*.example.jp;10.*"
    // the environment (not Windows)
    QString httpsProxyEnv; // "http://host:port/" or "host:port"
    QString noProxyEnv;    // "localhost,.example.jp"
    // the machine's WinHTTP proxy
    QString machineProxy;
    QString machineBypass;
    // the MSI's policy
    QString policyProxy;
    QString policyBypass;
};

// A PAC script's (or WPAD's) answer for `target`: a proxy list ("host:port; …", also "PROXY
// host:port; DIRECT"), an empty string for DIRECT, nullopt when no script could be found or run.
using PacEvaluator = std::function<std::optional<QString>(const QUrl& target, bool autoDetect, const QString& pacUrl)>;

ProxyRoute resolveProxy(const PcProxySettings& pc, const QUrl& target, const PacEvaluator& pac);

// The pieces, each with its own tests.
// The first proxy in a list for `scheme` ("https"): "host:port", "https=h:p;http=h:p",
// "PROXY h:p; DIRECT", "http://h:p/". nullopt: the list says DIRECT or names no usable proxy.
std::optional<ProxyServer> firstProxyIn(const QString& list, const QString& scheme);
// Whether `host` is on a bypass list: Internet Options' ("<local>;*.corp;10.*", ';' or spaces)
// or no_proxy's ("localhost,.corp.example", commas; a name also covers its subdomains).
bool bypassed(const QString& list, const QString& host);

// This PC's settings: the platform's sources, and the MSI's policy (ClientSettings).
PcProxySettings readPcProxySettings(const QString& policyProxy, const QString& policyBypass);
// Windows: WinHttpGetProxyForUrl; elsewhere no PAC support (always nullopt).
PacEvaluator systemPacEvaluator();

} // namespace enroll::client
