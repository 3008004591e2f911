#include "flow/ProxyResolver.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QStringList>

#ifdef Q_OS_WIN
#include "WinHttpProxy.h"
#endif

namespace enroll::client {

QString ProxyServer::display() const
{
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                           : QStringLiteral("%1:%2").arg(host).arg(port);
}

namespace {

// "host:port", "http://host:port/", "[::1]:3128": the proxy itself (port 80 when none is named,
// as WinHTTP does).
std::optional<ProxyServer> parseProxyServer(QString text)
{
    text = text.trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    if (!text.contains(QStringLiteral("://"))) {
        text.prepend(QStringLiteral("http://"));
    }
    const QUrl url(text, QUrl::StrictMode);
    const auto scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        return std::nullopt;
    }
    const int port = url.port(80);
    if (port <= 0 || port > 65535) {
        return std::nullopt;
    }
    return ProxyServer{url.host(), static_cast<quint16>(port)};
}

QStringList entriesOf(const QString& list)
{
    static const QRegularExpression separators(QStringLiteral("[;,\\s]+"));
    return list.split(separators, Qt::SkipEmptyParts);
}

bool bypassedBy(QString entry, const QString& host)
{
    entry = entry.trimmed().toLower();
    if (entry == QLatin1String("*")) {
        return true;
    }
    if (entry == QLatin1String("<local>")) {
        // a plain name without a dot (not an address)
        return !host.contains(QLatin1Char('.')) && !host.contains(QLatin1Char(':'));
    }
    // "host:port" entries name the host; ports are not told apart here
    if (static const QRegularExpression port(QStringLiteral(":\\d+$")); !entry.startsWith(QLatin1Char('['))) {
        entry.remove(port);
    }
    entry.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    if (entry.isEmpty()) {
        return false;
    }
    if (entry.contains(QLatin1Char('*'))) {
        const auto pattern = QRegularExpression::wildcardToRegularExpression(
            entry, QRegularExpression::UnanchoredWildcardConversion);
        return QRegularExpression(QStringLiteral("^(?:%1)$").arg(pattern), QRegularExpression::CaseInsensitiveOption)
            .match(host)
            .hasMatch();
    }
    if (entry.startsWith(QLatin1Char('.'))) {
        return host.endsWith(entry) || host == entry.mid(1);
    }
    if (QHostAddress(entry).isNull()) {
        // a name covers its subdomains (no_proxy's rule; Internet Options' entries are names of hosts)
        return host == entry || host.endsWith(QLatin1Char('.') + entry);
    }
    return QHostAddress(entry).isEqual(QHostAddress(host));
}

ProxyRoute direct(QString source)
{
    return ProxyRoute{std::nullopt, std::move(source)};
}

// A fixed proxy with its bypass list; nullopt when `list` names no proxy for https.
std::optional<ProxyRoute> fixedRoute(const QString& list, const QString& bypass, const QUrl& target, const QString& source)
{
    const auto server = firstProxyIn(list, target.scheme());
    if (!server) {
        return std::nullopt;
    }
    if (bypassed(bypass, target.host())) {
        return direct(source + QStringLiteral(" (bypass list)"));
    }
    return ProxyRoute{server, source};
}

} // namespace

std::optional<ProxyServer> firstProxyIn(const QString& list, const QString& scheme)
{
    static const QRegularExpression separators(QStringLiteral("[;\\s]+"));
    const auto items = list.split(separators, Qt::SkipEmptyParts);
    // "https=h:p;http=h:p": only the entry for the scheme; a list without '=' serves every scheme
    bool perScheme = false;
    for (const auto& item : items) {
        perScheme = perScheme || item.contains(QLatin1Char('='));
    }
    for (int i = 0; i < items.size(); ++i) {
        auto item = items[i];
        if (item.compare(QLatin1String("DIRECT"), Qt::CaseInsensitive) == 0) {
            return std::nullopt; // a PAC script's DIRECT before any proxy
        }
        if (item.compare(QLatin1String("PROXY"), Qt::CaseInsensitive) == 0 ||
            item.compare(QLatin1String("HTTPS"), Qt::CaseInsensitive) == 0) {
            continue; // the PAC keyword before its host:port
        }
        if (perScheme) {
            const auto equals = item.indexOf(QLatin1Char('='));
            if (equals < 0 || item.left(equals).compare(scheme, Qt::CaseInsensitive) != 0) {
                continue;
            }
            item = item.mid(equals + 1);
        }
        if (auto server = parseProxyServer(item)) {
            return server;
        }
    }
    return std::nullopt;
}

