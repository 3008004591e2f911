// The signed-in transport of Windows under Wine against the real enroll-server: WinHTTP with the
// certificate context from the current user's store (the key used in place, never exported),
// the server checked against the bank's CA before any body is sent, refusals said plainly.
#include "ServerHarness.h"
#include "crypto/ClientCrypto.h"

#include <QFile>
#include <QtTest>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;

class TestWindowsHttps : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    QProcessEnvironment wine_ = QProcessEnvironment::systemEnvironment();
    std::unique_ptr<ServerProcess> server_;
    ServerProcess::Enrolled master_;
    QString thumbprint_;

    ProcessResult tool(const QStringList& args, const QByteArray& input = {})
    {
        QProcess p;
        p.setProcessEnvironment(wine_);
        p.start(QStringLiteral(ENROLL_RUN_IN_WINE), QStringList{QStringLiteral(ENROLL_WINDOWS_TOOL)} + args);
        p.waitForStarted();
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    ProcessResult https(const QString& path, const QStringList& extra = {})
    {
        return tool(QStringList{QStringLiteral("https"), QStringLiteral("--url"), server_->url(path), QStringLiteral("--ca"),
                                server_->chain()} +
                    extra);
    }

private slots:
    void initTestCase()
    {
        wine_.insert(QStringLiteral("WINEPREFIX"), dir_.filePath(QStringLiteral("prefix")));
        wine_.insert(QStringLiteral("WINEDEBUG"), QStringLiteral("-all"));
        QProcess boot;
        boot.setProcessEnvironment(wine_);
        boot.start(QStringLiteral("wineboot"), {QStringLiteral("--init")});
        boot.waitForFinished(120000);
        server_ = std::make_unique<ServerProcess>();
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        // the key as the client makes it (every RSA component at full width: Wine's PKCS#12 import
        // loses a key with a short one, ClientCrypto.h), issued and confirmed through the API
        QVERIFY(server_->registeredMaster(QStringLiteral("96000001"), QStringLiteral("winmast01"), QStringLiteral("Pass1!ab"),
                                          QStringLiteral("win@example.co.jp")));
        const auto token = server_->issuanceToken(QStringLiteral("winmast01"), QStringLiteral("Pass1!ab"), QStringLiteral("win@example.co.jp"));
        const auto made = generateKeyAndRequest(KeyType::Rsa2048, "winmast01");
        const auto issued = server_->issue(token, QString::fromStdString(made.csrPem));
        QCOMPARE(issued.status, 201);
        master_.serial = issued.field(QStringLiteral("serial"));
        master_.certFile = writeFile(dir_.filePath(QStringLiteral("winmast01.crt")), issued.field(QStringLiteral("certificate")).toLatin1());
        master_.keyFile = writeFile(dir_.filePath(QStringLiteral("winmast01.key")),
                                    QByteArray(made.privateKeyPem.view().data(), static_cast<qsizetype>(made.privateKeyPem.view().size())));
        QCOMPARE(server_->confirm(token, master_.serial).status, 204);
        const auto password = randomSecret();
        const auto p12 = buildPkcs12({std::string(made.privateKeyPem.view()), issued.field(QStringLiteral("certificate")).toStdString(), {},
                                      "Rokin winmast01"},
                                     password, pkcs12EncodingFor({10, 0, 19045}));
        writeFile(dir_.filePath(QStringLiteral("id.p12")), QByteArray::fromStdString(p12));
        const auto imported = tool({QStringLiteral("import"), QStringLiteral("--p12"), dir_.filePath(QStringLiteral("id.p12")),
                                    QStringLiteral("--password-stdin"), QStringLiteral("--ca"), server_->issuingCa()},
                                   QByteArray(password.data(), static_cast<qsizetype>(password.size())) + "\n");
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        thumbprint_ = QString::fromLatin1(imported.out).trimmed();
    }
    void cleanupTestCase() { server_->stop(); }

    void signedIn_withTheKeyInTheStore()
    {
        const auto me = https(QStringLiteral("/api/v1/me"), {QStringLiteral("--thumbprint"), thumbprint_});
        QVERIFY2(me.exitCode == 0, me.err.constData());
        QVERIFY2(me.out.startsWith("HTTP 200\n"), me.out.constData());
        QVERIFY(me.out.contains("\"userId\":\"winmast01\""));
        // a body goes out once the server is verified
        writeFile(dir_.filePath(QStringLiteral("patch.json")), "{\"userName\":\"窓口　太郎\",\"password\":\"Pass1!ab\"}");
        const auto patched = https(QStringLiteral("/api/v1/me"), {QStringLiteral("--thumbprint"), thumbprint_, QStringLiteral("--method"),
                                                                  QStringLiteral("PATCH"), QStringLiteral("--data"),
                                                                  dir_.filePath(QStringLiteral("patch.json"))});
        QVERIFY2(patched.out.startsWith("HTTP 200\n"), patched.out.constData());
        QVERIFY(patched.out.contains("窓口　太郎"));
    }

    // The signed-in transport through a real squid: the tunnel is the proxy's, mutual TLS is the
    // bank's (the key used in place); a GET and a body both go through, squid logs the CONNECTs.
    void throughAProxy_mutualTlsInsideTheTunnel()
    {
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Open, QUrl(server_->url({})).port()));
        const QStringList viaProxy{QStringLiteral("--thumbprint"), thumbprint_, QStringLiteral("--proxy"), proxy.address()};
        const auto me = https(QStringLiteral("/api/v1/me"), viaProxy);
        QVERIFY2(me.out.startsWith("HTTP 200\n"), (me.out + me.err).constData());
        writeFile(dir_.filePath(QStringLiteral("patch-proxy.json")), "{\"userName\":\"窓口　太郎\",\"password\":\"Pass1!ab\"}");
        const auto patched = https(QStringLiteral("/api/v1/me"), viaProxy + QStringList{QStringLiteral("--method"), QStringLiteral("PATCH"),
                                                                                       QStringLiteral("--data"),
                                                                                       dir_.filePath(QStringLiteral("patch-proxy.json"))});
        QVERIFY2(patched.out.startsWith("HTTP 200\n"), (patched.out + patched.err).constData());
        QTRY_COMPARE_WITH_TIMEOUT(int(proxy.accessLog().count(QStringLiteral("TCP_TUNNEL/200"))), 2, 5000);
        // the proxy down: said as the proxy's failure
        proxy.stop();
        const auto down = https(QStringLiteral("/api/v1/me"), viaProxy);
        QVERIFY(down.exitCode != 0);
        QVERIFY2(down.err.contains("proxy"), down.err.constData());
    }

    void withoutCertificate_publicWorksAndSignedInIsRefused()
    {
        QVERIFY(https(QStringLiteral("/healthz")).out.startsWith("HTTP 200\n"));
        const auto me = https(QStringLiteral("/api/v1/me"));
        QVERIFY2(me.out.startsWith("HTTP 401\n"), me.out.constData());
        QVERIFY(me.out.contains("CLIENT_CERT_REQUIRED"));
    }

    void anotherCaBundle_stopsBeforeTheBody()
    {
        const auto other = dir_.filePath(QStringLiteral("other.pem"));
        runTool(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                            QStringLiteral("-nodes"), QStringLiteral("-keyout"), other + QStringLiteral(".key"),
                                            QStringLiteral("-out"), other, QStringLiteral("-subj"), QStringLiteral("/CN=Other CA")});
        const auto refused = tool({QStringLiteral("https"), QStringLiteral("--url"), server_->url(QStringLiteral("/api/v1/me")),
                                   QStringLiteral("--ca"), other, QStringLiteral("--thumbprint"), thumbprint_});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("not from the bank's CA"), refused.err.constData());
    }

    // Windows' chain engine with the bundle as the only root (TLS servers of openssl s_server): a
    // two-level chain to the bundle's root passes; another name, another CA, or a chain missing
    // its intermediate does not.
    void chainEngine_twoLevelsPass_wrongNameForeignCaAndMissingIntermediateDoNot()
    {
        const auto file = [this](const QString& name) { return dir_.filePath(QStringLiteral("pki-") + name); };
        const auto openssl = [](const QStringList& args) {
            const auto r = runTool(QStringLiteral("openssl"), args);
            if (r.exitCode != 0) {
                qWarning("openssl %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
            }
            return r.exitCode == 0;
        };
        writeFile(file(QStringLiteral("ca.ext")), "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
                                                  "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n");
        const auto leafExt = [&](const QString& name) {
            return writeFile(file(name + QStringLiteral(".ext")),
                             "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                             "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:" + name.toLatin1() + "\n");
        };
        const auto selfSigned = [&](const QString& name, const QString& cn) {
            return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                            QStringLiteral("-keyout"), file(name + QStringLiteral(".key")), QStringLiteral("-out"), file(name + QStringLiteral(".crt")),
                            QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"), QStringLiteral("/CN=") + cn, QStringLiteral("-addext"),
                            QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                            QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
        };
        const auto signedBy = [&](const QString& name, const QString& cn, const QString& issuer, const QString& ext) {
            return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                            file(name + QStringLiteral(".key")), QStringLiteral("-out"), file(name + QStringLiteral(".csr")), QStringLiteral("-subj"),
                            QStringLiteral("/CN=") + cn}) &&
                   openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), file(name + QStringLiteral(".csr")), QStringLiteral("-CA"),
                            file(issuer + QStringLiteral(".crt")), QStringLiteral("-CAkey"), file(issuer + QStringLiteral(".key")),
                            QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-extfile"), ext,
                            QStringLiteral("-out"), file(name + QStringLiteral(".crt"))});
        };
        QVERIFY(selfSigned(QStringLiteral("root"), QStringLiteral("Bank TLS Root")));
        QVERIFY(signedBy(QStringLiteral("inter"), QStringLiteral("Bank TLS Issuing"), QStringLiteral("root"), file(QStringLiteral("ca.ext"))));
        QVERIFY(signedBy(QStringLiteral("localhost"), QStringLiteral("localhost"), QStringLiteral("inter"), leafExt(QStringLiteral("localhost"))));
        QVERIFY(signedBy(QStringLiteral("other.example"), QStringLiteral("other.example"), QStringLiteral("inter"),
                         leafExt(QStringLiteral("other.example"))));
        QVERIFY(selfSigned(QStringLiteral("foreign"), QStringLiteral("Foreign Root")));
        QVERIFY(signedBy(QStringLiteral("foreign-leaf"), QStringLiteral("localhost"), QStringLiteral("foreign"), leafExt(QStringLiteral("localhost"))));

        // one TLS server (openssl s_server -www) at a time; the tool asks it for / with the bank's root as bundle
        const auto ask = [&](const QString& leaf, bool withIntermediate) {
            const int port = freeLoopbackPort();
            QStringList args{QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-www"),
                             QStringLiteral("-cert"), file(leaf + QStringLiteral(".crt")), QStringLiteral("-key"), file(leaf + QStringLiteral(".key"))};
            if (withIntermediate) {
                args << QStringLiteral("-cert_chain") << file(QStringLiteral("inter.crt"));
            }
            QProcess server;
            server.start(QStringLiteral("openssl"), args);
            server.waitForReadyRead(10000); // "ACCEPT"
            const auto answer = tool({QStringLiteral("https"), QStringLiteral("--url"), QStringLiteral("https://localhost:%1/").arg(port),
                                      QStringLiteral("--ca"), file(QStringLiteral("root.crt"))});
            server.kill();
            server.waitForFinished(5000);
            return answer;
        };
        const auto bank = ask(QStringLiteral("localhost"), true);
        QVERIFY2(bank.exitCode == 0 && bank.out.startsWith("HTTP 200\n"), (bank.out + bank.err).constData());
        const auto wrongName = ask(QStringLiteral("other.example"), true);
        QVERIFY2(wrongName.exitCode != 0, wrongName.out.constData());
        // (refused by WinHTTP's own name check on Windows, by Wine's schannel here, or by the policy)
        QVERIFY2(wrongName.err.contains("not trusted") || wrongName.err.contains("not from the bank's CA"), wrongName.err.constData());
        const auto foreign = ask(QStringLiteral("foreign-leaf"), false);
        QVERIFY2(foreign.exitCode != 0 && foreign.err.contains("not from the bank's CA"), (foreign.out + foreign.err).constData());
        const auto noIntermediate = ask(QStringLiteral("localhost"), false);
        QVERIFY2(noIntermediate.exitCode != 0 && noIntermediate.err.contains("not from the bank's CA"),
                 (noIntermediate.out + noIntermediate.err).constData());
    }

    // Windows as a relying party (the bank's web system will be one): CryptoAPI's chain engine,
    // revocation checking on, fetches what the certificate names over plain HTTP itself, in a
    // fresh prefix each time (no CRL kept from before): good, then revoked after `cert revoke`.
    void relyingParty_windowsFetchesRevocationOverHttp()
    {
        const auto other = server_->enroll(QStringLiteral("96000002"), QStringLiteral("winrp001"), QStringLiteral("Pass1!ab"),
                                           QStringLiteral("rp@example.co.jp"));
        QVERIFY(!other.serial.isEmpty());
        QVERIFY(certificateText(other.certFile).contains(QStringLiteral("URI:http://localhost:")));
        const auto check = [&] {
            auto fresh = wine_;
            fresh.remove(QStringLiteral("WINEPREFIX")); // run-in-wine.sh: a throwaway prefix
            QProcess p;
            p.setProcessEnvironment(fresh);
            p.start(QStringLiteral(ENROLL_RUN_IN_WINE),
                    {QStringLiteral(ENROLL_WINDOWS_TOOL), QStringLiteral("chain"), QStringLiteral("--cert"), other.certFile,
                     QStringLiteral("--root"), server_->root(), QStringLiteral("--ca"), server_->issuingCa()});
            p.waitForFinished(120000);
            return QString::fromLatin1(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
        };
        const auto before = check();
        QVERIFY2(before.startsWith(QStringLiteral("good ")), qPrintable(before));
        QCOMPARE(server_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), other.serial, QStringLiteral("--reason"),
                                 QStringLiteral("keyCompromise")}).exitCode,
                 0);
        const auto after = check();
        QVERIFY2(after.startsWith(QStringLiteral("revoked ")), qPrintable(after));
    }

    void serverDown_andRevoked()
    {
        const auto down = tool({QStringLiteral("https"), QStringLiteral("--url"),
                                QStringLiteral("https://localhost:%1/healthz").arg(freeLoopbackPort()), QStringLiteral("--ca"),
                                server_->chain()});
        QCOMPARE(down.exitCode, 1);
        QVERIFY2(down.err.contains("cannot be reached"), down.err.constData());
        QCOMPARE(server_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), master_.serial, QStringLiteral("--reason"),
                                 QStringLiteral("keyCompromise")}).exitCode,
                 0);
        QVERIFY(https(QStringLiteral("/api/v1/me"), {QStringLiteral("--thumbprint"), thumbprint_}).out.startsWith("HTTP 401\n"));
    }
};

QTEST_GUILESS_MAIN(TestWindowsHttps)
#include "TestWindowsHttps.moc"
