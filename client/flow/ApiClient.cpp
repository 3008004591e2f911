#include "flow/ApiClient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QSslKey>
#include <QThreadPool>

#ifdef Q_OS_WIN
#include "WinHttpTransport.h"
#endif

namespace enroll::client {

ApiClient::ApiClient(const ClientSettings& settings, QObject* parent)
    : QObject(parent), base_(settings.serverUrl), language_(settings.language),
      tls_(QSslConfiguration::defaultConfiguration())
{
    tls_.setProtocol(QSsl::TlsV1_2OrLater);
    tls_.setPeerVerifyMode(QSslSocket::VerifyPeer);
    // without the bank's bundle only a development run (--dev) goes on, with the system's roots
    trustConfigured_ = settings.development;
    if (!settings.caBundle.isEmpty()) {
        // Only the bank's CA: a certificate from any other authority is not the bank.
        const auto bundle = QSslCertificate::fromPath(settings.caBundle, QSsl::Pem);
        trustConfigured_ = !bundle.isEmpty();
        tls_.setCaCertificates(bundle);
        for (const auto& ca : bundle) {
            trustedCaDer_.push_back(ca.toDer());
        }
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
    if (!storeThumbprint_.isEmpty() && bearer.isEmpty()) {
        sendThroughStore(QStringLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(done));
        return;
    }
    auto req = request(path);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!bearer.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + bearer.toLatin1());
    }
    finish(network_.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact)), std::move(done));
}

void ApiClient::get(const QString& path, Callback done)
{
    if (!storeThumbprint_.isEmpty()) {
        sendThroughStore(QStringLiteral("GET"), path, {}, std::move(done));
        return;
    }
    finish(network_.get(request(path)), std::move(done));
}

void ApiClient::send(const QString& method, const QString& path, const QJsonObject& body, Callback done)
{
    if (!storeThumbprint_.isEmpty()) {
        sendThroughStore(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(done));
        return;
    }
    auto req = request(path);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    finish(network_.sendCustomRequest(req, method.toLatin1(), QJsonDocument(body).toJson(QJsonDocument::Compact)),
           std::move(done));
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

void ApiClient::sendThroughStore(const QString& method, const QString& path, const QByteArray& body, Callback done)
{
#ifdef Q_OS_WIN
    winhttp::Request request;
    request.method = method.toStdWString();
    request.host = base_.host().toStdWString();
    request.port = static_cast<std::uint16_t>(base_.port(443));
    request.path = path.toStdWString();
    request.body = body.toStdString();
    request.headers = {{L"Content-Type", L"application/json"},
                       {L"Accept", L"application/json"},
                       {L"Accept-Language", language_ == Language::English ? L"en" : L"ja"}};
    request.clientCertificateThumbprint = storeThumbprint_.toStdString();
    for (const auto& der : trustedCaDer_) {
        request.trustedCaDer.emplace_back(der.begin(), der.end());
    }
    request.timeoutMs = static_cast<unsigned long>(timeoutMs_);
    QPointer<ApiClient> self(this);
    // WinHTTP blocks: on a worker thread, the answer back on this one
    QThreadPool::globalInstance()->start([self, request, done = std::move(done)] {
        const auto response = winhttp::send(request);
        QMetaObject::invokeMethod(
            self,
            [response, done, host = QString::fromStdWString(request.host)] {
                if (response.error == winhttp::Response::Error::None) {
                    done(answerOf(response.status, QByteArray::fromStdString(response.body)));
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
                default:
                    result.kind = ApiResult::Kind::BadAnswer;
                    break;
                }
                done(result);
            },
            Qt::QueuedConnection);
    });
#else
    (void)method;
    (void)path;
    (void)body;
    ApiResult result; // only Windows keeps keys in a platform store
    result.kind = ApiResult::Kind::BadAnswer;
    done(result);
#endif
}

void ApiClient::finish(QNetworkReply* reply, Callback done)
{
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
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
            default:
                result.kind = ApiResult::Kind::Unreachable;
                break;
            }
            done(result);
            return;
        }
        result = answerOf(result.status, body);
        done(result);
    });
}

} // namespace enroll::client
