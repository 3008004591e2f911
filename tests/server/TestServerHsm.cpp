// The CA's keys in a PKCS#11 token (SoftHSM2, a token store made for this test): the key ceremony
// of docs/operations.md run with enroll-admin into two tokens (the root on one, the issuing CA on
// the other), the keys checked with OpenSC's pkcs11-tool (sensitive, never extractable, no file
// anywhere), and the real server issuing, signing its CRL and answering OCSP through the token. A
// wrong PIN or a missing token stops the start with one line; a token pulled while the server runs
// fails issuance and new OCSP answers with 503 only, and they recover once it is back.
#include "ServerHarness.h"

#include <QDirIterator>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kModule = QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");
const QString kPassword = QStringLiteral("Pass1!ab");

QString uri(const QString& token, const QString& object)
{
    return QStringLiteral("pkcs11:token=%1;object=%2?module-path=%3").arg(token, object, kModule);
}

ProcessResult pkcs11Tool(const QString& token, const QString& pin, const QStringList& arguments)
{
    return runTool(QStringLiteral("pkcs11-tool"), QStringList{QStringLiteral("--module"), kModule, QStringLiteral("--token-label"),
                                                               token, QStringLiteral("--login"), QStringLiteral("--pin"), pin} +
                                                       arguments);
}

} // namespace

