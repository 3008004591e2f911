// rokin-enroll --check-renewal for a logon task: the status rule as a pure function, and the real
// program against a certificate store folder made here (exit 0 / 10 / 20 and one line).
#include "flow/CertificateStatus.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace enroll::client;

namespace {

StoredCertificate expiringAt(const QString& jst, const QString& user = QStringLiteral("sample001"))
{
    StoredCertificate c;
    c.userId = user;
    c.notAfter = QDateTime::fromString(jst, Qt::ISODate).toUTC();
    return c;
}

QDateTime at(const QString& jst)
{
    return QDateTime::fromString(jst, Qt::ISODate).toUTC();
}

} // namespace

class TestCheckRenewal : public QObject
{
    Q_OBJECT
    QTemporaryDir home_;

    std::pair<int, QString> runCheck()
    {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home_.path());
        p.setProcessEnvironment(env);
        // the installation's issuer bundle: the sample's own (self-signed) certificate
        p.start(QStringLiteral(ROKIN_ENROLL_BIN),
                {QStringLiteral("--check-renewal"), QStringLiteral("--issuers"), home_.filePath(QStringLiteral("issuers.pem"))});
        p.waitForFinished(30000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()).trimmed()};
    }

    void storeCertificate(int days)
    {
        const QString dir = home_.filePath(QStringLiteral("Rokin/Enroll/certificates"));
        QDir().mkpath(dir);
        const auto key = home_.filePath(QStringLiteral("k.pem"));
        const auto cert = dir + QStringLiteral("/cert.crt");
        QProcess::execute(QStringLiteral("openssl"),
                          {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                           QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                           QStringLiteral("-days"), QString::number(days), QStringLiteral("-subj"), QStringLiteral("/CN=sample001")});
        // named by its SHA-1 thumbprint, with its PKCS#12 beside it, as the portable store keeps it
        QProcess fp;
        fp.start(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-noout"),
                                             QStringLiteral("-fingerprint"), QStringLiteral("-sha1")});
        fp.waitForFinished();
        const auto thumb = QString::fromLatin1(fp.readAll()).trimmed().section(QLatin1Char('='), 1).remove(QLatin1Char(':'));
        QDir folder(dir);
        for (const auto& old : folder.entryList(QDir::Files)) {
            if (old != QStringLiteral("cert.crt")) {
                folder.remove(old);
            }
        }
        QFile::remove(home_.filePath(QStringLiteral("issuers.pem")));
        QFile::copy(dir + QStringLiteral("/cert.crt"), home_.filePath(QStringLiteral("issuers.pem")));
        folder.rename(QStringLiteral("cert.crt"), thumb + QStringLiteral(".crt"));
        QFile p12(dir + QLatin1Char('/') + thumb + QStringLiteral(".p12"));
        p12.open(QIODevice::WriteOnly);
        p12.write("x");
    }

private slots:
    void status_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("start");
        QTest::newRow("valid") << "2027-10-26T23:59:59+09:00" << 0 << "ok:";
        QTest::newRow("renewal open") << "2027-10-27T00:00:00+09:00" << 10 << "renewal open:";
        QTest::newRow("last second") << "2027-11-26T23:59:59+09:00" << 10 << "renewal open:";
        QTest::newRow("expired") << "2027-11-27T00:00:00+09:00" << 20 << "expired:";
    }
    void status()
    {
        QFETCH(QString, now);
        QFETCH(int, exitCode);
        QFETCH(QString, start);
        const auto check = checkRenewal(certificateStatusOf({expiringAt(QStringLiteral("2027-11-26T23:59:59+09:00"))}, at(now)));
        QCOMPARE(check.exitCode, exitCode);
        QVERIFY2(check.line.startsWith(start), qPrintable(check.line));
    }

    void newestCertificateCounts()
    {
        const auto status = certificateStatusOf({expiringAt(QStringLiteral("2027-01-01T23:59:59+09:00")),
                                                 expiringAt(QStringLiteral("2028-01-01T23:59:59+09:00"))},
                                                at(QStringLiteral("2027-12-20T00:00:00+09:00")));
        QVERIFY(status.present);
        QVERIFY(status.renewalOpen);
        QCOMPARE(checkRenewal(certificateStatusOf({}, QDateTime::currentDateTimeUtc())).exitCode, 20);
    }

    void program_missingValidAndDue()
    {
        auto [code, line] = runCheck();
        QCOMPARE(code, 20);
        QVERIFY2(line.startsWith(QStringLiteral("missing:")), qPrintable(line));
        storeCertificate(200);
        std::tie(code, line) = runCheck();
        QCOMPARE(code, 0);
        QVERIFY2(line.startsWith(QStringLiteral("ok: the certificate of sample001")), qPrintable(line));
        storeCertificate(20);
        std::tie(code, line) = runCheck();
        QCOMPARE(code, 10);
        QVERIFY2(line.startsWith(QStringLiteral("renewal open:")), qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestCheckRenewal)
#include "TestCheckRenewal.moc"
