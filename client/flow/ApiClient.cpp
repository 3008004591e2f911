#include "flow/ApiClient.h"

#include "flow/ProxyProbe.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QSslKey>
#include <QSslSocket>
#include <QThreadPool>
#include <QTimer>

#ifdef Q_OS_WIN
#include "WinHttpTransport.h"
#endif

namespace enroll::client {

ApiClient::ApiClient(const ClientSettings& settings, QObject* parent)
    : ApiClient(settings, readPcProxySettings(settings.proxyPolicy, settings.proxyPolicyBypass), systemPacEvaluator(), parent)
{
}

ApiClient::ApiClient(const ClientSettings& settings, PcProxySettings proxySettings, PacEvaluator pac, QObject* parent)
    : QObject(parent), base_(settings.serverUrl), language_(settings.language),
      tls_(QSslConfiguration::defaultConfiguration()), proxySettings_(std::move(proxySettings)), pac_(std::move(pac))
{
    tls_.setProtocol(QSsl::TlsV1_2OrLater);
    tls_.setPeerVerifyMode(QSslSocket::VerifyPeer);
    // without the bank's bundle only a development run (--dev) goes on, with the system's roots
    trustConfigured_ = settings.development;
    if (!settings.caBundle.isEmpty()) {
        // Only the bank's CA: a certificate from any other authority is not the bank.
        // read as the one file it names: QSslCertificate::fromPath on a path that is no file walks
        // its folder and every folder under it, following links (under Wine, Z: is the whole disk:
        // a mistyped CA_BUNDLE kept RokinEnroll.exe busy without end)
        QFile file(settings.caBundle);
        const auto bundle = file.open(QIODevice::ReadOnly) ? QSslCertificate::fromData(file.readAll(), QSsl::Pem)
                                                           : QList<QSslCertificate>{};
        trustConfigured_ = !bundle.isEmpty();
        tls_.setCaCertificates(bundle);
        for (const auto& ca : bundle) {
            trustedCaDer_.push_back(ca.toDer());
        }
    }
    connect(&network_, &QNetworkAccessManager::proxyAuthenticationRequired, this, &ApiClient::onProxyAuthentication);
}

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

void ApiClient::setClientIdentity(const QSslCertificate& certificate, const QSslKey& key)
{
    tls_.setLocalCertificate(certificate);
    tls_.setPrivateKey(key);
    // a kept-alive connection made without this certificate must not be reused for it
    network_.clearConnectionCache();
}

void ApiClient::useStoreCertificate(const QString& thumbprint)
{
    storeThumbprint_ = thumbprint;
}

void ApiClient::clearClientIdentity()
{
    storeThumbprint_.clear();
    tls_.setLocalCertificate(QSslCertificate());
    tls_.setPrivateKey(QSslKey());
    network_.clearConnectionCache();
}

QNetworkRequest ApiClient::request(const QString& path) const
{
    QUrl url = base_;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setSslConfiguration(tls_);
    request.setTransferTimeout(timeoutMs_);
    request.setRawHeader("Accept-Language", language_ == Language::English ? "en" : "ja");
    request.setRawHeader("Accept", "application/json");
    return request;
}

void ApiClient::post(const QString& path, const QJsonObject& body, const QString& bearer, Callback done)
{
    start({QStringLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), bearer, true, std::move(done)});
}

void ApiClient::get(const QString& path, Callback done)
{
    start({QStringLiteral("GET"), path, {}, {}, false, std::move(done)});
}

void ApiClient::send(const QString& method, const QString& path, const QJsonObject& body, Callback done)
{
    start({method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), {}, true, std::move(done)});
}

void ApiClient::postTo(const QUrl& url, const QByteArray& body, const QByteArray& contentType, Callback done)
{
    resolveRoute([this, url, body, contentType, done = std::move(done)](const ProxyRoute&) {
        QNetworkRequest request(url);
        request.setTransferTimeout(timeoutMs_);
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        Call call{QStringLiteral("POST"), url.path(), body, {}, true, done};
        finish(network_.post(request, body), call);
    });
}

