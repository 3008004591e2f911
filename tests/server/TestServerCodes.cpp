// One-time codes (SPEC §4.2 step 2): six digits by mail, expiry, a limited number of wrong tries,
// resend rate-limited, and a new code replacing the old one.
#include "ServerHarness.h"

#include <QThread>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

QJsonObject resendBody(const QString& id)
{
    return {{QStringLiteral("enrollmentId"), id}};
}

QString otherCode(const QString& code)
{
    return code == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
}

} // namespace

class TestServerCodes : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;

private slots:
    void initTestCase()
    {
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{
            {QStringLiteral("code.ttlSeconds"), QStringLiteral("3")},
            {QStringLiteral("code.maxAttempts"), QStringLiteral("3")},
            {QStringLiteral("code.resendIntervalSeconds"), QStringLiteral("1")},
            {QStringLiteral("code.maxResends"), QStringLiteral("2")},
        });
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        QVERIFY(server_->registeredMaster(QStringLiteral("40000001"), QStringLiteral("coder001"), kPassword,
                                          QStringLiteral("code@example.co.jp")));
    }
    void cleanupTestCase()
    {
        server_->stop();
        // codes never reach the log
        QVERIFY(!server_->log().contains(QStringLiteral("認証コード")));
    }

    void code_expiresAfterItsLifetime()
    {
        const auto auth = server_->authenticate(QStringLiteral("coder001"), kPassword);
        QCOMPARE(auth.status, 200);
        const auto code = server_->latestCode(QStringLiteral("code@example.co.jp"));
        QThread::msleep(4200);
        const auto late = server_->verify(auth.field(QStringLiteral("enrollmentId")), code);
        QCOMPARE(late.status, 410);
        QCOMPARE(late.errorCode(), QStringLiteral("CODE_EXPIRED"));
    }

    void wrongCodes_countDownThenEndTheCode()
    {
        const auto auth = server_->authenticate(QStringLiteral("coder001"), kPassword);
        const auto id = auth.field(QStringLiteral("enrollmentId"));
        const auto code = server_->latestCode(QStringLiteral("code@example.co.jp"));
        const auto first = server_->verify(id, otherCode(code));
        QCOMPARE(first.errorCode(), QStringLiteral("CODE_INVALID"));
        QCOMPARE(first.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("attemptsLeft")).toInt(), 2);
        QCOMPARE(server_->verify(id, otherCode(code)).json.value(QStringLiteral("error")).toObject()
                     .value(QStringLiteral("attemptsLeft")).toInt(), 1);
        QCOMPARE(server_->verify(id, otherCode(code)).errorCode(), QStringLiteral("CODE_EXPIRED"));
        // the right code no longer helps
        QCOMPARE(server_->verify(id, code).errorCode(), QStringLiteral("CODE_EXPIRED"));
    }

    void concurrentWrongCodes_neverGiveExtraTries()
    {
        const auto auth = server_->authenticate(QStringLiteral("coder001"), kPassword);
        const auto id = auth.field(QStringLiteral("enrollmentId"));
        const auto code = server_->latestCode(QStringLiteral("code@example.co.jp"));
        const QJsonObject wrong{{QStringLiteral("enrollmentId"), id}, {QStringLiteral("code"), otherCode(code)}};
        const auto results = server_->concurrent(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/verify"),
                                                 std::vector<QJsonObject>(6, wrong));
        int invalid = 0;
        for (const auto& r : results) {
            invalid += r.errorCode() == QStringLiteral("CODE_INVALID") ? 1 : 0;
        }
        QCOMPARE(invalid, 2); // 3 attempts: two answered CODE_INVALID, the rest CODE_EXPIRED
        QCOMPARE(server_->verify(id, code).errorCode(), QStringLiteral("CODE_EXPIRED"));
    }

    void resend_isRateLimitedAndReplacesTheCode()
    {
        const auto auth = server_->authenticate(QStringLiteral("coder001"), kPassword);
        const auto id = auth.field(QStringLiteral("enrollmentId"));
        const auto firstCode = server_->latestCode(QStringLiteral("code@example.co.jp"));
        const auto early = server_->post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id));
        QCOMPARE(early.status, 429);
        QCOMPARE(early.errorCode(), QStringLiteral("RATE_LIMITED"));
        QVERIFY(early.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retryAfterSeconds")).toInt() >= 1);

        QThread::msleep(1100);
        const auto resent = server_->post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id));
        QCOMPARE(resent.status, 200);
        QVERIFY(!resent.field(QStringLiteral("codeExpiresAt")).isEmpty());
        const auto secondCode = server_->latestCode(QStringLiteral("code@example.co.jp"));
        QThread::msleep(1100);
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id)).status, 200);
        const auto thirdCode = server_->latestCode(QStringLiteral("code@example.co.jp"));
        QThread::msleep(1100);
        // two resends allowed
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id)).errorCode(),
                 QStringLiteral("RATE_LIMITED"));
        // only the newest code is valid
        if (secondCode != thirdCode) {
            QCOMPARE(server_->verify(id, secondCode).errorCode(), QStringLiteral("CODE_INVALID"));
        }
        if (firstCode != thirdCode) {
            QCOMPARE(server_->verify(id, firstCode).errorCode(), QStringLiteral("CODE_INVALID"));
        }
        QCOMPARE(server_->verify(id, thirdCode).status, 200);
        // verified: no more resends or verifications on this enrollment
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id)).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
    }
};

QTEST_GUILESS_MAIN(TestServerCodes)
#include "TestServerCodes.moc"
