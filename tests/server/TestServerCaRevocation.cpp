// An issuing CA revoked by the root (docs/operations.md, "Revoking an issuing CA"): the ceremony
// with file keys, the issuing CA naming the root's CRL; the server on its own TLS listener and
// behind the real nginx on its socket, a user enrolled. `enroll-admin ca revoke-issuing` on the
// root's side writes the new root CRL where the server reads it (ca.rootCrl): from the next
// handshake the CA's certificates are refused, directly and through nginx, it issues nothing, and
// relying parties find it listed at the distribution point the issuing CA names.
#include "ServerHarness.h"

#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
const QString kRootCrlUrl = QStringLiteral("http://crl.rokin.example/crl/root");

} // namespace

class TestServerCaRevocation : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;

    QString path(const char* name) const { return dir_.filePath(QString::fromLatin1(name)); }

    QStringList root() const
    {
        return {QStringLiteral("--root-cert"), path("root.crt"), QStringLiteral("--root-key"), path("root.key"),
                QStringLiteral("--passphrase-file"), path("root.pass"), QStringLiteral("--ledger"), path("root.ledger"),
                QStringLiteral("--out"), path("root.crl")};
    }
    // `openssl crl -text` of the root's CRL as served at `url`, verified against the root
    QString servedRootCrl(const ServerProcess& server) const
    {
        const auto served = server.call(QStringLiteral("GET"), QStringLiteral("/crl/root"));
        const auto file = writeFile(path("served-root.crl"), served.body);
        const auto text = runTool(QStringLiteral("openssl"), {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                                                               QStringLiteral("-in"), file, QStringLiteral("-CAfile"), path("root.crt"),
                                                               QStringLiteral("-noout"), QStringLiteral("-text")});
        return served.status == 200 && text.err.contains("verify OK") ? QString::fromUtf8(text.out) : QString();
    }

