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
        master_ = server_->enroll(QStringLiteral("96000001"), QStringLiteral("winmast01"), QStringLiteral("Pass1!ab"),
                                  QStringLiteral("win@example.co.jp"));
        QVERIFY(!master_.serial.isEmpty());
        QFile cert(master_.certFile);
        QFile key(master_.keyFile);
        QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
        const auto password = randomSecret();
        const auto p12 = buildPkcs12({key.readAll().toStdString(), cert.readAll().toStdString(), {}, "Rokin winmast01"}, password,
                                     pkcs12EncodingFor({10, 0, 19045}));
        writeFile(dir_.filePath(QStringLiteral("id.p12")), QByteArray::fromStdString(p12));
        const auto imported = tool({QStringLiteral("import"), QStringLiteral("--p12"), dir_.filePath(QStringLiteral("id.p12")),
                                    QStringLiteral("--password-stdin"), QStringLiteral("--ca"), server_->chain()},
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
