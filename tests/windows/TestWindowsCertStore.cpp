// The Windows store for real, under Wine: PKCS#12 files made by the client's own builder (RSA 2048)
// are imported with enroll-certstore.exe; separate processes find the certificate in MY, sign with
// its private key (OpenSSL on the Linux side verifies the signature), see that the key cannot be
// exported, replace it by a second import for the same user, refuse a wrong password and damaged
// input without touching the store, and remove it without a trace.
#include "crypto/ClientCrypto.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll;
using namespace enroll::client;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& args, const QByteArray& input = {},
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForStarted();
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

void write(const QString& path, const QByteArray& data)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(data);
}

} // namespace

class TestWindowsCertStore : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    QProcessEnvironment wineEnv_ = QProcessEnvironment::systemEnvironment();

    QString path(const QString& name) const { return dir_.filePath(name); }

    Run tool(const QStringList& args, const QByteArray& input = {})
    {
        return run(QStringLiteral(ENROLL_RUN_IN_WINE), QStringList{QStringLiteral(ENROLL_WINDOWS_TOOL)} + args, input, wineEnv_);
    }

    struct Identity
    {
        QString p12;
        QString thumbprint;
        QString serial;
        QString publicKey;
        QString password;
    };

    // A client certificate for `user` signed by the test CA, packed by the client's own builder.
    Identity identityFor(const QString& user, Pkcs12Encoding encoding)
    {
        const auto made = generateKeyAndRequest(KeyType::Rsa2048, user.toStdString());
        const auto stem = path(user + QString::number(++counter_));
        write(stem + QStringLiteral(".csr"), QByteArray::fromStdString(made.csrPem));
        write(path(QStringLiteral("client.ext")), "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
        const auto signedCert = run(QStringLiteral("openssl"),
                                    {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), stem + QStringLiteral(".csr"),
                                     QStringLiteral("-CA"), path(QStringLiteral("ca.crt")), QStringLiteral("-CAkey"),
                                     path(QStringLiteral("ca.key")), QStringLiteral("-days"), QStringLiteral("366"),
                                     QStringLiteral("-extfile"), path(QStringLiteral("client.ext")), QStringLiteral("-out"),
                                     stem + QStringLiteral(".crt")});
        if (signedCert.exitCode != 0) {
            qWarning("%s", signedCert.err.constData());
        }
        const auto certPem = readAll(stem + QStringLiteral(".crt")).toStdString();
        const auto password = randomSecret();
        const auto der = buildPkcs12({std::string(made.privateKeyPem.view()), certPem, {}, "Rokin " + user.toStdString()},
                                     password, encoding);
        write(stem + QStringLiteral(".p12"), QByteArray::fromStdString(der));
        run(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"), stem + QStringLiteral(".crt"),
                                        QStringLiteral("-noout"), QStringLiteral("-pubkey"), QStringLiteral("-out"),
                                        stem + QStringLiteral(".pub")});
        const auto facts = certificateFacts(certPem);
        return {stem + QStringLiteral(".p12"), QString::fromStdString(facts.thumbprint), QString::fromStdString(facts.serial),
                stem + QStringLiteral(".pub"), QString::fromLatin1(password.data(), static_cast<qsizetype>(password.size()))};
    }

    QString listed() { return QString::fromUtf8(tool({QStringLiteral("list")}).out); }

    Run import(const Identity& id, const QString& password)
    {
        return tool({QStringLiteral("import"), QStringLiteral("--p12"), id.p12, QStringLiteral("--password-stdin"),
                     QStringLiteral("--ca"), path(QStringLiteral("ca.crt"))},
                    password.toUtf8() + "\n");
    }

    int counter_ = 0;

