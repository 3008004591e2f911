// The bank's own CA and TLS certificate from config paths, the CA key encrypted with its
// passphrase in a file; a wrong passphrase stops the start with a clear reason. Also the
// operator's master reset.
#include "ServerHarness.h"

#include <QJsonArray>
#include <QtTest>

#include <pwd.h>
#include <unistd.h>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

QByteArray readAll(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool openssl(const QStringList& args)
{
    const auto r = runTool(QStringLiteral("openssl"), args);
    if (r.exitCode != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
    }
    return r.exitCode == 0;
}

} // namespace

class TestServerProductionCa : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;

    QString path(const char* name) const { return dir_.filePath(QString::fromLatin1(name)); }

    QMap<QString, QString> settings(const char* passphraseFile) const
    {
        return {{QStringLiteral("ca.cert"), path("ca.crt")},
                {QStringLiteral("ca.key"), path("ca.key")},
                {QStringLiteral("ca.keyPassphraseFile"), path(passphraseFile)},
                {QStringLiteral("tls.cert"), path("tls.crt")},
                {QStringLiteral("tls.key"), path("tls.key")},
                {QStringLiteral("ca.organization"), QStringLiteral("Test Rokin Bank")},
                {QStringLiteral("ca.crlUrl"), QStringLiteral("http://crl.rokin.example/enroll.crl")},
                {QStringLiteral("ca.ocspUrl"), QStringLiteral("http://ocsp.rokin.example/ocsp")},
                {QStringLiteral("server.mode"), QStringLiteral("production")}};
    }

