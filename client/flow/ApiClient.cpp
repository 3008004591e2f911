#include "flow/ApiClient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslKey>

namespace enroll::client {

ApiClient::ApiClient(const ClientSettings& settings, QObject* parent)
    : QObject(parent), base_(settings.serverUrl), language_(settings.language),
      tls_(QSslConfiguration::defaultConfiguration())
{
    tls_.setProtocol(QSsl::TlsV1_2OrLater);
    tls_.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!settings.caBundle.isEmpty()) {
        // Only the bank's CA: a certificate from any other authority is not the bank.
        const auto bundle = QSslCertificate::fromPath(settings.caBundle, QSsl::Pem);
        trustConfigured_ = !bundle.isEmpty();
        tls_.setCaCertificates(bundle);
    }
}

void ApiClient::setClientIdentity(const QSslCertificate& certificate, const QSslKey& key)
{
    tls_.setLocalCertificate(certificate);
    tls_.setPrivateKey(key);
    // a kept-alive connection made without this certificate must not be reused for it
    network_.clearConnectionCache();
}

void ApiClient::clearClientIdentity()
{
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
    auto req = request(path);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!bearer.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + bearer.toLatin1());
    }
    finish(network_.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact)), std::move(done));
}

void ApiClient::get(const QString& path, Callback done)
{
    finish(network_.get(request(path)), std::move(done));
}

void ApiClient::send(const QString& method, const QString& path, const QJsonObject& body, Callback done)
{
    auto req = request(path);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    finish(network_.sendCustomRequest(req, method.toLatin1(), QJsonDocument(body).toJson(QJsonDocument::Compact)),
           std::move(done));
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
        const auto document = QJsonDocument::fromJson(body);
        if (result.status >= 200 && result.status < 300) {
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
        done(result);
    });
}

} // namespace enroll::client