private slots:
    void initTestCase()
    {
        wineEnv_.insert(QStringLiteral("WINEPREFIX"), path(QStringLiteral("prefix")));
        wineEnv_.insert(QStringLiteral("WINEDEBUG"), QStringLiteral("-all"));
        wineEnv_.insert(QStringLiteral("WINEDLLOVERRIDES"), QStringLiteral("mscoree,mshtml="));
        QCOMPARE(run(QStringLiteral("wineboot"), {QStringLiteral("--init")}, {}, wineEnv_).exitCode, 0);
        run(QStringLiteral("wineserver"), {QStringLiteral("-w")}, {}, wineEnv_);
        QCOMPARE(run(QStringLiteral("openssl"),
                     {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                      QStringLiteral("-nodes"), QStringLiteral("-keyout"), path(QStringLiteral("ca.key")), QStringLiteral("-out"),
                      path(QStringLiteral("ca.crt")), QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                      QStringLiteral("/C=JP/O=Rokin/CN=Test Rokin CA")})
                     .exitCode,
                 0);
        QVERIFY(listed().isEmpty());
    }

    void import_findInAnotherProcess_signVerifiedByOpenssl_notExportable()
    {
        const auto id = identityFor(QStringLiteral("wineuser1"), Pkcs12Encoding::Aes256Sha256);
        const auto imported = import(id, id.password);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(QString::fromLatin1(imported.out).trimmed(), id.thumbprint);

        const auto list = QString::fromUtf8(tool({QStringLiteral("list"), QStringLiteral("--issuer"), QStringLiteral("Test Rokin CA")}).out);
        QVERIFY2(list.contains(id.thumbprint + QLatin1Char('\t') + id.serial + QStringLiteral("\twineuser1\tTest Rokin CA\t")),
                 qPrintable(list));
        QVERIFY(list.contains(QStringLiteral("key:yes")));
        QVERIFY(QString::fromUtf8(tool({QStringLiteral("list"), QStringLiteral("--issuer"), QStringLiteral("Other CA")}).out).isEmpty());

        write(path(QStringLiteral("data.bin")), "Rokin enrollment proof of key");
        const auto check = tool({QStringLiteral("check"), QStringLiteral("--thumbprint"), id.thumbprint, QStringLiteral("--sign"),
                                 path(QStringLiteral("data.bin")), QStringLiteral("--signature-out"), path(QStringLiteral("sig.bin"))});
        QVERIFY2(check.exitCode == 0, check.err.constData());
        QCOMPARE(QString::fromLatin1(check.out).trimmed(), QStringLiteral("key usable; not exportable"));
        const auto verified = run(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"),
                                                              id.publicKey, QStringLiteral("-signature"), path(QStringLiteral("sig.bin")),
                                                              path(QStringLiteral("data.bin"))});
        QVERIFY2(verified.out.contains("Verified OK"), verified.out.constData());
        QCOMPARE(tool({QStringLiteral("remove"), QStringLiteral("--thumbprint"), id.thumbprint}).exitCode, 0);
    }

    void exportableOnlyWhenAskedFor()
    {
        const auto id = identityFor(QStringLiteral("wineexp1"), Pkcs12Encoding::Aes256Sha256);
        QCOMPARE(tool({QStringLiteral("import"), QStringLiteral("--p12"), id.p12, QStringLiteral("--password-stdin"),
                       QStringLiteral("--exportable")},
                      id.password.toUtf8() + "\n")
                     .exitCode,
                 0);
        QVERIFY(tool({QStringLiteral("check"), QStringLiteral("--thumbprint"), id.thumbprint}).out.contains("EXPORTABLE"));
        QCOMPARE(tool({QStringLiteral("remove"), QStringLiteral("--thumbprint"), id.thumbprint}).exitCode, 0);
    }

    void secondImportForTheSameUser_replacesTheFirst()
    {
        const auto first = identityFor(QStringLiteral("wineuser2"), Pkcs12Encoding::Aes256Sha256);
        const auto second = identityFor(QStringLiteral("wineuser2"), Pkcs12Encoding::TripleDesSha1); // the older-Windows encoding too
        QCOMPARE(import(first, first.password).exitCode, 0);
        QCOMPARE(import(second, second.password).exitCode, 0);
        const auto list = listed();
        QVERIFY2(list.contains(second.thumbprint), qPrintable(list));
        QVERIFY2(!list.contains(first.thumbprint), qPrintable(list));
        QCOMPARE(list.count(QStringLiteral("wineuser2")), 1);
        QCOMPARE(tool({QStringLiteral("check"), QStringLiteral("--thumbprint"), second.thumbprint}).exitCode, 0);
        QCOMPARE(tool({QStringLiteral("remove"), QStringLiteral("--thumbprint"), second.thumbprint}).exitCode, 0);
    }

    void wrongPasswordAndDamagedInput_failClearlyAndChangeNothing()
    {
        const auto id = identityFor(QStringLiteral("wineuser3"), Pkcs12Encoding::Aes256Sha256);
        const auto before = listed();
        const auto wrong = import(id, QStringLiteral("not the password"));
        QCOMPARE(wrong.exitCode, 1);
        // (Wine may print its own GnuTLS line first)
        QVERIFY2(QString::fromUtf8(wrong.err).trimmed().endsWith(QStringLiteral("enroll-certstore: the PKCS#12 password is wrong")),
                 wrong.err.constData());
        auto damaged = readAll(id.p12);
        damaged.truncate(damaged.size() / 2);
        write(path(QStringLiteral("damaged.p12")), damaged);
        Identity broken = id;
        broken.p12 = path(QStringLiteral("damaged.p12"));
        const auto corrupt = import(broken, id.password);
        QCOMPARE(corrupt.exitCode, 1);
        QVERIFY2(corrupt.err.contains("not a usable PKCS#12"), corrupt.err.constData());
        QCOMPARE(listed(), before);
        QCOMPARE(tool({QStringLiteral("check"), QStringLiteral("--thumbprint"), id.thumbprint}).exitCode, 1);
        QCOMPARE(tool({QStringLiteral("import")}).exitCode, 2); // usage
    }

    void remove_leavesNothingBehind()
    {
        const auto id = identityFor(QStringLiteral("wineuser4"), Pkcs12Encoding::Aes256Sha256);
        QCOMPARE(import(id, id.password).exitCode, 0);
        QVERIFY(listed().contains(id.thumbprint));
        QCOMPARE(tool({QStringLiteral("remove"), QStringLiteral("--thumbprint"), id.thumbprint}).exitCode, 0);
        QVERIFY(!listed().contains(id.thumbprint));
        const auto check = tool({QStringLiteral("check"), QStringLiteral("--thumbprint"), id.thumbprint});
        QCOMPARE(check.exitCode, 1);
        QVERIFY(check.err.contains("no such certificate"));
        QCOMPARE(tool({QStringLiteral("remove"), QStringLiteral("--thumbprint"), id.thumbprint}).exitCode, 1);
        QVERIFY(listed().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWindowsCertStore)
#include "TestWindowsCertStore.moc"