bool bypassed(const QString& list, const QString& host)
{
    const auto name = host.toLower();
    for (const auto& entry : entriesOf(list)) {
        if (bypassedBy(entry, name)) {
            return true;
        }
    }
    return false;
}

ProxyRoute resolveProxy(const PcProxySettings& pc, const QUrl& target, const PacEvaluator& pac)
{
    if ((pc.autoDetect || !pc.autoConfigUrl.isEmpty()) && pac) {
        if (const auto answer = pac(target, pc.autoDetect, pc.autoConfigUrl)) {
            const auto source = pc.autoConfigUrl.isEmpty() ? QStringLiteral("Internet Options: WPAD")
                                                           : QStringLiteral("Internet Options: PAC %1").arg(pc.autoConfigUrl);
            if (const auto server = firstProxyIn(*answer, target.scheme())) {
                return ProxyRoute{server, source};
            }
            return direct(source);
        }
        // no script found or it failed: Windows goes on with the fixed proxy, if any
    }
    if (auto route = fixedRoute(pc.userProxy, pc.userBypass, target, QStringLiteral("Internet Options"))) {
        return *route;
    }
    if (auto route = fixedRoute(pc.httpsProxyEnv, pc.noProxyEnv, target, QStringLiteral("https_proxy"))) {
        return *route;
    }
    if (auto route = fixedRoute(pc.machineProxy, pc.machineBypass, target, QStringLiteral("WinHTTP (netsh)"))) {
        return *route;
    }
    if (auto route = fixedRoute(pc.policyProxy, pc.policyBypass, target, QStringLiteral("policy (PROXY=)"))) {
        return *route;
    }
    return direct(QStringLiteral("no proxy configured"));
}

PcProxySettings readPcProxySettings(const QString& policyProxy, const QString& policyBypass)
{
    PcProxySettings pc;
    pc.policyProxy = policyProxy;
    pc.policyBypass = policyBypass;
#ifdef Q_OS_WIN
    const auto user = winhttp::userProxyConfig();
    pc.autoDetect = user.autoDetect;
    pc.autoConfigUrl = QString::fromStdWString(user.autoConfigUrl);
    pc.userProxy = QString::fromStdWString(user.proxy);
    pc.userBypass = QString::fromStdWString(user.bypass);
    const auto machineProxy = winhttp::machineProxyConfig();
    pc.machineProxy = QString::fromStdWString(machineProxy.proxy);
    pc.machineBypass = QString::fromStdWString(machineProxy.bypass);
#else
    // curl's names: the lower-case one first, as curl reads them
    const auto environment = [](const char* lower, const char* upper) {
        const auto value = qEnvironmentVariable(lower);
        return value.isEmpty() ? qEnvironmentVariable(upper) : value;
    };
    pc.httpsProxyEnv = environment("https_proxy", "HTTPS_PROXY");
    pc.noProxyEnv = environment("no_proxy", "NO_PROXY");
#endif
    return pc;
}

PacEvaluator systemPacEvaluator()
{
#ifdef Q_OS_WIN
    return [](const QUrl& target, bool autoDetect, const QString& pacUrl) -> std::optional<QString> {
        const auto answer = winhttp::proxyForUrl(target.toString().toStdWString(), autoDetect, pacUrl.toStdWString());
        if (!answer) {
            return std::nullopt;
        }
        return QString::fromStdWString(*answer);
    };
#else
    return {};
#endif
}

} // namespace enroll::client
