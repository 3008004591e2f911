// The PC's key pair and request, and the PKCS#12 builder with its Windows encoding choice,
// checked with the openssl command line as an independent reader.
#include "crypto/ClientCrypto.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll;
using namespace enroll::client;

namespace {

QByteArray openssl(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    p.waitForStarted();
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished();
    return p.readAll();
}

} // namespace

class TestClientCrypto : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;

    // A certificate for `keyPem`, self-signed by the openssl command line.
    std::string certificateFor(const std::string& keyPem, const QString& name)
    {
        const auto keyFile = dir_.filePath(name + QStringLiteral(".key"));
        QFile f(keyFile);
        f.open(QIODevice::WriteOnly);
        f.write(keyPem.data(), static_cast<qint64>(keyPem.size()));
        f.close();
        const auto certFile = dir_.filePath(name + QStringLiteral(".crt"));
        openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-key"), keyFile, QStringLiteral("-subj"),
                 QStringLiteral("/CN=") + name, QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-out"), certFile});
        QFile c(certFile);
        c.open(QIODevice::ReadOnly);
        return c.readAll().toStdString();
    }

private slots:
    void encodingChoice_followsTheWindowsBuild_data()
    {
        QTest::addColumn<uint>("major");
        QTest::addColumn<uint>("minor");
        QTest::addColumn<uint>("build");
        QTest::addColumn<bool>("aes");
        QTest::newRow("Windows 7 SP1") << 6u << 1u << 7601u << false;
        QTest::newRow("Windows 8.1") << 6u << 3u << 9600u << false;
        QTest::newRow("Windows 10 1607 / Server 2016") << 10u << 0u << 14393u << false;
        QTest::newRow("Windows 10 1703") << 10u << 0u << 15063u << false;
        QTest::newRow("Windows 10 1709") << 10u << 0u << 16299u << true;
        QTest::newRow("Server 2019") << 10u << 0u << 17763u << true;
        QTest::newRow("Windows 11 21H2") << 10u << 0u << 22000u << true;
        QTest::newRow("unknown (zero)") << 0u << 0u << 0u << false;
    }
    void encodingChoice_followsTheWindowsBuild()
    {
        QFETCH(uint, major);
        QFETCH(uint, minor);
        QFETCH(uint, build);
        QFETCH(bool, aes);
        QCOMPARE(pkcs12EncodingFor({major, minor, build}) == Pkcs12Encoding::Aes256Sha256, aes);
    }

    void keyAndRequest_verifyWithOpenssl_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("expect");
        QTest::newRow("RSA 2048") << static_cast<int>(KeyType::Rsa2048) << "Public-Key: (2048 bit)";
        QTest::newRow("EC P-256") << static_cast<int>(KeyType::EcP256) << "NIST CURVE: P-256";
    }
    void keyAndRequest_verifyWithOpenssl()
    {
        QFETCH(int, type);
        QFETCH(QString, expect);
        const auto made = generateKeyAndRequest(static_cast<KeyType>(type), "sample001");
        QVERIFY(made.privateKeyPem.view().starts_with("-----BEGIN PRIVATE KEY-----"));
        const auto text = openssl({QStringLiteral("req"), QStringLiteral("-noout"), QStringLiteral("-text"), QStringLiteral("-verify")},
                                  QByteArray::fromStdString(made.csrPem));
        QVERIFY2(text.contains("verify OK") || text.contains("Certificate request self-signature verify OK"), text.constData());
        QVERIFY(text.contains(expect.toLatin1()));
        QVERIFY(text.contains("CN = sample001"));
    }

    // A key OpenSSL made whose d is a byte short of the modulus: Wine's PKCS#12 import loses it
    // (and schannel then cannot sign). The client never uses such a key.
    void rsaKeys_haveEveryComponentAtFullWidth()
    {
        static const char* kShortD = R"(-----BEGIN PRIVATE KEY-----
MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQC49ZurPcN1Y5vk
pXrLvULNmbPlxmTmflXzEycci77SxKIpulmoHuzNGegZIqBPSYBomm1MBffRNmCU
WEZLJz0dDn2TBA08gzFdzngZBYySVXKjXSipj/RPV4vbl7KQkdm4i8NoW69XGY+0
r0X5jGrfaFSN0ifYCoat8Pew+jifIVr7UE9VS/6942J9BvH5L83H7s7tfv/iEBqW
brX2Zr89ht7+9D52jXrgy03TlTsl+ny/A/jfmkkA/z7HR3h/6qD66+trWNZJ7ggR
xvGTPpC5SMJR8a05jeJHZ51Sp269J8E6kWCS91PPjTI77bCiuC6LtNwufnVtwT3e
+8k0D0A5AgMBAAECggEAAMI6fr5/SEJ917duua+PkBdYJmekxKXyWqUSon/Xlba/
xuBgUMZmXfBZbuJLpQzzTWU2Gzs6XoMqF0Gwxssk6YhvLxoI/IgPPPLFXwOSUDaw
hIded3+YgXYlo+N16eOR8JCw3wM372ldQ7ZPrlaLSQT9CniOYvOmxMePGeHqNzY3
2DVfGJO8TcBcxcrXjatQIq+l6R4yVGc6C2CXLi26XK9xAmQZYFURXWRBXWT1dihY
bT5ly1DpocVmNYzkKU3M5M4xp4dOaRtmZ2sR+xHpBpsshw2HNN4usHxwpthnUyzS
9M4WSHGiLj/ZTJB50ZmwlMVewH3H2P1eOZ3yfNxDpwKBgQD8AfAAVZ3dU19mQpHI
JRdfEPQ2v095Ete6za5cg4qD78Bmecq1B7ZmTnK+ki53OoLctYJ+005xoUpgRpQ+
F/osdlniuZPUdOnyKXqPXYqjm5fKueAebPNmIbQXmNPTqHDiBc/u54MYFwX/UZxa
OZrnoJyHsY+tPMocXGKVtl6QJwKBgQC7476cLle/L8sQjf0qnIPoIQt7/nhsr5VF
BZFQ8HzO1BKgCjeQ9SmUsIuUMRA/IIBuwIHqsAwW14DUte5iX7kJIPm1y1v/sVPo
De/znSCNPT5AOeZ1gSm+9nDkNExhjYKH83wA9LL2yxG0+1r4sugYS3qMza9zf/Tc
9iJiz6mInwKBgQDqdS8CUKV/3ep67GJPUFrvIonjSZg575LwBB49ilBbsbpSXOuA
A33qrv/IV56NZM2NY/3V2ug3hbT535BaONqTdUTpUHi+CEwD9h1FtuSelMrjXI2s
IPdOxPqVnaUuXZ8wWfH7tj7cMcdtpFMQCloZN++Ju2QN6+mp+zXpTfOqrwKBgQCO
WfVPNRlMA7TRHRKjVyPlGiwuTFUG21y3h4lajmmw9iIKWNNSozxWqA+IPkf12/US
dA26NpliMPItto0ewTFaxj4Ky0EvjzVoCi8zHmfMOotQc820VyC+ys4rR6ha/LDZ
udLIkpyIuL/4o7t/02RfC8iUpz13v4lQY7cXsAfdNwKBgQDrxEcqsyXV8T+OODAG
Q79ROnLmi8qwgzu1CDEdVsYNGJL0Bfz2ATZIjToWsrYAtS99raEvVi/2Knspzj3q
w6tua7Oh2uGDssWvwFspZLmpVCwM1liJUeOZHv54FDgatG1WjKKXMyuStrEQl8HW
L2xOQtWcZQMYsKfoJTmXlIZHoQ==
-----END PRIVATE KEY-----
)";
        QVERIFY(!hasFullWidthRsaComponents(kShortD));
        QVERIFY(openssl({QStringLiteral("pkey"), QStringLiteral("-noout"), QStringLiteral("-check")}, kShortD)
                    .contains("valid")); // a sound key all the same
        for (int i = 0; i < 8; ++i) {
            QVERIFY(hasFullWidthRsaComponents(generateKeyAndRequest(KeyType::Rsa2048, "sample001").privateKeyPem.view()));
        }
        QVERIFY(hasFullWidthRsaComponents(generateKeyAndRequest(KeyType::EcP256, "sample001").privateKeyPem.view()));
        QVERIFY(!hasFullWidthRsaComponents("not a key"));
    }

    void pkcs12_roundTripsInBothEncodings_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<QString>("bagCipher");
        QTest::addColumn<QString>("mac");
        QTest::newRow("AES-256") << static_cast<int>(Pkcs12Encoding::Aes256Sha256) << "AES-256-CBC" << "MAC: sha256";
        QTest::newRow("3DES") << static_cast<int>(Pkcs12Encoding::TripleDesSha1) << "pbeWithSHA1And3-KeyTripleDES-CBC"
                              << "MAC: sha1";
    }
    void pkcs12_roundTripsInBothEncodings()
    {
        QFETCH(int, encoding);
        QFETCH(QString, bagCipher);
        QFETCH(QString, mac);
        const auto made = generateKeyAndRequest(KeyType::Rsa2048, "sample001");
        const auto cert = certificateFor(std::string(made.privateKeyPem.view()), QStringLiteral("p12-%1").arg(encoding));
        const auto ca = certificateFor(std::string(generateKeyAndRequest(KeyType::Rsa2048, "ca").privateKeyPem.view()),
                                       QStringLiteral("ca-%1").arg(encoding));
        const auto password = randomSecret();
        const auto der = buildPkcs12({std::string(made.privateKeyPem.view()), cert, {ca}, "Rokin sample001"}, password,
                                     static_cast<Pkcs12Encoding>(encoding));
        const auto file = dir_.filePath(QStringLiteral("x%1.p12").arg(encoding));
        QFile out(file);
        out.open(QIODevice::WriteOnly);
        out.write(der.data(), static_cast<qint64>(der.size()));
        out.close();
        const auto info = openssl({QStringLiteral("pkcs12"), QStringLiteral("-info"), QStringLiteral("-noout"), QStringLiteral("-in"),
                                   file, QStringLiteral("-passin"), QStringLiteral("stdin")},
                                  QByteArray::fromStdString(std::string(password.view())) + "\n");
        QVERIFY2(info.contains(bagCipher.toLatin1()), info.constData());
        QVERIFY2(info.contains(mac.toLatin1()), info.constData());
        QVERIFY(!info.contains("RC2"));

        const auto back = readPkcs12(der, password);
        QCOMPARE(back.certificatePem, cert);
        QCOMPARE(back.chainPem.size(), std::size_t{1});
        QCOMPARE(back.privateKeyPem.view(), made.privateKeyPem.view());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readPkcs12(der, SecureString("wrong")));
    }

    void pkcs12_refusesAKeyThatIsNotTheCertificates()
    {
        const auto a = generateKeyAndRequest(KeyType::Rsa2048, "a");
        const auto b = generateKeyAndRequest(KeyType::Rsa2048, "b");
        const auto cert = certificateFor(std::string(a.privateKeyPem.view()), QStringLiteral("mismatch"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 buildPkcs12({std::string(b.privateKeyPem.view()), cert, {}, {}}, randomSecret(),
                                             Pkcs12Encoding::Aes256Sha256));
    }

    void certificateFacts_matchOpenssl()
    {
        const auto key = generateKeyAndRequest(KeyType::Rsa2048, "x");
        const auto cert = certificateFor(std::string(key.privateKeyPem.view()), QStringLiteral("facts"));
        const auto facts = certificateFacts(cert);
        QCOMPARE(facts.commonName, std::string("facts"));
        const auto fingerprint = openssl({QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                                          QStringLiteral("-sha1")},
                                         QByteArray::fromStdString(cert));
        QCOMPARE(QString::fromLatin1(fingerprint).trimmed().section(QLatin1Char('='), 1).remove(QLatin1Char(':')),
                 QString::fromStdString(facts.thumbprint));
        QVERIFY(facts.notAfter - facts.notBefore == 30LL * 24 * 3600);
        QCOMPARE(randomSecret().size(), std::size_t{32});
        QVERIFY(randomSecret().view() != randomSecret().view());
    }
};

QTEST_GUILESS_MAIN(TestClientCrypto)
#include "TestClientCrypto.moc"
