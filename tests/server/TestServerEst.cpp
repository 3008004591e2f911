// EST (RFC 7030) against a real enroll-server, directly and behind the shipped nginx site, with a
// client we did not write: strongSwan's `pki --est` (Debian strongswan-pki; its HTTP is the curl
// plugin of libstrongswan-extra-plugins). Inside the renewal window it re-enrols with the current
// certificate and key and gets a certificate that verifies to the root, is listed by enroll-admin
// and supersedes the old one at once; outside the window and with a revoked certificate it is
// refused with the documented errors. cacerts and csrattrs read by openssl's command line;
// simpleenroll refused.
#include "ServerHarness.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
constexpr qint64 kDay = 24 * 3600;

} // namespace

class TestServerEst : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<NginxFront> nginx_;
    int requests_ = 0;

    void setClockOffsetDays(qint64 days) { writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(days * kDay)); }
    [[nodiscard]] QString ca(const QString& name) const { return server_->dataDir() + QStringLiteral("/ca/") + name; }

    // strongSwan's pki --est: `who`'s certificate and key over TLS, a request for a new key
    // (DER, as RFC 7030 wants it); the new certificate in PEM on standard output
    ProcessResult reenrol(int port, const ServerProcess::Enrolled& who)
    {
        const auto fresh = makeKeyAndCsr(dir_.path(), QStringLiteral("ec:P-256"));
        const auto der = dir_.filePath(QStringLiteral("request-%1.der").arg(++requests_));
        const auto converted = runTool(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-outform"), QStringLiteral("DER"),
                                                                   QStringLiteral("-out"), der},
                                       fresh.csrPem.toLatin1());
        if (converted.exitCode != 0) {
            return converted;
        }
        return runTool(QStringLiteral("pki"),
                       {QStringLiteral("--est"), QStringLiteral("--url"), QStringLiteral("https://localhost:%1").arg(port),
                        QStringLiteral("--cacert"), server_->chain(), QStringLiteral("--cacert"), ca(QStringLiteral("ca.crt")),
                        QStringLiteral("--cacert"), ca(QStringLiteral("root.crt")), QStringLiteral("--cert"), who.certFile,
                        QStringLiteral("--key"), who.keyFile, QStringLiteral("--in"), der, QStringLiteral("--outform"), QStringLiteral("pem")});
    }

    [[nodiscard]] QString certState(const QString& serial) const
    {
        for (const auto& line : QString::fromUtf8(server_->admin({QStringLiteral("cert"), QStringLiteral("list")}).out).split(QLatin1Char('\n'))) {
            const auto f = line.split(QLatin1Char('\t'));
            if (f.size() > 2 && f[0] == serial) {
                return f[2];
            }
        }
        return {};
    }

    // the serial of a PEM certificate, as enroll-admin writes it
    [[nodiscard]] QString serialOf(const QByteArray& pem) const
    {
        const auto got = runTool(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-serial")}, pem);
        return QString::fromLatin1(got.out).trimmed().section(QLatin1Char('='), 1);
    }

    [[nodiscard]] ProcessResult curl(const QString& method, const QString& operation, const QStringList& extra = {}) const
    {
        return runTool(QStringLiteral("curl"), QStringList{QStringLiteral("-sS"), QStringLiteral("-X"), method, QStringLiteral("--cacert"),
                                                           server_->chain()} +
                                                   extra + QStringList{server_->url(QStringLiteral("/.well-known/est/") + operation)});
    }

private slots:
    void initTestCase()
    {
        setClockOffsetDays(0);
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{
            {QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock"))},
            {QStringLiteral("server.forwardedListen"), QStringLiteral("unix:") + dir_.filePath(QStringLiteral("est.sock"))}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        nginx_ = std::make_unique<NginxFront>(dir_.filePath(QStringLiteral("nginx")));
        QVERIFY(nginx_->start(*server_, {QStringLiteral("unix:") + dir_.filePath(QStringLiteral("est.sock"))}));
    }
    void cleanupTestCase()
    {
        nginx_.reset();
        server_->stop();
    }

    // the CA certificates as PKCS#7 certs-only and what a request must carry, read by openssl
    void cacertsAndCsrattrs_readByOpenssl()
    {
        const auto cacerts = curl(QStringLiteral("GET"), QStringLiteral("cacerts"), {QStringLiteral("-D"), dir_.filePath(QStringLiteral("h"))});
        QVERIFY2(cacerts.exitCode == 0, cacerts.err.constData());
        const auto der = runTool(QStringLiteral("openssl"), {QStringLiteral("base64"), QStringLiteral("-d"), QStringLiteral("-A")}, cacerts.out);
        const auto printed = runTool(QStringLiteral("openssl"), {QStringLiteral("pkcs7"), QStringLiteral("-inform"), QStringLiteral("DER"),
                                                                 QStringLiteral("-print_certs"), QStringLiteral("-noout")},
                                     der.out);
        QVERIFY2(printed.exitCode == 0, printed.err.constData());
        const auto subjects = printed.out.count("subject=");
        QCOMPARE(subjects, 2); // the issuing CA and the root
        QFile headers(dir_.filePath(QStringLiteral("h")));
        QVERIFY(headers.open(QIODevice::ReadOnly));
        const auto h = headers.readAll().toLower();
        QVERIFY2(h.contains("content-type: application/pkcs7-mime; smime-type=certs-only") && h.contains("content-transfer-encoding: base64"),
                 h.constData());

        const auto attrs = curl(QStringLiteral("GET"), QStringLiteral("csrattrs"));
        const auto parsed = runTool(QStringLiteral("openssl"), {QStringLiteral("asn1parse"), QStringLiteral("-inform"), QStringLiteral("DER")},
                                    runTool(QStringLiteral("openssl"), {QStringLiteral("base64"), QStringLiteral("-d"), QStringLiteral("-A")}, attrs.out).out);
        QVERIFY2(parsed.exitCode == 0 && parsed.out.contains(":id-ecPublicKey") && parsed.out.contains(":prime256v1") &&
                     parsed.out.contains(":rsaEncryption") && parsed.out.contains(":ecdsa-with-SHA256"),
                 (parsed.out + parsed.err).constData());
    }

    // a first certificate needs the wizard's e-mailed code
    void simpleenroll_refused()
    {
        const auto refused = curl(QStringLiteral("POST"), QStringLiteral("simpleenroll"),
                                  {QStringLiteral("-H"), QStringLiteral("Content-Type: application/pkcs10"), QStringLiteral("--data"), QStringLiteral("MIIB")});
        QVERIFY2(refused.out.contains("\"code\":\"FORBIDDEN\""), refused.out.constData());
    }

    void reenrol_outsideTheWindow_insideIt_directAndBehindNginx()
    {
        auto user = server_->enroll(QStringLiteral("98000001"), QStringLiteral("estuser1"), kPassword, QStringLiteral("est1@example.co.jp"));
        QVERIFY(!user.serial.isEmpty());
        // outside the window: refused, nothing issued
        const auto early = reenrol(server_->port(), user);
        QVERIFY2(early.exitCode != 0, early.out.constData());
        QCOMPARE(server_->admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("estuser1")})
                     .out.count("\testuser1\t"),
                 1);
        // what an EST client is told: RENEWAL_NOT_OPEN (JSON, as every error of the API)
        const auto base64 = dir_.filePath(QStringLiteral("request-1.b64"));
        QCOMPARE(runTool(QStringLiteral("openssl"), {QStringLiteral("base64"), QStringLiteral("-in"), dir_.filePath(QStringLiteral("request-1.der")),
                                                     QStringLiteral("-out"), base64})
                     .exitCode,
                 0);
        const QStringList post{QStringLiteral("-H"), QStringLiteral("Content-Type: application/pkcs10"), QStringLiteral("--data-binary"),
                               QStringLiteral("@") + base64};
        const auto why = curl(QStringLiteral("POST"), QStringLiteral("simplereenroll"),
                              QStringList{QStringLiteral("--cert"), user.certFile, QStringLiteral("--key"), user.keyFile} + post);
        QVERIFY2(why.out.contains("\"code\":\"RENEWAL_NOT_OPEN\""), why.out.constData());

        // inside the window (340 days on): a new certificate, verified to the root, listed, active;
        // the old one superseded at once
        setClockOffsetDays(340);
        const auto renewed = reenrol(server_->port(), user);
        QVERIFY2(renewed.exitCode == 0 && renewed.out.contains("-----BEGIN CERTIFICATE-----"), (renewed.out + renewed.err).constData());
        const auto certFile = writeFile(dir_.filePath(QStringLiteral("renewed1.crt")), renewed.out);
        const auto verified = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-attime"),
                                                                  QString::number(QDateTime::currentSecsSinceEpoch() + 340 * kDay),
                                                                  QStringLiteral("-CAfile"), ca(QStringLiteral("root.crt")),
                                                                  QStringLiteral("-untrusted"), ca(QStringLiteral("ca.crt")), certFile});
        QVERIFY2(verified.exitCode == 0, (verified.out + verified.err).constData());
        const auto serial = serialOf(renewed.out);
        QCOMPARE(certState(serial), QStringLiteral("active"));
        QCOMPARE(certState(user.serial), QStringLiteral("revoked"));
        QCOMPARE(server_->auditCount(QStringLiteral("cert.renewed.est"), serial), 1);
        QCOMPARE(server_->auditCount(QStringLiteral("cert.revoked"), user.serial, QStringLiteral("superseded by ") + serial), 1);
        QCOMPARE(server_->mailCount(QStringLiteral("issued"), QStringLiteral("est1@example.co.jp")), 2);

        // the revoked certificate: refused, documented as CLIENT_CERT_REQUIRED
        const auto again = reenrol(server_->port(), user);
        QVERIFY(again.exitCode != 0);
        const auto revoked = curl(QStringLiteral("POST"), QStringLiteral("simplereenroll"),
                                  QStringList{QStringLiteral("--cert"), user.certFile, QStringLiteral("--key"), user.keyFile} + post);
        QVERIFY2(revoked.out.contains("\"code\":\"CLIENT_CERT_REQUIRED\""), revoked.out.constData());

        // behind nginx: another user, the same door through the shipped site
        setClockOffsetDays(0);
        const auto second = server_->enroll(QStringLiteral("98000002"), QStringLiteral("estuser2"), kPassword, QStringLiteral("est2@example.co.jp"));
        QVERIFY(!second.serial.isEmpty());
        setClockOffsetDays(340);
        const auto fronted = reenrol(nginx_->port(), second);
        QVERIFY2(fronted.exitCode == 0 && fronted.out.contains("-----BEGIN CERTIFICATE-----"), (fronted.out + fronted.err + server_->log().right(2000).toUtf8()).constData());
        QCOMPARE(certState(serialOf(fronted.out)), QStringLiteral("active"));
        QCOMPARE(certState(second.serial), QStringLiteral("revoked"));
        setClockOffsetDays(0);
    }
};

QTEST_MAIN(TestServerEst)
#include "TestServerEst.moc"