void ApiClient::start(Call call)
{
    resolveRoute([this, call = std::move(call)](const ProxyRoute&) mutable { dispatch(std::move(call)); });
}

void ApiClient::dispatch(Call call)
{
    proxyAuthRounds_ = 0;
    if (!proxyLogin_ && route_ && route_->proxy) {
        proxyLogin_ = rememberedLogin();
    }
    // the certificate's key stays in the store: WinHTTP (the bearer of a fresh sign-in goes by Qt)
    if (!storeThumbprint_.isEmpty() && call.bearer.isEmpty()) {
        if (!serverVerified_) {
            verifyServerFirst(call);
            return;
        }
        sendThroughStore(call);
        return;
    }
    auto req = request(call.path);
    if (call.hasBody) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    }
    if (!call.bearer.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + call.bearer.toLatin1());
    }
    QNetworkReply* reply = nullptr;
    if (call.method == QLatin1String("GET")) {
        reply = network_.get(req);
    } else if (call.method == QLatin1String("POST")) {
        reply = network_.post(req, call.body);
    } else {
        reply = network_.sendCustomRequest(req, call.method.toLatin1(), call.body);
    }
    finish(reply, call);
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

void ApiClient::deliver(const Call& call, ApiResult result)
{
    if (route_ && route_->proxy) {
        result.proxy = route_->proxy->display();
    }
    if (result.kind != ApiResult::Kind::Ok && result.kind != ApiResult::Kind::ApiError && result.host.isEmpty()) {
        result.host = base_.host(); // the messages name the bank's host the IT administrator must let through
    }
    if (result.kind != ApiResult::Kind::ProxyAuth) {
        call.done(result);
        return;
    }
    result.realm = lastRealm_.isEmpty() ? result.realm : lastRealm_;
    const bool refused = proxyLogin_.has_value();
    if (refused && proxyLogin_->remember && vault_ != nullptr) {
        vault_->remove(vaultKey()); // remembered, now refused: not offered again
    }
    proxyLogin_.reset();
    if (!prompt_) {
        call.done(result); // nobody to ask (--renew)
        return;
    }
    QPointer<ApiClient> self(this);
    prompt_({result.proxy, result.realm, refused}, [self, call, result](std::optional<ProxyLogin> login) {
        if (!self) {
            return;
        }
        if (!login) {
            call.done(result);
            return;
        }
        if (login->remember && self->vault_ != nullptr) {
            SecureString entry(login->user.toStdString() + '\n' + std::string(login->password.data(), login->password.size()));
            self->vault_->write(self->vaultKey(), entry);
        }
        self->proxyLogin_ = std::move(login);
        // the proxy refused the tunnel: nothing reached the bank, the same request again
        self->network_.clearConnectionCache();
        self->dispatch(call);
    });
}

namespace {

// An HTTP answer (status and body) as the controller sees it.
ApiResult answerOf(int status, const QByteArray& body)
{
    ApiResult result;
    result.status = status;
    const auto document = QJsonDocument::fromJson(body);
    if (status >= 200 && status < 300) {
        result.kind = ApiResult::Kind::Ok;
        result.json = document.object();
        result.raw = body;
    } else if (const auto inner = document.object().value(QStringLiteral("error")).toObject(); !inner.isEmpty()) {
        result.kind = ApiResult::Kind::ApiError;
        result.json = inner;
        result.code = errorCodeFromWire(inner.value(QStringLiteral("code")).toString().toStdString());
        if (!result.code) {
            result.code = ErrorCode::Internal; // a code this client does not know yet
        }
    } else {
        result.kind = ApiResult::Kind::BadAnswer;
    }
    return result;
}

} // namespace

