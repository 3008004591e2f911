// The wire protocol from the PC: asynchronous HTTPS on QNetworkAccessManager, TLS 1.2 or later,
// the server verified against the bank's CA bundle (never ignoreSslErrors), timeouts, and every
// answer reduced to an ApiResult the controller can act on.
#pragma once

#include "app/ClientSettings.h"
#include "enroll/ErrorCodes.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <vector>
#include <optional>

namespace enroll::client {

struct ApiResult
{
    enum class Kind {
        Ok,            // 2xx
        ApiError,      // the server answered with an error body (code set)
        Unreachable,   // connection refused, host not found, network down
        Untrusted,     // TLS: the server's certificate is not the bank's
        Timeout,
        BadAnswer,     // not the protocol (not JSON, unexpected status)
    };
    Kind kind = Kind::BadAnswer;
    int status = 0;
    QJsonObject json;                 // the body (error bodies: the inner "error" object)
    std::optional<ErrorCode> code;    // ApiError
    QByteArray raw;                   // non-JSON bodies (the CRL)
    QString host;                     // Untrusted: the host whose chain was not the bank's

    [[nodiscard]] bool ok() const { return kind == Kind::Ok; }
    [[nodiscard]] QString text(const char* field) const { return json.value(QLatin1String(field)).toString(); }
};

class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResult&)>;

    explicit ApiClient(const ClientSettings& settings, QObject* parent = nullptr);

    void post(const QString& path, const QJsonObject& body, const QString& bearer, Callback done);
    void get(const QString& path, Callback done);
    // Any method with a JSON body (PATCH, DELETE…).
    void send(const QString& method, const QString& path, const QJsonObject& body, Callback done);
    // Client certificate for the mTLS endpoints (portable transport; Windows uses the store's key).
    void setClientIdentity(const QSslCertificate& certificate, const QSslKey& key);
    // Windows: the certificate with this thumbprint in the user's store, its key used in place
    // (WinHTTP); every request goes that way until clearClientIdentity().
    void useStoreCertificate(const QString& thumbprint);
    void clearClientIdentity();

    // false when the configured CA bundle could not be read (nothing would be trusted)
    [[nodiscard]] bool trustConfigured() const { return trustConfigured_; }
    void setTimeout(int milliseconds) { timeoutMs_ = milliseconds; }

private:
    void finish(QNetworkReply* reply, Callback done);
    void sendThroughStore(const QString& method, const QString& path, const QByteArray& body, Callback done);
    QNetworkRequest request(const QString& path) const;

    QNetworkAccessManager network_;
    QUrl base_;
    Language language_;
    QSslConfiguration tls_;
    bool trustConfigured_ = false;
    int timeoutMs_ = 30000;
    QString storeThumbprint_;
    std::vector<QByteArray> trustedCaDer_;
};

} // namespace enroll::client