private slots:
    void rootRevokesTheIssuingCa_itsCertificatesRefusedDirectAndBehindNginx()
    {
        QVERIFY(dir_.isValid());
        writeFile(path("root.pass"), "a root passphrase of length\n");
        writeFile(path("issuing.pass"), "an issuing passphrase, long\n");
        const QStringList bank{QStringLiteral("--organization"), QStringLiteral("Test Rokin Bank"), QStringLiteral("--name")};
        QCOMPARE(caCeremony(QStringList{QStringLiteral("make-root"), QStringLiteral("--cert"), path("root.crt"), QStringLiteral("--key"),
                                path("root.key"), QStringLiteral("--passphrase-file"), path("root.pass")} +
                    bank + QStringList{QStringLiteral("Test Root")})
                     .exitCode,
                 0);
        QCOMPARE(caCeremony(QStringList{QStringLiteral("make-issuing"), QStringLiteral("--key"), path("issuing.key"), QStringLiteral("--csr"),
                                path("issuing.csr"), QStringLiteral("--passphrase-file"), path("issuing.pass")} +
                    bank + QStringList{QStringLiteral("Test Issuing CA")})
                     .exitCode,
                 0);
        const QStringList sign{QStringLiteral("sign-issuing"), QStringLiteral("--root-cert"), path("root.crt"), QStringLiteral("--root-key"),
                               path("root.key"), QStringLiteral("--passphrase-file"), path("root.pass"), QStringLiteral("--csr"),
                               path("issuing.csr"), QStringLiteral("--out"), path("issuing.crt")};
        QVERIFY(caCeremony(sign).err.contains("--crl-url")); // an issuing CA always names the root's CRL
        QCOMPARE(caCeremony(sign + QStringList{QStringLiteral("--crl-url"), kRootCrlUrl}).exitCode, 0);
        QVERIFY(certificateText(path("issuing.crt")).contains(QStringLiteral("URI:") + kRootCrlUrl));
        const auto first = caCeremony(QStringList{QStringLiteral("root-crl")} + root());
        QVERIFY2(first.exitCode == 0 && first.out.contains("0 revoked issuing CA"), first.err.constData());

        ServerProcess server({{QStringLiteral("ca.cert"), path("issuing.crt")},
                              {QStringLiteral("ca.key"), path("issuing.key")},
                              {QStringLiteral("ca.keyPassphraseFile"), path("issuing.pass")},
                              {QStringLiteral("ca.chain"), path("root.crt")},
                              {QStringLiteral("ca.rootCrl"), path("root.crl")},
                              {QStringLiteral("server.forwardedListen"), QStringLiteral("unix:") + path("upstream.sock")}});
        QVERIFY2(server.start(), qPrintable(server.log()));
        NginxFront nginx(path("nginx"));
        QVERIFY(nginx.start(server, {QStringLiteral("unix:") + path("upstream.sock")}));
        const auto user = server.enroll(QStringLiteral("82000001"), QStringLiteral("carev001"), kPassword,
                                        QStringLiteral("carev@example.co.jp"));
        QVERIFY2(!user.serial.isEmpty(), qPrintable(server.log()));
        const auto me = [&](int front) {
            server.setFrontPort(front);
            const auto answer = server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {},
                                            CallOptions::withCertificate(user.certFile, user.keyFile));
            server.setFrontPort(0);
            return answer;
        };
        QCOMPARE(me(0).status, 200);
        QCOMPARE(me(nginx.port()).status, 200);
        const auto before = servedRootCrl(server);
        QVERIFY2(before.contains(QStringLiteral("No Revoked Certificates")), qPrintable(before));

        // the root's side: the issuing CA revoked, the new root CRL where the server reads it
        const auto revoked = caCeremony(QStringList{QStringLiteral("revoke-issuing"), QStringLiteral("--cert"), path("issuing.crt"),
                                            QStringLiteral("--reason"), QStringLiteral("cACompromise")} +
                                root());
        QVERIFY2(revoked.exitCode == 0 && revoked.out.contains("1 revoked issuing CA"), revoked.err.constData());
        QVERIFY(caCeremony(QStringList{QStringLiteral("revoke-issuing"), QStringLiteral("--cert"), path("issuing.crt")} + root())
                    .err.contains("already"));
        QTRY_COMPARE_WITH_TIMEOUT(me(0).errorCode(), QStringLiteral("CLIENT_CERT_REQUIRED"), 5000);
        QCOMPARE(me(nginx.port()).errorCode(), QStringLiteral("CLIENT_CERT_REQUIRED"));
        const auto listed = servedRootCrl(server);
        QVERIFY2(listed.contains(QStringLiteral("CA Compromise")), qPrintable(listed));

        // it issues nothing more: nothing is consumed, the operator configures a new issuing CA
        QVERIFY(server.registeredMaster(QStringLiteral("82000002"), QStringLiteral("carev002"), kPassword,
                                        QStringLiteral("carev2@example.co.jp")));
        const auto token = server.issuanceToken(QStringLiteral("carev002"), kPassword, QStringLiteral("carev2@example.co.jp"));
        const auto refused = server.issue(token, makeKeyAndCsr(dir_.path(), QStringLiteral("ec")).csrPem);
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), QStringLiteral("UNAVAILABLE"));
        QVERIFY(server.log().contains(QStringLiteral("the issuing CA is revoked by the root")));

        // a root CRL that does not verify is kept out: the last good one stays
        writeFile(path("root.crl"), "not a CRL");
        QTRY_VERIFY_WITH_TIMEOUT(me(0).errorCode() == QStringLiteral("CLIENT_CERT_REQUIRED") &&
                                     server.log().contains(QStringLiteral("the last good root CRL stays")),
                                 5000);
        // and at the next start, one that does not verify stops it
        server.stop();
        QVERIFY(!server.start());
        QVERIFY2(server.log().contains(QStringLiteral("ca.rootCrl is not a CRL")), qPrintable(server.log()));
    }
};

QTEST_GUILESS_MAIN(TestServerCaRevocation)
#include "TestServerCaRevocation.moc"