void ApiClient::sendThroughStore(const Call& call)
{
#ifdef Q_OS_WIN
    winhttp::Request request;
    request.method = call.method.toStdWString();
    request.host = base_.host().toStdWString();
    request.port = static_cast<std::uint16_t>(base_.port(443));
    request.path = call.path.toStdWString();
    request.body = call.body.toStdString();
    request.headers = {{L"Content-Type", L"application/json"},
                       {L"Accept", L"application/json"},
                       {L"Accept-Language", language_ == Language::English ? L"en" : L"ja"}};
    request.clientCertificateThumbprint = storeThumbprint_.toStdString();
    for (const auto& der : trustedCaDer_) {
        request.trustedCaDer.emplace_back(der.begin(), der.end());
    }
    request.timeoutMs = static_cast<unsigned long>(timeoutMs_);
    // the same route as the Qt path (ProxyResolver)
    if (route_ && route_->proxy) {
        request.proxy = route_->proxy->display().toStdWString();
        if (proxyLogin_) {
            request.proxyUser = proxyLogin_->user.toStdWString();
            request.proxyPassword =
                QString::fromUtf8(proxyLogin_->password.data(), static_cast<qsizetype>(proxyLogin_->password.size()))
                    .toStdWString();
        }
    }
    QPointer<ApiClient> self(this);
    // WinHTTP blocks: on a worker thread, the answer back on this one
    QThreadPool::globalInstance()->start([self, request, call]() mutable {
        auto response = winhttp::send(request);
        std::fill(request.proxyPassword.begin(), request.proxyPassword.end(), L'\0');
        QMetaObject::invokeMethod(
            self,
            [self, response, call, host = QString::fromStdWString(request.host)] {
                if (response.error == winhttp::Response::Error::None) {
                    self->deliver(call, answerOf(response.status, QByteArray::fromStdString(response.body)));
                    return;
                }
                ApiResult result;
                switch (response.error) {
                case winhttp::Response::Error::Untrusted:
                    result.kind = ApiResult::Kind::Untrusted;
                    result.host = host;
                    break;
                case winhttp::Response::Error::Timeout:
                    result.kind = ApiResult::Kind::Timeout;
                    break;
                case winhttp::Response::Error::Unreachable:
                    result.kind = ApiResult::Kind::Unreachable;
                    break;
                case winhttp::Response::Error::ProxyUnreachable:
                    result.kind = ApiResult::Kind::ProxyUnreachable;
                    break;
                case winhttp::Response::Error::ProxyAuth:
                    result.kind = ApiResult::Kind::ProxyAuth;
                    result.realm = QString::fromStdString(response.realm);
                    self->lastRealm_ = result.realm;
                    break;
                case winhttp::Response::Error::ProxyRefused:
                    result.kind = ApiResult::Kind::ProxyRefused;
                    break;
                default:
                    result.kind = ApiResult::Kind::BadAnswer;
                    break;
                }
                self->deliverOrAskTheProxy(call, result);
            },
            Qt::QueuedConnection);
    });
#else
    ApiResult result; // only Windows keeps keys in a platform store
    result.kind = ApiResult::Kind::BadAnswer;
    deliver(call, result);
#endif
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

void ApiClient::finish(QNetworkReply* reply, const Call& call)
{
    connect(reply, &QNetworkReply::finished, this, [this, reply, call] {
        reply->deleteLater();
        ApiResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const auto body = reply->readAll();
        const auto error = reply->error();
        if (result.status == 0) {
            switch (error) {
            case QNetworkReply::SslHandshakeFailedError:
                result.kind = ApiResult::Kind::Untrusted;
                result.host = reply->url().host();
                break;
            case QNetworkReply::TimeoutError:
            case QNetworkReply::OperationCanceledError:
                result.kind = ApiResult::Kind::Timeout;
                break;
            case QNetworkReply::ProxyConnectionRefusedError:
            case QNetworkReply::ProxyConnectionClosedError:
            case QNetworkReply::ProxyNotFoundError:
            case QNetworkReply::ProxyTimeoutError:
                result.kind = ApiResult::Kind::ProxyUnreachable;
                break;
            case QNetworkReply::ProxyAuthenticationRequiredError:
                result.kind = ApiResult::Kind::ProxyAuth;
                break;
            case QNetworkReply::UnknownProxyError:
                result.kind = ApiResult::Kind::ProxyRefused;
                break;
            default:
                result.kind = ApiResult::Kind::Unreachable;
                break;
            }
            deliverOrAskTheProxy(call, result);
            return;
        }
        deliver(call, answerOf(result.status, body));
    });
}

} // namespace enroll::client
