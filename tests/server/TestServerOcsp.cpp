// The OCSP responder (RFC 6960) through OpenSSL's own client: `openssl ocsp` asks the real server
// over TLS (POST, with a nonce it is not answered) and verifies the delegated signer against the CA; curl asks by GET.
// Good before a revocation, revoked (with its reason) after, unknown for a serial the CA never
// issued, malformedRequest for bytes that are no request. Issued certificates name the responder
// in their AIA next to the CRL in their CDP.
#include "ServerHarness.h"

#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

} // namespace

class TestServerOcsp : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;
    QTemporaryDir dir_;
    ServerProcess::Enrolled enrolled_;

    [[nodiscard]] QString caCert() const { return server_->issuingCa(); }
    // the answer verifies through the delegated signer, the issuing CA and the root
    [[nodiscard]] QStringList trust() const
    {
        return {QStringLiteral("-CAfile"), server_->root(), QStringLiteral("-verify_other"), server_->issuingCa()};
    }

    // `openssl ocsp` against the running server; its standard output and error together.
    QString ask(const QStringList& what)
    {
        const auto r = runTool(QStringLiteral("openssl"), QStringList{QStringLiteral("ocsp"), QStringLiteral("-issuer"), caCert(),
                                                                      QStringLiteral("-url"), server_->url(QStringLiteral("/ocsp"))} +
                                                              trust() + what);
        return QString::fromUtf8(r.out + r.err);
    }

