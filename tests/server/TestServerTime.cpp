// Time-dependent rules through the test-only clock (test.clockFile), not by waiting: the
// certificate is refused after notAfter, authentication for a new certificate reopens inside the
// 30-day window, a confirmed renewal supersedes (revokes) the old certificate, and a clock that
// steps back or forward lets no code, token or lock live longer than its rule.
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

    void setClockOffsetDays(qint64 days) { setClockOffsetSeconds(days * kDay); }
    void setClockOffsetSeconds(qint64 seconds) { writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(seconds)); }

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

    // The clock steps back a day (NTP, a VM restored from a snapshot): the registration token,
    // the code, the issuance token and the lock made "in the future" are not in force for a day
    // more; stepped forward past their end, they are over.
    void clockSteps_nothingOutlivesItsRule()
    {
        // a registration token made now, used after the clock went back a day
        QVERIFY(server_->addContract(QStringLiteral("70000003"), QStringLiteral("Ab1!cd2#")));
        const auto login = server_->contractLogin(QStringLiteral("70000003"), QStringLiteral("Ab1!cd2#"));
        QCOMPARE(login.status, 200);
        setClockOffsetDays(-1);
        QCOMPARE(server_->registerMaster(login.field(QStringLiteral("registrationToken")), QStringLiteral("timer003"), kPassword,
                                         QStringLiteral("time3@example.co.jp"))
                     .errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        setClockOffsetDays(0);
        QVERIFY(server_->registeredMaster(QStringLiteral("70000004"), QStringLiteral("timer004"), kPassword,
                                          QStringLiteral("time4@example.co.jp")));

        // a code: back a day, then 31 minutes forward: never accepted
        auto auth = server_->authenticate(QStringLiteral("timer004"), kPassword);
        QCOMPARE(auth.status, 200);
        auto id = auth.field(QStringLiteral("enrollmentId"));
        auto code = server_->latestCode(QStringLiteral("time4@example.co.jp"));
        setClockOffsetDays(-1);
        QCOMPARE(server_->verify(id, code).errorCode(), QStringLiteral("CODE_EXPIRED"));
        setClockOffsetSeconds(31 * 60);
        QCOMPARE(server_->verify(id, code).errorCode(), QStringLiteral("CODE_EXPIRED"));
        setClockOffsetDays(0);

        // an issuance token: back a day, not for issuing; forward past its 30 minutes, neither
        auth = server_->authenticate(QStringLiteral("timer004"), kPassword);
        id = auth.field(QStringLiteral("enrollmentId"));
        code = server_->latestCode(QStringLiteral("time4@example.co.jp"));
        const auto verified = server_->verify(id, code);
        QCOMPARE(verified.status, 200);
        const auto token = verified.field(QStringLiteral("issuanceToken"));
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("rsa:2048"));
        setClockOffsetDays(-1);
        QCOMPARE(server_->issue(token, key.csrPem).errorCode(), QStringLiteral("TOKEN_INVALID"));
        setClockOffsetSeconds(31 * 60);
        QCOMPARE(server_->issue(token, key.csrPem).errorCode(), QStringLiteral("TOKEN_INVALID"));
        setClockOffsetDays(0);

        // a lock (6 wrong passwords, 60 minutes) lifts on time; one made later is not in force
        // when the clock goes back to before it began
        for (int i = 0; i < 6; ++i) {
            (void)server_->authenticate(QStringLiteral("timer004"), QStringLiteral("Wrong1!x"));
        }
        QCOMPARE(server_->authenticate(QStringLiteral("timer004"), kPassword).errorCode(), QStringLiteral("LOCKED"));
        setClockOffsetSeconds(61 * 60);
        QCOMPARE(server_->authenticate(QStringLiteral("timer004"), kPassword).status, 200);
        for (int i = 0; i < 6; ++i) {
            (void)server_->authenticate(QStringLiteral("timer004"), QStringLiteral("Wrong1!x"));
        }
        QCOMPARE(server_->authenticate(QStringLiteral("timer004"), kPassword).errorCode(), QStringLiteral("LOCKED"));
        setClockOffsetDays(-1);
        QCOMPARE(server_->authenticate(QStringLiteral("timer004"), kPassword).status, 200);
        setClockOffsetDays(0);
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
