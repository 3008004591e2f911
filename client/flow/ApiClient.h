// The wire protocol from the PC: asynchronous HTTPS on QNetworkAccessManager, TLS 1.2 or later,
// the server verified against the bank's CA bundle (never ignoreSslErrors), timeouts, and every
// answer reduced to an ApiResult the controller can act on. Every request, Qt's and WinHTTP's,
// goes the way ProxyResolver says (resolved once, before the first request); a proxy that asks
// for a password asks the person at the PC through the prompt the window sets (nobody is asked
// without one: --renew).
#pragma once

#include "app/ClientSettings.h"
#include "flow/ProxyResolver.h"
#include "store/SecretVault.h"
#include "enroll/ErrorCodes.h"

#include <QAuthenticator>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <memory>
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
        ProxyUnreachable, // the proxy itself cannot be reached (down, refused, no answer)
        ProxyAuth,        // the proxy asks for credentials (407) and none were given or taken
        ProxyRefused,     // the proxy would not connect to the bank (its rules, or the bank not reachable from it)
    };
    Kind kind = Kind::BadAnswer;
    int status = 0;
    QJsonObject json;                 // the body (error bodies: the inner "error" object)
    std::optional<ErrorCode> code;    // ApiError
    QByteArray raw;                   // non-JSON bodies (the CRL)
    QString host;                     // Untrusted: the host whose chain was not the bank's
    QString proxy;                    // the proxy the request went through ("host:port"), empty: direct
    QString realm;                    // ProxyAuth: the proxy's realm

    [[nodiscard]] bool ok() const { return kind == Kind::Ok; }
    [[nodiscard]] QString text(const char* field) const { return json.value(QLatin1String(field)).toString(); }
};

// A proxy's request for credentials, and the answer of the person at the PC.
struct ProxyChallenge
{
    QString proxy;          // "host:port"
    QString realm;          // as the proxy names itself
    bool refused = false;   // the credentials given last were refused
};
struct ProxyLogin
{
    QString user;
    SecureString password;
    bool remember = false; // kept for this user on this PC (the vault), else for this run only
};
// Asks and answers once (nullopt: cancelled). Set by the window; --renew sets none.
using ProxyLoginPrompt = std::function<void(const ProxyChallenge&, std::function<void(std::optional<ProxyLogin>)>)>;

class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResult&)>;

    explicit ApiClient(const ClientSettings& settings, QObject* parent = nullptr);
    ~ApiClient() override;
    ApiClient(const ApiClient&) = delete;
    ApiClient& operator=(const ApiClient&) = delete;
    // The PC's proxy sources in place of the platform's (tests of the resolution's use only).
    ApiClient(const ClientSettings& settings, PcProxySettings proxySettings, PacEvaluator pac, QObject* parent = nullptr);

    void post(const QString& path, const QJsonObject& body, const QString& bearer, Callback done);
    void get(const QString& path, Callback done);
    // Any method with a JSON body (PATCH, DELETE…).
    void send(const QString& method, const QString& path, const QJsonObject& body, Callback done);
    // A body to another address of the bank (its OCSP responder, http://), by the same route.
    void postTo(const QUrl& url, const QByteArray& body, const QByteArray& contentType, Callback done);
    // Client certificate for the mTLS endpoints (portable transport; Windows uses the store's key).
    void setClientIdentity(const QSslCertificate& certificate, const QSslKey& key);
    // Windows: the certificate with this thumbprint in the user's store, its key used in place
    // (WinHTTP); every request goes that way until clearClientIdentity().
    void useStoreCertificate(const QString& thumbprint);
    void clearClientIdentity();

    // false when the configured CA bundle could not be read (nothing would be trusted)
    [[nodiscard]] bool trustConfigured() const { return trustConfigured_; }
    void setTimeout(int milliseconds) { timeoutMs_ = milliseconds; }

    // Proxy credentials: asked through `prompt`, remembered in `vault` when the user says so.
    void setProxyLoginPrompt(ProxyLoginPrompt prompt) { prompt_ = std::move(prompt); }
    void setProxyCredentialVault(SecretVault* vault) { vault_ = vault; }
    // The route every request takes (resolved on first use; --doctor shows it).
    void resolveRoute(std::function<void(const ProxyRoute&)> done);

private:
    struct Call
    {
        QString method;
        QString path;
        QByteArray body;
        QString bearer;
        bool hasBody = false;
        Callback done;
    };
    void start(Call call);
    void routeResolved(const ProxyRoute& route);
    void dispatch(Call call);
    void deliver(const Call& call, ApiResult result);
    void finish(QNetworkReply* reply, const Call& call);
    void sendThroughStore(const Call& call);
    void deliverOrAskTheProxy(const Call& call, ApiResult result);
    void verifyServerFirst(const Call& call);
    void askTheProxy(const Call& call, ApiResult result);
    QNetworkRequest request(const QString& path) const;
    void onProxyAuthentication(const QNetworkProxy& proxy, QAuthenticator* authenticator);
    [[nodiscard]] QString vaultKey() const;
    std::optional<ProxyLogin> rememberedLogin();


    QNetworkAccessManager network_;
    QUrl base_;
    Language language_;
    QSslConfiguration tls_;
    bool trustConfigured_ = false;
    int timeoutMs_ = 30000;
    QString storeThumbprint_;
    std::vector<QByteArray> trustedCaDer_;
    PcProxySettings proxySettings_;
    PacEvaluator pac_;
    std::optional<ProxyRoute> route_;
    bool resolving_ = false;
    std::vector<std::function<void()>> waitingForRoute_;
    ProxyLoginPrompt prompt_;
    SecretVault* vault_ = nullptr;
    std::optional<ProxyLogin> proxyLogin_; // the credentials in use (asked, or from the vault)
    bool vaultTried_ = false;
    int proxyAuthRounds_ = 0; // credentials offered to the proxy for the request under way
    bool serverVerified_ = false; // a handshake alone has shown the bank's chain (WinHTTP's requests wait for it)
    QString lastRealm_;
};

} // namespace enroll::client
