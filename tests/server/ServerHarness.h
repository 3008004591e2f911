// Black-box harness: starts the real enroll-server on a free loopback port with a temporary data
// directory, and drives it only with independent programs — curl for HTTPS, openssl for keys,
// requests and certificate checks, enroll-admin for the bank's side. No server code is linked.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace enroll::test {

struct HttpResult
{
    int status = 0;     // 0: no HTTP answer (connection or TLS failure)
    QByteArray body;
    QJsonObject json;   // parsed body when it is a JSON object
    QString curlError;  // curl's stderr when status is 0
    QByteArray headers; // the response's header lines

    [[nodiscard]] QString errorCode() const;
    [[nodiscard]] QString field(const QString& name) const { return json.value(name).toString(); }
    // "userId:length,email:format" from an INVALID_INPUT body
    [[nodiscard]] QString fieldErrors() const;
    // A response header's value (case-insensitive name), empty when absent.
    [[nodiscard]] QString header(const QString& name) const;
};

struct CallOptions
{
    QString bearer;
    QString certFile;
    QString keyFile;
    QString language;   // Accept-Language
    QString tlsMax;     // e.g. "1.1"
    QByteArray rawBody; // sent as-is instead of the JSON object
    QString sourceAddress;    // curl --interface: another loopback address (127.0.0.2 …)
    QStringList extraHeaders; // "Name: value"
    QString path;             // in a batch: this call's path instead of the batch's
    QString requestTarget;    // curl --request-target: the request line's target as given (absolute-form…)

    static CallOptions withCertificate(const QString& cert, const QString& key)
    {
        CallOptions o;
        o.certFile = cert;
        o.keyFile = key;
        return o;
    }
};

struct ClientKey
{
    QString keyFile;
    QString csrPem;
};

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class ServerProcess
{
public:
    // `settings`: config keys written to a properties file next to the data directory.
    explicit ServerProcess(QMap<QString, QString> settings = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    bool start();          // waits until /healthz answers
    bool launch();         // starts the process only (a server nginx alone reaches: check later)
    bool waitForHealth();  // until /healthz answers (through the front port when set)
    void stop();           // SIGTERM, waits for a clean exit
    void kill();           // SIGKILL
    [[nodiscard]] int exitCode() const;
    [[nodiscard]] qint64 pid() const; // 0 when not running
    [[nodiscard]] QString log() const;

    [[nodiscard]] QString dataDir() const { return dir_.filePath(QStringLiteral("data")); }
    // what clients pin for the server's TLS: the (development) TLS CA
    [[nodiscard]] QString chain() const { return dataDir() + QStringLiteral("/ca/chain.pem"); }
    // the client certificates' CAs: the issuing CA and its root (nginx's ssl_client_certificate)
    [[nodiscard]] QString clientCa() const { return dataDir() + QStringLiteral("/ca/client-ca.pem"); }
    [[nodiscard]] QString root() const { return dataDir() + QStringLiteral("/ca/root.crt"); }
    [[nodiscard]] QString issuingCa() const { return dataDir() + QStringLiteral("/ca/ca.crt"); }
    // The settings of another instance of the same bank: this one's issuing CA (under its root),
    // TLS certificate and TLS chain.
    [[nodiscard]] QMap<QString, QString> samePki() const;
    [[nodiscard]] QString outboxDir() const
    {
        return settings_.value(QStringLiteral("mail.outboxDir"), dataDir() + QStringLiteral("/outbox"));
    }
    [[nodiscard]] QString scratch(const QString& name) const { return dir_.filePath(name); }
    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] QString url(const QString& path) const;
    // The plain HTTP listener of the CRL and OCSP (server.revocationPort), as certificates name it.
    [[nodiscard]] QString revocationUrl(const QString& path) const
    {
        return QStringLiteral("http://localhost:%1%2").arg(settings_.value(QStringLiteral("server.revocationPort")), path);
    }
    // Sends every later call to another port on this host (nginx in front of this server).
    void setFrontPort(int port) { frontPort_ = port; }
    void setSetting(const QString& key, const QString& value) { settings_.insert(key, value); }

    HttpResult call(const QString& method, const QString& path, const QJsonObject& body = {},
                    const CallOptions& options = {}) const;
    HttpResult post(const QString& path, const QJsonObject& body, const CallOptions& options = {}) const
    {
        return call(QStringLiteral("POST"), path, body, options);
    }
    // Runs many calls at once (separate curl processes), for races.
    std::vector<HttpResult> concurrent(const QString& method, const QString& path,
                                       const std::vector<QJsonObject>& bodies,
                                       const std::vector<CallOptions>& options = {}) const;

    // Calls started at once and collected later: lets a test act (e.g. kill -9) mid-burst.
    class Batch
    {
    public:
        [[nodiscard]] int finished() const;
        [[nodiscard]] int answered(int status) const; // finished calls that answered `status`
        std::vector<HttpResult> collect();               // waits for all

    private:
        friend class ServerProcess;
        std::vector<std::unique_ptr<QProcess>> processes_;
        std::vector<QString> outputs_;
    };
    std::unique_ptr<Batch> start(const QString& method, const QString& path, const std::vector<QJsonObject>& bodies,
                                 const std::vector<CallOptions>& options) const;

    ProcessResult admin(const QStringList& arguments, const QByteArray& input = {}) const;
    // Rows of the audit log (enroll-admin audit list) with this event and subject, and when given,
    // a detail that contains `detail`.
    [[nodiscard]] int auditCount(const QString& event, const QString& subject, const QString& detail = {}) const;

    // --- the enrollment steps, each asserting nothing: tests check the results ---
    bool addContract(const QString& number, const QString& password, const QString& employer = QStringLiteral("労金商事")) const;
    HttpResult contractLogin(const QString& number, const QString& password) const;
    HttpResult registerMaster(const QString& token, const QString& userId, const QString& password,
                              const QString& email = QStringLiteral("master@example.co.jp")) const;
    HttpResult authenticate(const QString& userId, const QString& password) const;
    HttpResult verify(const QString& enrollmentId, const QString& code) const;
    HttpResult issue(const QString& issuanceToken, const QString& csrPem) const;
    HttpResult confirm(const QString& issuanceToken, const QString& serial) const;

    // The newest mail of `kind` (X-Rokin-Mail) to `to`: decoded UTF-8 body, empty when none.
    [[nodiscard]] QString latestMail(const QString& kind, const QString& to) const;
    [[nodiscard]] int mailCount(const QString& kind, const QString& to) const;
    [[nodiscard]] QString latestCode(const QString& to) const;

    // A contract with a registered master, ready to authenticate. Returns false on any failure.
    bool registeredMaster(const QString& contract, const QString& userId, const QString& password,
                          const QString& email) const;
    // Through authenticate and verify: an issuance token (empty on failure).
    QString issuanceToken(const QString& userId, const QString& password, const QString& email) const;
    // The whole flow to a confirmed certificate; files of the client's key and certificate.
    struct Enrolled
    {
        QString serial;
        QString certFile;
        QString keyFile;
    };
    Enrolled enroll(const QString& contract, const QString& userId, const QString& password, const QString& email) const;

private:
    QTemporaryDir dir_;
    QMap<QString, QString> settings_;
    int port_ = 0;
    int frontPort_ = 0;
    int revocationPort_ = 0;
    std::unique_ptr<QProcess> process_;
};