private slots:
    void initTestCase()
    {
        server_ = std::make_unique<ServerProcess>();
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        enrolled_ = server_->enroll(QStringLiteral("98000001"), QStringLiteral("ocsp0001"), kPassword,
                                    QStringLiteral("ocsp@example.co.jp"));
        QVERIFY(!enrolled_.serial.isEmpty());
    }
    void cleanupTestCase() { server_->stop(); }

    void issuedCertificate_namesTheResponderAndTheCrl()
    {
        const auto text = runTool(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"), enrolled_.certFile,
                                                               QStringLiteral("-noout"), QStringLiteral("-text")})
                              .out;
        // plain HTTP, as relying parties fetch them (RFC 5280 §4.2.1.13, RFC 6960 appendix A)
        QVERIFY2(text.contains("OCSP - URI:" + server_->revocationUrl(QStringLiteral("/ocsp")).toUtf8()), text.constData());
        QVERIFY2(text.contains("URI:" + server_->revocationUrl(QStringLiteral("/crl")).toUtf8()), text.constData());
    }

    void good_thenRevokedWithItsReason()
    {
        const auto good = ask({QStringLiteral("-cert"), enrolled_.certFile});
        QVERIFY2(good.contains(QStringLiteral("Response verify OK")), qPrintable(good));
        QVERIFY2(good.contains(enrolled_.certFile + QStringLiteral(": good")), qPrintable(good));
        // the nonce openssl sends is not answered: one answer per certificate, kept (RFC 5019 §2.2.1)
        QVERIFY2(good.contains(QStringLiteral("WARNING: no nonce in response")), qPrintable(good));

        const auto revoked = server_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), enrolled_.serial,
                                             QStringLiteral("--reason"), QStringLiteral("keyCompromise")});
        QCOMPARE(revoked.exitCode, 0);
        const auto after = ask({QStringLiteral("-cert"), enrolled_.certFile});
        QVERIFY2(after.contains(QStringLiteral("Response verify OK")), qPrintable(after));
        QVERIFY2(after.contains(enrolled_.certFile + QStringLiteral(": revoked")), qPrintable(after));
        QVERIFY2(after.contains(QStringLiteral("Reason: keyCompromise")), qPrintable(after));
    }

    void unknownSerial_isUnknown()
    {
        const auto unknown = ask({QStringLiteral("-serial"), QStringLiteral("0x1234567890ABCDEF")});
        QVERIFY2(unknown.contains(QStringLiteral("Response verify OK")), qPrintable(unknown));
        QVERIFY2(unknown.contains(QStringLiteral("0x1234567890ABCDEF: unknown")), qPrintable(unknown));
    }

    // RFC 6960 appendix A.1: GET with the base64 request, URL-encoded, in the path.
    void get_answersLikePost()
    {
        const auto request = dir_.filePath(QStringLiteral("req.der"));
        QCOMPARE(runTool(QStringLiteral("openssl"), {QStringLiteral("ocsp"), QStringLiteral("-issuer"), caCert(), QStringLiteral("-cert"),
                                                      enrolled_.certFile, QStringLiteral("-no_nonce"), QStringLiteral("-reqout"), request})
                     .exitCode,
                 0);
        QFile in(request);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const auto encoded = QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(in.readAll().toBase64())));
        const auto response = dir_.filePath(QStringLiteral("resp.der"));
        const auto got = runTool(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("--cacert"), server_->chain(),
                                                           QStringLiteral("-o"), response, QStringLiteral("-w"), QStringLiteral("%{http_code} %{content_type}"),
                                                           server_->url(QStringLiteral("/ocsp/") + encoded)});
        QCOMPARE(got.out, QByteArray("200 application/ocsp-response"));
        const auto read = runTool(QStringLiteral("openssl"), QStringList{QStringLiteral("ocsp"), QStringLiteral("-respin"), response, QStringLiteral("-issuer"),
                                                               caCert(), QStringLiteral("-cert"), enrolled_.certFile, QStringLiteral("-no_nonce")} +
                                                                  trust());
        const auto text = QString::fromUtf8(read.out + read.err);
        QVERIFY2(text.contains(QStringLiteral("Response verify OK")) && text.contains(QStringLiteral(": revoked")), qPrintable(text));
    }

    // A few certificates per request at most: 4 are answered, 100 are malformedRequest (the
    // responder refuses before any lookup: TestOcspResponder counts them).
    void manyCertificateIds_malformedRequest()
    {
        QStringList four;
        for (int i = 1; i <= 4; ++i) {
            four << QStringLiteral("-serial") << QStringLiteral("0x%1").arg(i);
        }
        const auto answered = ask(four);
        QVERIFY2(answered.contains(QStringLiteral("0x4: unknown")), qPrintable(answered));
        QStringList hundred;
        for (int i = 1; i <= 100; ++i) {
            hundred << QStringLiteral("-serial") << QStringLiteral("0x%1").arg(i);
        }
        const auto refused = ask(hundred);
        QVERIFY2(refused.contains(QStringLiteral("malformedrequest"), Qt::CaseInsensitive), qPrintable(refused));
    }

    // The plain HTTP listener relying parties use: the CRL and OCSP, and nothing else.
    void plainHttp_revocationDataOnly()
    {
        const auto r = runTool(QStringLiteral("openssl"), QStringList{QStringLiteral("ocsp"), QStringLiteral("-issuer"), caCert(), QStringLiteral("-cert"),
                                                                      enrolled_.certFile, QStringLiteral("-url"),
                                                                      server_->revocationUrl(QStringLiteral("/ocsp"))} +
                                                              trust());
        const auto text = QString::fromUtf8(r.out + r.err);
        QVERIFY2(text.contains(QStringLiteral("Response verify OK")) && text.contains(enrolled_.certFile + QStringLiteral(": ")),
                 qPrintable(text));
        const auto status = [this](const QString& path) {
            return runTool(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                                                    QStringLiteral("%{http_code} %{content_type}"), server_->revocationUrl(path)})
                .out;
        };
        QCOMPARE(status(QStringLiteral("/crl")), QByteArray("200 application/pkix-crl"));
        for (const auto* other : {"/healthz", "/api/v1/me", "/api/v1/ca"}) {
            QVERIFY2(status(QString::fromLatin1(other)).startsWith("404"), other);
        }
    }

    void garbage_isMalformedRequest()
    {
        const auto response = dir_.filePath(QStringLiteral("bad.der"));
        const auto got = runTool(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("--cacert"), server_->chain(), QStringLiteral("-o"),
                                                           response, QStringLiteral("-H"), QStringLiteral("Content-Type: application/ocsp-request"),
                                                           QStringLiteral("--data-binary"), QStringLiteral("not an OCSP request"),
                                                           server_->url(QStringLiteral("/ocsp"))});
        QCOMPARE(got.exitCode, 0);
        const auto text = runTool(QStringLiteral("openssl"), {QStringLiteral("ocsp"), QStringLiteral("-respin"), response, QStringLiteral("-resp_text"),
                                                               QStringLiteral("-noverify")});
        QVERIFY2(QString::fromUtf8(text.out + text.err).contains(QStringLiteral("malformedrequest"), Qt::CaseInsensitive), text.out.constData());
        // and the server goes on answering
        QVERIFY(ask({QStringLiteral("-cert"), enrolled_.certFile}).contains(QStringLiteral(": revoked")));
    }
};

QTEST_GUILESS_MAIN(TestServerOcsp)
#include "TestServerOcsp.moc"
