// ApiClient's route to the bank: the proxy resolved for the server, the proxy's password (asked
// once, kept only when the clerk ticks it), a handshake of our own before WinHTTP sends anything,
// and the proxy asked itself when a request failed through it (ProxyProbe). The requests
// themselves: ApiClient.cpp.
#include "flow/ApiClient.h"

#include "flow/ProxyProbe.h"

#include <QNetworkReply>
#include <QPointer>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

namespace enroll::client {

void ApiClient::resolveRoute(std::function<void(const ProxyRoute&)> done)
{
    if (route_) {
        done(*route_);
        return;
    }
    waitingForRoute_.push_back([this, done = std::move(done)] { done(*route_); });
    if (resolving_) {
        return;
    }
    resolving_ = true;
    // On this thread, once per client, after this call returns. WPAD and PAC are bounded by
    // WinHTTP's timeouts (WinHttpProxy.cpp). Resolved on another thread instead (a pool's, or a
    // QThread of the client's own, joined), RokinEnroll.exe and the wizard's test program under
    // Wine at times did not end after main() returned: measured, not understood, so not done.
    QMetaObject::invokeMethod(this, [this] { routeResolved(resolveProxy(proxySettings_, base_, pac_)); }, Qt::QueuedConnection);
}

ApiClient::~ApiClient() = default;

void ApiClient::routeResolved(const ProxyRoute& route)
{
    route_ = route;
    resolving_ = false;
    if (route.proxy) {
        network_.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, route.proxy->host, route.proxy->port));
    } else {
        network_.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    }
    auto waiting = std::move(waitingForRoute_);
    waitingForRoute_.clear();
    for (auto& then : waiting) {
        then();
    }
}

QString ApiClient::vaultKey() const
{
    return route_ && route_->proxy ? QStringLiteral("proxy/") + route_->proxy->display() : QString();
}

std::optional<ProxyLogin> ApiClient::rememberedLogin()
{
    if (vault_ == nullptr || vaultTried_) {
        return std::nullopt;
    }
    vaultTried_ = true;
    const auto stored = vault_->read(vaultKey());
    if (!stored) {
        return std::nullopt;
    }
    // "user\npassword"
    const std::string_view text(stored->data(), stored->size());
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos) {
        return std::nullopt;
    }
    ProxyLogin login;
    login.user = QString::fromUtf8(text.data(), static_cast<qsizetype>(newline));
    login.password = SecureString(text.substr(newline + 1));
    login.remember = true;
    return login;
}

void ApiClient::onProxyAuthentication(const QNetworkProxy&, QAuthenticator* authenticator)
{
    lastRealm_ = authenticator->realm();
    // Credentials offered twice for one request and refused: left empty, Qt gives up, the reply
    // ends in ProxyAuthenticationRequiredError and deliver() asks the person at the PC.
    if (proxyLogin_ && ++proxyAuthRounds_ <= 2) {
        authenticator->setUser(proxyLogin_->user);
        authenticator->setPassword(QString::fromUtf8(proxyLogin_->password.data(),
                                                     static_cast<qsizetype>(proxyLogin_->password.size())));
    }
}

void ApiClient::deliverOrAskTheProxy(const Call& call, ApiResult result)
{
    // Neither Qt nor WinHTTP tells every failure of the proxy from one of the bank (a refused
    // connection to the proxy, its 403 and Wine's unread CONNECT answers all look like the bank's
    // failure): the proxy is asked itself before the clerk is told which it was.
    const bool ambiguous = result.kind == ApiResult::Kind::Unreachable || result.kind == ApiResult::Kind::Untrusted;
    if (ambiguous && route_ && route_->proxy) {
        askTheProxy(call, result);
        return;
    }
    deliver(call, result);
}

void ApiClient::verifyServerFirst(const Call& call)
{
    // WinHTTP sends a request's line and headers in the same call as its handshake, before the
    // chain can be checked: the handshake is first made here alone, by the route's proxy, with the
    // bank's bundle as the only roots. Nothing but CONNECT and the TLS hello leaves before it passes.
    auto* socket = new QSslSocket(this);
    auto tls = tls_;
    tls.setLocalCertificate(QSslCertificate());
    tls.setPrivateKey(QSslKey());
    socket->setSslConfiguration(tls);
    socket->setPeerVerifyName(base_.host());
    if (route_ && route_->proxy) {
        QNetworkProxy proxy(QNetworkProxy::HttpProxy, route_->proxy->host, route_->proxy->port);
        if (proxyLogin_) {
            proxy.setUser(proxyLogin_->user);
            proxy.setPassword(QString::fromUtf8(proxyLogin_->password.data(), static_cast<qsizetype>(proxyLogin_->password.size())));
        }
        socket->setProxy(proxy);
    } else {
        socket->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    }
    auto done = std::make_shared<bool>(false);
    auto end = [this, socket, call, done](std::optional<ApiResult> failure) {
        if (std::exchange(*done, true)) {
            return;
        }
        socket->abort();
        socket->deleteLater();
        if (failure) {
            deliverOrAskTheProxy(call, *failure);
            return;
        }
        serverVerified_ = true;
        sendThroughStore(call);
    };
    connect(socket, &QSslSocket::encrypted, this, [end] { end(std::nullopt); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, end](QAbstractSocket::SocketError error) {
        ApiResult result;
        result.kind = error == QAbstractSocket::SslHandshakeFailedError ? ApiResult::Kind::Untrusted
                      : error == QAbstractSocket::ProxyAuthenticationRequiredError ? ApiResult::Kind::ProxyAuth
                      : (error == QAbstractSocket::ProxyConnectionRefusedError || error == QAbstractSocket::ProxyNotFoundError ||
                         error == QAbstractSocket::ProxyConnectionTimeoutError || error == QAbstractSocket::ProxyConnectionClosedError)
                          ? ApiResult::Kind::ProxyUnreachable
                          : ApiResult::Kind::Unreachable;
        result.host = base_.host();
        end(result);
    });
    QTimer::singleShot(timeoutMs_, socket, [end] {
        ApiResult result;
        result.kind = ApiResult::Kind::Timeout;
        end(result);
    });
    socket->connectToHostEncrypted(base_.host(), static_cast<quint16>(base_.port(443)));
}

void ApiClient::askTheProxy(const Call& call, ApiResult result)
{
    std::optional<BasicCredentials> login;
    if (proxyLogin_) {
        login = BasicCredentials{proxyLogin_->user, proxyLogin_->password};
    }
    probeTunnel(*route_->proxy, base_.host(), static_cast<quint16>(base_.port(443)), login, timeoutMs_, this,
                [this, call, result](const TunnelAnswer& answer) mutable {
                    if (!answer.reached) {
                        result.kind = ApiResult::Kind::ProxyUnreachable;
                    } else if (answer.status == 407) {
                        result.kind = ApiResult::Kind::ProxyAuth;
                        result.realm = answer.realm;
                        lastRealm_ = answer.realm;
                    } else if (answer.status >= 500) {
                        result.kind = ApiResult::Kind::Unreachable; // the proxy cannot reach the bank
                    } else if (answer.status != 200) {
                        result.kind = ApiResult::Kind::ProxyRefused; // its rules (403)
                    } // 200: the tunnel opens; what failed was beyond it (not the bank, or the bank's answer)
                    deliver(call, result);
                });
}

} // namespace enroll::client
