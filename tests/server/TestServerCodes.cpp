// One-time codes (SPEC §4.2 step 2): six digits by mail, expiry, a limited number of wrong tries,
// resend rate-limited, and a new code replacing the old one.
#include "ServerHarness.h"

#include <QTemporaryDir>
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
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    qint64 offset_ = 0;

    // the server's test clock moved on: lifetimes and intervals pass without waiting for them
    void advance(qint64 seconds)
    {
        offset_ += seconds;
        writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(offset_));
    }

private slots:
    void initTestCase()
    {
        advance(0);
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{
            {QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock"))},
            {QStringLiteral("code.ttlSeconds"), QStringLiteral("6")},
            {QStringLiteral("code.maxAttempts"), QStringLiteral("3")},
            // the server counts whole seconds: a 1 s interval could pass within milliseconds when the
            // second turns, so 2 s, and the test waits a little over them
            {QStringLiteral("code.resendIntervalSeconds"), QStringLiteral("2")},
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
        advance(7);
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

    // Guesses all at once, the right code among them: the attempts are spent before any code is
    // compared, so no more codes are checked than the enrollment allows.
    void parallelGuesses_checkNoMoreCodesThanTheAttempts()
    {
        QVERIFY(server_->registeredMaster(QStringLiteral("40000002"), QStringLiteral("guess001"), kPassword,
                                          QStringLiteral("guess@example.co.jp")));
        const auto auth = server_->authenticate(QStringLiteral("guess001"), kPassword);
        const auto id = auth.field(QStringLiteral("enrollmentId"));
        const auto code = server_->latestCode(QStringLiteral("guess@example.co.jp"));
        const auto guesses = codeGuesses(id, code, 16);
        const auto results = server_->concurrent(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/verify"), guesses);
        int verified = 0;
        int invalid = 0;
        for (const auto& r : results) {
            verified += r.status == 200 ? 1 : 0;
            invalid += r.errorCode() == QStringLiteral("CODE_INVALID") ? 1 : 0;
        }
        const int checked = server_->auditCount(QStringLiteral("code.verify.failure"), QStringLiteral("guess001")) +
                            server_->auditCount(QStringLiteral("code.verified"), QStringLiteral("guess001"));
        QVERIFY2(checked >= 1 && checked <= 3, qPrintable(QString::number(checked)));
        QVERIFY(verified <= 1 && invalid + verified <= 3);
    }

    // A new authentication voids the earlier code and the earlier unused issuance token.
    void newAuthentication_voidsTheEarlierEnrollments()
    {
        QVERIFY(server_->registeredMaster(QStringLiteral("40000003"), QStringLiteral("void0001"), kPassword,
                                          QStringLiteral("void@example.co.jp")));
        const auto first = server_->authenticate(QStringLiteral("void0001"), kPassword);
        const auto firstCode = server_->latestCode(QStringLiteral("void@example.co.jp"));
        const auto second = server_->authenticate(QStringLiteral("void0001"), kPassword);
        const auto secondCode = server_->latestCode(QStringLiteral("void@example.co.jp"));
        QCOMPARE(server_->verify(first.field(QStringLiteral("enrollmentId")), firstCode).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        const auto verified = server_->verify(second.field(QStringLiteral("enrollmentId")), secondCode);
        QCOMPARE(verified.status, 200);
        const auto token = verified.field(QStringLiteral("issuanceToken"));
        QVERIFY(!token.isEmpty());

        QCOMPARE(server_->authenticate(QStringLiteral("void0001"), kPassword).status, 200);
        QTemporaryDir keys;
        const auto key = makeKeyAndCsr(keys.path(), QStringLiteral("rsa:2048"));
        QCOMPARE(server_->issue(token, key.csrPem).errorCode(), QStringLiteral("TOKEN_INVALID"));
        QVERIFY(server_->auditCount(QStringLiteral("enrollment.voided"), QStringLiteral("void0001")) == 2);
    }

    // SPEC §3: each code whose attempts ran out counts as one failed authentication, and so does
    // every run of 6 wrong codes in a row (threshold 6). Rounds of 3 wrong codes (a code used up
    // each): after round r, r + r / 2 failures: the 4th round's last code is the 6th.
    void usedUpCodes_countTowardTheLockout()
    {
        QVERIFY(server_->registeredMaster(QStringLiteral("40000004"), QStringLiteral("lock0001"), kPassword,
                                          QStringLiteral("lock@example.co.jp")));
        for (int round = 0; round < 4; ++round) {
            const auto auth = server_->authenticate(QStringLiteral("lock0001"), kPassword);
            QCOMPARE(auth.status, 200);
            const auto id = auth.field(QStringLiteral("enrollmentId"));
            const auto wrong = otherCode(server_->latestCode(QStringLiteral("lock@example.co.jp")));
            QCOMPARE(server_->verify(id, wrong).errorCode(), QStringLiteral("CODE_INVALID"));
            QCOMPARE(server_->verify(id, wrong).errorCode(), QStringLiteral("CODE_INVALID"));
            QCOMPARE(server_->verify(id, wrong).errorCode(), QStringLiteral("CODE_EXPIRED"));
        }
        QCOMPARE(server_->auditCount(QStringLiteral("user.login.failure"), QStringLiteral("lock0001"),
                                     QStringLiteral("one-time code attempts used up")),
                 4);
        QCOMPARE(server_->auditCount(QStringLiteral("user.login.failure"), QStringLiteral("lock0001"),
                                     QStringLiteral("6 wrong one-time codes in a row")),
                 2);
        QCOMPARE(server_->authenticate(QStringLiteral("lock0001"), kPassword).errorCode(), QStringLiteral("LOCKED"));
        QCOMPARE(server_->mailCount(QStringLiteral("locked"), QStringLiteral("lock@example.co.jp")), 1);
    }

    // SPEC §3: wrong codes count per user across codes, resends and authentications. 4 wrong codes
    // of 5 and a resend, again and again, never use a code up, yet every 6 in a row are one failed
    // authentication: 30 leave the account open, the 36th locks it, and the 3rd such lock blocks it.
    void wrongCodesAcrossResends_lockAtTheThresholds()
    {
        // the resend interval and the lock's end are waited for on the server's test clock
        QTemporaryDir clockDir;
        const auto clockFile = clockDir.filePath(QStringLiteral("clock"));
        qint64 offset = 0;
        const auto advance = [&clockFile, &offset](qint64 seconds) {
            offset += seconds;
            writeFile(clockFile, QByteArray::number(offset));
        };
        advance(0);
        ServerProcess server(QMap<QString, QString>{
            {QStringLiteral("test.clockFile"), clockFile},
            {QStringLiteral("code.maxAttempts"), QStringLiteral("5")},
            {QStringLiteral("code.resendIntervalSeconds"), QStringLiteral("1")},
            {QStringLiteral("code.maxResends"), QStringLiteral("3")},
            {QStringLiteral("lockout.durationSeconds"), QStringLiteral("3")},
        });
        QVERIFY2(server.start(), qPrintable(server.log()));
        const QString user = QStringLiteral("guess001");
        const QString email = QStringLiteral("guess@example.co.jp");
        QVERIFY(server.registeredMaster(QStringLiteral("40000009"), user, kPassword, email));
        // wrong codes, 4 per code, a resend after every 4th and a new authentication when the
        // resends are spent; returns the last authentication's answer when it is refused
        auto wrongCodes = [&](int count) -> HttpResult {
            int sent = 0;
            while (sent < count) {
                const auto auth = server.authenticate(user, kPassword);
                if (auth.status != 200) {
                    return auth;
                }
                const auto id = auth.field(QStringLiteral("enrollmentId"));
                for (int code = 0; code < 4 && sent < count; ++code) {
                    if (code > 0) {
                        advance(2); // past the resend interval
                        const auto resent = server.post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id));
                        if (resent.status != 200) {
                            return resent;
                        }
                    }
                    const auto wrong = otherCode(server.latestCode(email));
                    for (int i = 0; i < 4 && sent < count; ++i, ++sent) {
                        const auto answer = server.verify(id, wrong);
                        if (answer.errorCode() != QStringLiteral("CODE_INVALID")) {
                            return answer;
                        }
                    }
                }
            }
            return server.authenticate(user, kPassword);
        };
        for (int lock = 1; lock <= 3; ++lock) {
            QCOMPARE(wrongCodes(30).status, 200); // five failed authentications: still open
            QCOMPARE(server.authenticate(user, kPassword).status, 200);
            const auto sixth = wrongCodes(6);
            QCOMPARE(sixth.errorCode(), lock < 3 ? QStringLiteral("LOCKED") : QStringLiteral("BLOCKED"));
            if (lock < 3) {
                advance(5); // past the lock's 3 s
            }
        }
        QCOMPARE(server.auditCount(QStringLiteral("user.login.failure"), user, QStringLiteral("6 wrong one-time codes in a row")),
                 18);
        QCOMPARE(server.auditCount(QStringLiteral("user.login.failure"), user, QStringLiteral("attempts used up")), 0);
        QCOMPARE(server.mailCount(QStringLiteral("locked"), email), 2);
        QCOMPARE(server.mailCount(QStringLiteral("blocked"), email), 1);
        server.stop();
    }

    // The authentication is whole when the code is verified: then, not at the right password, the
    // consecutive failures start again from nothing.
    void verifiedCode_resetsTheCounts()
    {
        QVERIFY(server_->registeredMaster(QStringLiteral("40000005"), QStringLiteral("reset001"), kPassword,
                                          QStringLiteral("reset@example.co.jp")));
        const auto wrongPasswords = [&](int n) {
            for (int i = 0; i < n; ++i) {
                QCOMPARE(server_->authenticate(QStringLiteral("reset001"), QStringLiteral("Wrong1!x")).errorCode(),
                         QStringLiteral("INVALID_CREDENTIALS"));
            }
        };
        wrongPasswords(5);
        const auto auth = server_->authenticate(QStringLiteral("reset001"), kPassword);
        QCOMPARE(auth.status, 200);
        QCOMPARE(server_->verify(auth.field(QStringLiteral("enrollmentId")),
                                 server_->latestCode(QStringLiteral("reset@example.co.jp")))
                     .status,
                 200);
        wrongPasswords(5);
        QCOMPARE(server_->authenticate(QStringLiteral("reset001"), kPassword).status, 200);
        // the right password alone reset nothing: one more wrong one is the sixth in a row
        QCOMPARE(server_->authenticate(QStringLiteral("reset001"), QStringLiteral("Wrong1!x")).errorCode(),
                 QStringLiteral("LOCKED"));
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

        advance(3);
        const auto resent = server_->post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id));
        QCOMPARE(resent.status, 200);
        QVERIFY(!resent.field(QStringLiteral("codeExpiresAt")).isEmpty());
        const auto secondCode = server_->latestCode(QStringLiteral("code@example.co.jp"));
        advance(3);
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/resend"), resendBody(id)).status, 200);
        const auto thirdCode = server_->latestCode(QStringLiteral("code@example.co.jp"));
        advance(3);
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