private slots:
    void initTestCase()
    {
        writeFile(path("pass"), "correct horse battery\n");
        writeFile(path("wrong"), "wrong horse\n");
        QVERIFY(openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("rsa_keygen_bits:3072"), QStringLiteral("-aes256"), QStringLiteral("-pass"),
                         QStringLiteral("file:") + path("pass"), QStringLiteral("-out"), path("ca.key")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-key"), path("ca.key"),
                         QStringLiteral("-passin"), QStringLiteral("file:") + path("pass"), QStringLiteral("-subj"),
                         QStringLiteral("/C=JP/O=Test Rokin Bank/CN=Test Rokin Client CA"), QStringLiteral("-days"), QStringLiteral("3650"),
                         QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"), QStringLiteral("-out"), path("ca.crt")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"), path("tls.key"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=localhost"), QStringLiteral("-out"), path("tls.csr")}));
        writeFile(path("tls.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("tls.csr"), QStringLiteral("-CA"),
                         path("ca.crt"), QStringLiteral("-CAkey"), path("ca.key"), QStringLiteral("-passin"),
                         QStringLiteral("file:") + path("pass"), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"),
                         QStringLiteral("30"), QStringLiteral("-extfile"), path("tls.ext"), QStringLiteral("-out"), path("tls.crt")}));
    }

    void configuredCa_issuesWithItsOwnKey()
    {
        ServerProcess server(settings("pass"));
        QVERIFY2(server.start(), qPrintable(server.log()));
        QVERIFY(!server.log().contains(QStringLiteral("development CA")));
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/healthz")).field(QStringLiteral("mode")), QStringLiteral("production"));
        const auto enrolled = server.enroll(QStringLiteral("80000001"), QStringLiteral("prodca01"), kPassword,
                                            QStringLiteral("prod@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        const auto verify = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("ca.crt"),
                                                                 enrolled.certFile});
        QCOMPARE(verify.exitCode, 0);
        const auto text = certificateText(enrolled.certFile);
        QVERIFY(text.contains(QStringLiteral("O=Test Rokin Bank")));
        QVERIFY(text.contains(QStringLiteral("URI:http://crl.rokin.example/enroll.crl")));
        QVERIFY(text.contains(QStringLiteral("OCSP - URI:http://ocsp.rokin.example/ocsp")));

        // the operator resets the master with a new initial password (required, and not the old one):
        // its certificate is revoked, a new master may register, with the new password only
        const QStringList reset{QStringLiteral("contract"), QStringLiteral("reset-master"), QStringLiteral("80000001")};
        QVERIFY(server.admin(reset).exitCode != 0);
        QVERIFY(server.admin(reset + QStringList{QStringLiteral("--initial-password-stdin")}, "Ab1!cd2#\n").err.contains("must differ"));
        QVERIFY(server.admin(reset + QStringList{QStringLiteral("--initial-password-stdin")}, "short\n").err.contains("new initial password"));
        QCOMPARE(server.admin(reset + QStringList{QStringLiteral("--initial-password-stdin")}, "Zx9#qw8$\n").exitCode, 0);
        CallOptions mtls;
        mtls.certFile = enrolled.certFile;
        mtls.keyFile = enrolled.keyFile;
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls).errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));
        QCOMPARE(server.contractLogin(QStringLiteral("80000001"), QStringLiteral("Ab1!cd2#")).errorCode(),
                 QStringLiteral("INVALID_CREDENTIALS"));
        const auto login = server.contractLogin(QStringLiteral("80000001"), QStringLiteral("Zx9#qw8$"));
        QCOMPARE(login.status, 200);
        QCOMPARE(server.registerMaster(login.field(QStringLiteral("registrationToken")), QStringLiteral("prodca01"), kPassword).errorCode(),
                 QStringLiteral("USER_ID_TAKEN")); // user IDs are never reused
        QCOMPARE(server.registerMaster(login.field(QStringLiteral("registrationToken")), QStringLiteral("prodca02"), kPassword).status,
                 201);
        QVERIFY(server.admin({QStringLiteral("contract"), QStringLiteral("reset-master"), QStringLiteral("89999999"),
                              QStringLiteral("--initial-password-stdin")},
                             "Zx9#qw8$\n")
                    .exitCode != 0);

        // the operator in the audit log is the account of the real uid, whatever $USER says; as root
        // through sudo, the account sudo names by SUDO_UID
        const QStringList unblock{QStringLiteral(ENROLL_ADMIN_BIN), QStringLiteral("--config"),
                                  server.dataDir() + QStringLiteral("/../server.properties"), QStringLiteral("contract"),
                                  QStringLiteral("unblock"), QStringLiteral("80000001")};
        QCOMPARE(runTool(QStringLiteral("env"), QStringList{QStringLiteral("USER=mallory"), QStringLiteral("SUDO_USER=mallory")} + unblock).exitCode, 0);
        const passwd* me = getpwuid(getuid());
        QVERIFY(me != nullptr);
        auto audit = QString::fromUtf8(server.admin({QStringLiteral("audit"), QStringLiteral("list")}).out);
        QVERIFY2(audit.contains(QStringLiteral("admin.contract.unblocked\t80000001\t\tadmin:") + QString::fromLocal8Bit(me->pw_name) +
                                QLatin1Char('\n')),
                 qPrintable(audit));
        QVERIFY(!audit.contains(QStringLiteral("mallory")));
        if (getuid() == 0) {
            QCOMPARE(runTool(QStringLiteral("env"), QStringList{QStringLiteral("SUDO_UID=65534")} + unblock).exitCode, 0);
            audit = QString::fromUtf8(server.admin({QStringLiteral("audit"), QStringLiteral("list")}).out);
            QVERIFY2(audit.contains(QStringLiteral("admin:") + QString::fromLocal8Bit(getpwuid(65534)->pw_name) +
                                    QStringLiteral(" via sudo")),
                     qPrintable(audit));
        }
        server.stop();
    }

    // Production is the default: without the bank's keys the server does not make its own, it
    // stops with one line that names what is missing. Development mode says so at /healthz.
    void productionWithoutKeys_refusesNamingThem()
    {
        ServerProcess bare(QMap<QString, QString>{{QStringLiteral("server.mode"), QStringLiteral("production")}});
        QVERIFY(!bare.start());
        QVERIFY2(bare.log().contains(QStringLiteral("production mode needs ca.cert, ca.key, tls.cert, tls.key, ca.crlUrl, ca.ocspUrl (server.mode")),
                 qPrintable(bare.log()));
        QVERIFY(!QFile::exists(bare.dataDir() + QStringLiteral("/ca")));
        auto partial = settings("pass");
        partial.remove(QStringLiteral("ca.crlUrl"));
        ServerProcess noCrl(partial);
        QVERIFY(!noCrl.start());
        QVERIFY2(noCrl.log().contains(QStringLiteral("production mode needs ca.crlUrl (")), qPrintable(noCrl.log()));

        ServerProcess development; // the harness's default: server.mode = development
        QVERIFY(development.start());
        QCOMPARE(development.call(QStringLiteral("GET"), QStringLiteral("/healthz")).field(QStringLiteral("mode")),
                 QStringLiteral("development"));
        QVERIFY(development.log().contains(QStringLiteral("using the development CA")));
    }

    // The bank's hierarchy: an issuing CA (pathlen:0) under an offline root whose key the server
    // never sees (ca.chain holds the root's certificate only). Issued certificates verify with
    // `openssl verify -CAfile root -untrusted issuing`, the server accepts them for mTLS through
    // the chain, and the answer's chain carries the issuing CA and the root.
    void issuingCaUnderAnOfflineRoot_certificatesVerifyThroughTheChain()
    {
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:3072"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), path("root.key"), QStringLiteral("-subj"), QStringLiteral("/C=JP/O=Test Rokin Bank/CN=Test Rokin Root"),
                         QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                         QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"), QStringLiteral("-out"), path("root.crt")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:3072"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), path("issuing.key"), QStringLiteral("-subj"),
                         QStringLiteral("/C=JP/O=Test Rokin Bank/CN=Test Rokin Issuing CA"), QStringLiteral("-out"), path("issuing.csr")}));
        writeFile(path("issuing.ext"), "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
                                       "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n");
        QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("issuing.csr"), QStringLiteral("-CA"), path("root.crt"),
                         QStringLiteral("-CAkey"), path("root.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("1825"),
                         QStringLiteral("-extfile"), path("issuing.ext"), QStringLiteral("-out"), path("issuing.crt")}));
        auto config = settings("pass");
        config.insert(QStringLiteral("ca.cert"), path("issuing.crt"));
        config.insert(QStringLiteral("ca.key"), path("issuing.key"));
        config.remove(QStringLiteral("ca.keyPassphraseFile"));

        ServerProcess unrooted(config); // without ca.chain an issuing CA is refused, naming the key
        QVERIFY(!unrooted.start());
        QVERIFY2(unrooted.log().contains(QStringLiteral("give its issuers up to the root in ca.chain")), qPrintable(unrooted.log()));
        config.insert(QStringLiteral("ca.chain"), path("ca.crt")); // a root, but not this CA's
        ServerProcess misrooted(config);
        QVERIFY(!misrooted.start());
        QVERIFY2(misrooted.log().contains(QStringLiteral("ca.chain does not lead from ca.cert")), qPrintable(misrooted.log()));

        config.insert(QStringLiteral("ca.chain"), path("root.crt"));
        // the TLS certificate from another chain (here the older test CA): what clients trust
        config.insert(QStringLiteral("tls.chain"), path("ca.crt"));
        ServerProcess server(config);
        QVERIFY2(server.start(), qPrintable(server.log()));
        const auto enrolled = server.enroll(QStringLiteral("80000009"), QStringLiteral("rooted01"), kPassword,
                                            QStringLiteral("rooted@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        const auto verify = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("root.crt"),
                                                                 QStringLiteral("-untrusted"), path("issuing.crt"), enrolled.certFile});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        QVERIFY(runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("root.crt"), enrolled.certFile})
                    .exitCode != 0); // the issuing CA is a link of its own
        CallOptions mtls;
        mtls.certFile = enrolled.certFile;
        mtls.keyFile = enrolled.keyFile;
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls).status, 200);
        const auto chain = server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/ca")).json.value(QStringLiteral("chain")).toArray();
        QCOMPARE(chain.size(), 2);
        // clients trust the TLS chain for the server, not the CA that issues their certificates
        QCOMPARE(readAll(server.chain()), readAll(path("ca.crt")));
        const auto tlsVerify = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("issuing.crt"),
                                                                    QStringLiteral("-partial_chain"), path("tls.crt")});
        QVERIFY(tlsVerify.exitCode != 0); // the TLS certificate does not chain to the issuing CA
        server.stop();
    }

    void wrongPassphrase_refusesToStart()
    {
        ServerProcess server(settings("wrong"));
        QVERIFY(!server.start());
        QVERIFY(server.exitCode() != 0);
        QVERIFY2(server.log().contains(QStringLiteral("CA key cannot be read")), qPrintable(server.log()));
        QVERIFY(!server.log().contains(QStringLiteral("correct horse")));
    }
};

QTEST_GUILESS_MAIN(TestServerProductionCa)
#include "TestServerProductionCa.moc"