class TestServerHsm : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;

    QString path(const char* name) const { return dir_.filePath(QString::fromLatin1(name)); }


    QMap<QString, QString> settings(const QString& caKey, const char* pinFile) const
    {
        return {{QStringLiteral("ca.cert"), path("issuing.crt")},
                {QStringLiteral("ca.chain"), path("root.crt")},
                {QStringLiteral("ca.rootCrl"), path("root.crl")},
                {QStringLiteral("ca.key"), caKey},
                {QStringLiteral("ca.keyPassphraseFile"), path(pinFile)},
                {QStringLiteral("ocsp.signerKey"), uri(QStringLiteral("issuing"), QStringLiteral("ocsp-2026"))},
                {QStringLiteral("ocsp.signerKeyPassphraseFile"), path("issuing.pin")},
                {QStringLiteral("ca.organization"), QStringLiteral("Test Rokin Bank")}};
    }

    // The issuing token's directory in the store: moved away, the token is gone (pulled).
    QString issuingTokenDirectory() const
    {
        const auto found = runTool(QStringLiteral("grep"), {QStringLiteral("-l"), QStringLiteral("-r"), QStringLiteral("issuing"),
                                                            path("tokens"), QStringLiteral("--include=token.object")});
        return QFileInfo(QString::fromUtf8(found.out).trimmed()).path();
    }

    QString ocspStatus(ServerProcess& server, const QString& certFile) const
    {
        const auto asked = runTool(QStringLiteral("openssl"),
                                   {QStringLiteral("ocsp"), QStringLiteral("-issuer"), path("issuing.crt"), QStringLiteral("-cert"), certFile,
                                    QStringLiteral("-url"), server.url(QStringLiteral("/ocsp")), QStringLiteral("-CAfile"), path("root.crt"),
                                    QStringLiteral("-verify_other"), path("issuing.crt"), QStringLiteral("-no_nonce")});
        return QString::fromUtf8(asked.out + asked.err);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QDir().mkpath(path("tokens"));
        writeFile(path("softhsm2.conf"), "directories.tokendir = " + path("tokens").toUtf8() +
                                             "\nobjectstore.backend = file\nlog.level = ERROR\n");
        qputenv("SOFTHSM2_CONF", path("softhsm2.conf").toUtf8()); // the server and the tools inherit it
        for (const auto& [label, pin] : {std::pair{"root", "20261207"}, std::pair{"issuing", "73184629"}}) {
            const auto made = runTool(QStringLiteral("softhsm2-util"),
                                      {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"),
                                       QString::fromLatin1(label), QStringLiteral("--pin"), QString::fromLatin1(pin),
                                       QStringLiteral("--so-pin"), QStringLiteral("99887766")});
            QVERIFY2(made.exitCode == 0, made.err.constData());
            writeFile(dir_.filePath(QString::fromLatin1(label) + QStringLiteral(".pin")), QByteArray(pin) + "\n");
        }
        writeFile(path("wrong.pin"), "11111111\n");

        // docs/operations.md, "The HSM": the root on its own token, the issuing CA on the server's
        const auto root = caCeremony({QStringLiteral("make-root"), QStringLiteral("--cert"), path("root.crt"), QStringLiteral("--key"),
                                    uri(QStringLiteral("root"), QStringLiteral("root-2026")), QStringLiteral("--passphrase-file"),
                                    path("root.pin"), QStringLiteral("--organization"), QStringLiteral("Test Rokin Bank"),
                                    QStringLiteral("--name"), QStringLiteral("Test Rokin Root")});
        QVERIFY2(root.exitCode == 0, root.err.constData());
        const auto issuing = caCeremony({QStringLiteral("make-issuing"), QStringLiteral("--key"),
                                       uri(QStringLiteral("issuing"), QStringLiteral("issuing-2026")), QStringLiteral("--csr"),
                                       path("issuing.csr"), QStringLiteral("--passphrase-file"), path("issuing.pin"),
                                       QStringLiteral("--organization"), QStringLiteral("Test Rokin Bank"), QStringLiteral("--name"),
                                       QStringLiteral("Test Rokin Issuing CA")});
        QVERIFY2(issuing.exitCode == 0, issuing.err.constData());
        const auto signedCa = caCeremony({QStringLiteral("sign-issuing"), QStringLiteral("--root-cert"), path("root.crt"),
                                        QStringLiteral("--root-key"), uri(QStringLiteral("root"), QStringLiteral("root-2026")),
                                        QStringLiteral("--passphrase-file"), path("root.pin"), QStringLiteral("--csr"),
                                        path("issuing.csr"), QStringLiteral("--out"), path("issuing.crt"), QStringLiteral("--crl-url"),
                                        QStringLiteral("http://crl.rokin.example/crl/root")});
        QVERIFY2(signedCa.exitCode == 0, signedCa.err.constData());
        const auto rootCrl = caCeremony({QStringLiteral("root-crl"), QStringLiteral("--root-cert"), path("root.crt"),
                                       QStringLiteral("--root-key"), uri(QStringLiteral("root"), QStringLiteral("root-2026")),
                                       QStringLiteral("--passphrase-file"), path("root.pin"), QStringLiteral("--ledger"),
                                       path("root.ledger"), QStringLiteral("--out"), path("root.crl")});
        QVERIFY2(rootCrl.exitCode == 0, rootCrl.err.constData());
        // the OCSP responder's own key, made in the token by the token's tool
        const auto ocsp = pkcs11Tool(QStringLiteral("issuing"), QStringLiteral("73184629"),
                                     {QStringLiteral("--keypairgen"), QStringLiteral("--key-type"), QStringLiteral("EC:prime256v1"),
                                      QStringLiteral("--label"), QStringLiteral("ocsp-2026"), QStringLiteral("--id"), QStringLiteral("02")});
        QVERIFY2(ocsp.exitCode == 0, ocsp.err.constData());
    }

    void ceremony_keysOnlyInTheTokens()
    {
        for (const auto& [token, pin, label] : {std::tuple{"root", "20261207", "root-2026"},
                                                std::tuple{"issuing", "73184629", "issuing-2026"}}) {
            const auto listed = pkcs11Tool(QString::fromLatin1(token), QString::fromLatin1(pin),
                                           {QStringLiteral("--list-objects"), QStringLiteral("--type"), QStringLiteral("privkey")});
            const auto text = QString::fromUtf8(listed.out);
            QVERIFY2(text.contains(QStringLiteral("label:      ") + QString::fromLatin1(label)), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("Access:     sensitive, always sensitive, never extractable")), qPrintable(text));
        }
        // no private key in any file the ceremony wrote
        QDirIterator files(dir_.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const auto file = files.next();
            if (file.startsWith(path("tokens"))) {
                continue;
            }
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("PRIVATE KEY"), qPrintable(file));
        }
    }

    void wrongPinOrNoToken_noStartOneLine()
    {
        ServerProcess wrongPin(settings(uri(QStringLiteral("issuing"), QStringLiteral("issuing-2026")), "wrong.pin"));
        QVERIFY(!wrongPin.start());
        QVERIFY(wrongPin.exitCode() != 0);
        const auto lines = wrongPin.log().split(QLatin1Char('\n'));
        const auto said = lines.filter(QStringLiteral("enroll-server: cannot start: token 'issuing' refused the PIN"));
        QVERIFY2(said.size() == 1, qPrintable(wrongPin.log()));

        ServerProcess noToken(settings(uri(QStringLiteral("issuing-spare"), QStringLiteral("issuing-2026")), "issuing.pin"));
        QVERIFY(!noToken.start());
        QVERIFY2(noToken.log().contains(QStringLiteral("cannot start: no token labelled 'issuing-spare' in ") + kModule),
                 qPrintable(noToken.log()));
    }

    void tokenKeys_issueSignTheCrlAndAnswerOcsp()
    {
        // the PIN as systemd hands it over (LoadCredential=): a file in $CREDENTIALS_DIRECTORY
        QDir().mkpath(path("credentials"));
        writeFile(path("credentials") + QStringLiteral("/ca-pin"), "73184629\n");
        qputenv("CREDENTIALS_DIRECTORY", path("credentials").toUtf8());
        auto config = settings(uri(QStringLiteral("issuing"), QStringLiteral("issuing-2026")), "issuing.pin");
        config.insert(QStringLiteral("ca.keyPassphraseFile"), QStringLiteral("credential:ca-pin"));
        ServerProcess server(config);
        QVERIFY2(server.start(), qPrintable(server.log()));
        qunsetenv("CREDENTIALS_DIRECTORY");
        const auto enrolled = server.enroll(QStringLiteral("80000101"), QStringLiteral("hsmuser1"), kPassword,
                                            QStringLiteral("hsm1@example.co.jp"));
        QVERIFY2(!enrolled.serial.isEmpty(), qPrintable(server.log()));
        const auto verified = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("root.crt"),
                                                                   QStringLiteral("-untrusted"), path("issuing.crt"), enrolled.certFile});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());

        const auto crlFile = path("served.crl");
        const auto fetched = runTool(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("--cacert"), server.chain(),
                                                               QStringLiteral("-o"), crlFile, server.url(QStringLiteral("/crl"))});
        QCOMPARE(fetched.exitCode, 0);
        const auto crl = runTool(QStringLiteral("openssl"), {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                                                              QStringLiteral("-in"), crlFile, QStringLiteral("-CAfile"), path("issuing.crt"),
                                                              QStringLiteral("-noout")});
        QVERIFY2(QString::fromUtf8(crl.out + crl.err).contains(QStringLiteral("verify OK")), crl.err.constData());

        const auto good = ocspStatus(server, enrolled.certFile);
        QVERIFY2(good.contains(QStringLiteral("Response verify OK")) && good.contains(QStringLiteral(": good")), qPrintable(good));
    }

    void tokenPulled_onlySigning503_thenRecovers()
    {
        ServerProcess server(settings(uri(QStringLiteral("issuing"), QStringLiteral("issuing-2026")), "issuing.pin"));
        QVERIFY2(server.start(), qPrintable(server.log()));
        const auto enrolled = server.enroll(QStringLiteral("80000102"), QStringLiteral("hsmuser2"), kPassword,
                                            QStringLiteral("hsm2@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        QVERIFY(ocspStatus(server, enrolled.certFile).contains(QStringLiteral(": good"))); // answered, and kept
        QVERIFY(server.registeredMaster(QStringLiteral("80000103"), QStringLiteral("hsmuser3"), kPassword,
                                        QStringLiteral("hsm3@example.co.jp")));
        const auto token = server.issuanceToken(QStringLiteral("hsmuser3"), kPassword, QStringLiteral("hsm3@example.co.jp"));
        QVERIFY(!token.isEmpty());
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("ec"));

        const auto tokenDir = issuingTokenDirectory();
        QVERIFY(!tokenDir.isEmpty());
        QVERIFY(QDir().rename(tokenDir, path("pulled")));
        const auto refused = server.issue(token, key.csrPem);
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), QStringLiteral("UNAVAILABLE"));
        // a new OCSP answer needs the token: 503 (with OCSP's tryLater); everything else is served
        const auto unknown = runTool(QStringLiteral("openssl"),
                                     {QStringLiteral("ocsp"), QStringLiteral("-issuer"), path("issuing.crt"), QStringLiteral("-serial"),
                                      QStringLiteral("0x5151"), QStringLiteral("-url"), server.url(QStringLiteral("/ocsp")),
                                      QStringLiteral("-no_nonce"), QStringLiteral("-CAfile"), path("root.crt")});
        QVERIFY2(QString::fromUtf8(unknown.out + unknown.err).contains(QStringLiteral("code=503")), unknown.err.constData());
        QVERIFY(ocspStatus(server, enrolled.certFile).contains(QStringLiteral(": good"))); // from the cache
        CallOptions mtls;
        mtls.certFile = enrolled.certFile;
        mtls.keyFile = enrolled.keyFile;
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls).status, 200);
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/crl")).status, 200);
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 200);

        // back in: the same issuance token still works (nothing was consumed), within seconds
        QVERIFY(QDir().rename(path("pulled"), tokenDir));
        HttpResult issued;
        for (int i = 0; i < 40 && issued.status != 201; ++i) {
            QTest::qWait(250);
            issued = server.issue(token, key.csrPem);
        }
        QVERIFY2(issued.status == 201, qPrintable(server.log()));
        QVERIFY(server.log().contains(QStringLiteral("the signing key is unavailable, answered UNAVAILABLE")));
    }
};

QTEST_GUILESS_MAIN(TestServerHsm)
#include "TestServerHsm.moc"