// nginx in front of `upstreams` (unix:/path or host:port), as in production: the shipped site file
// rendered by tests/fixtures/nginx-front.sh with a free port and the certificates of `server`'s
// data directory (or the given TLS files).
class NginxFront
{
public:
    explicit NginxFront(QString dir) : dir_(std::move(dir)) {}
    ~NginxFront() { stop(); }
    NginxFront(const NginxFront&) = delete;
    NginxFront& operator=(const NginxFront&) = delete;

    bool start(const ServerProcess& certificates, const QStringList& upstreams);
    void stop();
    [[nodiscard]] int port() const { return port_; }
    // the plain HTTP listener of the CRL and OCSP (the shipped site's port 80)
    [[nodiscard]] QString plainUrl(const QString& path) const;

private:
    QString dir_;
    int port_ = 0;
};

// A real squid (tests/fixtures/squid-proxy.sh) as an employer's proxy in front of `bankPort`.
class SquidProxy
{
public:
    enum class Mode { Open, Basic, Bump };
    static inline const QString kUser = QStringLiteral("clerk");
    static inline const QString kPassword = QStringLiteral("Proxy1!pw");
    static inline const QString kRealm = QStringLiteral("Rokin test proxy");

    SquidProxy() = default;
    ~SquidProxy() { stop(); }
    SquidProxy(const SquidProxy&) = delete;
    SquidProxy& operator=(const SquidProxy&) = delete;

    bool start(Mode mode, int bankPort);
    void stop();
    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] QString address() const { return QStringLiteral("127.0.0.1:%1").arg(port_); } // as ProxyServer::display()
    // what squid logged: one line per request it saw
    [[nodiscard]] QString accessLog() const;
    // bump: the inspection CA that re-signs the bank's certificate
    [[nodiscard]] QString bumpCa() const { return dir_ + QStringLiteral("/bump-ca.pem"); }

private:
    QString dir_;
    int port_ = 0;
};

// --- independent tools -------------------------------------------------------------------------

ProcessResult runTool(const QString& program, const QStringList& arguments, const QByteArray& input = {},
                      int timeoutMs = 60000);
// `enroll-admin ca …` without a server's configuration: the key ceremony's steps.
ProcessResult caCeremony(const QStringList& arguments);
// A key pair and PKCS#10 request made by the openssl command line. `keySpec`: "rsa:2048",
// "rsa:1024", "ec" (P-256), "ec384".
// `count` verify bodies for one enrollment: distinct wrong codes, the right one last.
std::vector<QJsonObject> codeGuesses(const QString& enrollmentId, const QString& rightCode, int count);

ClientKey makeKeyAndCsr(const QString& directory, const QString& keySpec, const QString& subject = QStringLiteral("/CN=ignored"));
// Another issuer's clientAuth certificate for `commonName` (a VPN's, another bank's), valid `days`,
// made by the openssl command line in `directory` under its own CA "Other Bank CA": PEM
// certificate and key, and a PKCS#12 (SHA-1/3DES, password "other1", as Windows imports anything).
struct ForeignCertificate
{
    QString certFile;
    QString keyFile;
    QString pkcs12File;
};
ForeignCertificate makeForeignClientCertificate(const QString& directory, const QString& commonName, int days);
// `openssl x509 -noout -text` of a PEM.
QString certificateText(const QString& pemFile);
int freeLoopbackPort();
QString writeFile(const QString& path, const QByteArray& content);

} // namespace enroll::test
