#include "flow/ApiClient.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QSslKey>
#include <QSslSocket>
#include <QThreadPool>

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
