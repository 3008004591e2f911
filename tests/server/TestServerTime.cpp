// Time-dependent rules through the test-only clock (test.clockFile), not by waiting: the
// certificate is refused after notAfter, authentication for a new certificate reopens inside the
// 30-day window, and a confirmed renewal supersedes (revokes) the old certificate.
#include "ServerHarness.h"

#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
constexpr qint64 kDay = 24 * 3600;


} // namespace

class TestServerTime : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;

    void setClockOffsetDays(qint64 days) { writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(days * kDay)); }

private slots:
    void init()
    {
        setClockOffsetDays(0);
        server_ = std::make_unique<ServerProcess>(
            QMap<QString, QString>{{QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock"))}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanup() { server_->stop(); }

    void certificate_isRefusedAfterItExpires()
    {
        const auto enrolled = server_->enroll(QStringLiteral("70000001"), QStringLiteral("timer001"), kPassword,
                                              QStringLiteral("time@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        const auto me = [&] {
            return server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, CallOptions::withCertificate(enrolled.certFile, enrolled.keyFile));
        };
        setClockOffsetDays(364);
        QCOMPARE(me().status, 200);
        setClockOffsetDays(367);
        QCOMPARE(me().errorCode(), QStringLiteral("CLIENT_CERT_REQUIRED"));
        // expired: a new certificate may be issued as for a first enrollment
        QVERIFY(!server_->issuanceToken(QStringLiteral("timer001"), kPassword, QStringLiteral("time@example.co.jp")).isEmpty());
    }

    void renewal_opensThirtyDaysBeforeAndSupersedesOnConfirm()
    {
        const QString email = QStringLiteral("renew@example.co.jp");
        const auto old = server_->enroll(QStringLiteral("70000002"), QStringLiteral("renew001"), kPassword, email);
        QVERIFY(!old.serial.isEmpty());
        setClockOffsetDays(300);
        QCOMPARE(server_->authenticate(QStringLiteral("renew001"), kPassword).errorCode(), QStringLiteral("CERT_ALREADY_ISSUED"));
        setClockOffsetDays(340); // inside the window (opens 335 days after issue)
        const auto token = server_->issuanceToken(QStringLiteral("renew001"), kPassword, email);
        QVERIFY(!token.isEmpty());
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("rsa:2048"));
        const auto issued = server_->issue(token, key.csrPem);
        QCOMPARE(issued.status, 201);
        const auto fresh = writeFile(dir_.filePath(QStringLiteral("new.crt")), issued.field(QStringLiteral("certificate")).toLatin1());
        const auto me = [this](const QString& cert, const QString& keyFile) {
            return server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, CallOptions::withCertificate(cert, keyFile));
        };
        // until the import is confirmed, the old certificate still works
        QCOMPARE(me(old.certFile, old.keyFile).status, 200);
        // confirmed over mTLS with the new certificate itself; another serial is refused
        CallOptions mtls = CallOptions::withCertificate(fresh, key.keyFile);
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/confirm"), {{QStringLiteral("serial"), old.serial}}, mtls).errorCode(),
                 QStringLiteral("FORBIDDEN"));
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/confirm"), {{QStringLiteral("serial"), issued.field(QStringLiteral("serial"))}}, mtls).status,
                 204);
        QCOMPARE(me(old.certFile, old.keyFile).errorCode(), QStringLiteral("CLIENT_CERT_REQUIRED"));
        QCOMPARE(me(fresh, key.keyFile).status, 200);
        const auto list = server_->admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("renew001")});
        QVERIFY2(list.out.contains(("superseded")), list.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerTime)
#include "TestServerTime.moc"
