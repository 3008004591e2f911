// kill -9 at a random moment of a burst, again and again (Step 11), over every state change:
// wrong passwords against a user and a contract (the lockout counters), master registrations
// with an operator's enroll-admin at work, one-time code guesses, issuances, confirmations,
// renewals, profile changes, a master creating and disabling users, and an operator's contract
// import killed itself. After each kill the server restarts on the same data and nothing
// acknowledged is lost: the database is intact, serials unique, no user holds two valid
// certificates of a kind, no disabled user a valid one, every certificate a client received is
// recorded, every failure a client was told of is counted, every change a client was told of is
// there, and the audit chain verifies.
// ENROLL_CRASH_ITERATIONS: how many kills (default: each scenario once; the full run in
// docs/reliability.md is 200). At the end, per scenario, the statuses clients got (0: cut off by
// the kill; for the import: 0 finished, 1 killed), so that a run shows its kills landed mid-burst.
#include "ServerHarness.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>
#include <QtTest>

#include <functional>
#include <future>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
const QString kInitial = QStringLiteral("Ab1!cd2#");
const QString kGeneralPassword = QStringLiteral("Gen1!pwx");
constexpr int kLockThreshold = 6;   // lockout.threshold's default
constexpr qint64 kDay = 24 * 3600;
constexpr int kRenewalDay = 340;    // 25 days before a new certificate's end: renewal is open

CallOptions as(const ServerProcess::Enrolled& who)
{
    return CallOptions::withCertificate(who.certFile, who.keyFile);
}

} // namespace

class TestServerCrashLoop : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    int contracts_ = 0;
    int received_ = 0; // certificates clients received, each found recorded
    // per scenario, the statuses clients got (0: the kill cut the call off)
    QMap<QString, QMap<int, int>> tally_;
    QString scenario_;

    void setClockOffsetDays(qint64 days) { writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(days * kDay)); }
    QString sql(const QString& query) const
    {
        // waits for a writer still at work (an enroll-admin the kill did not stop) rather than fail
        const auto run = runTool(QStringLiteral("sqlite3"), {QStringLiteral("-cmd"), QStringLiteral(".timeout 10000"),
                                                             server_->dataDir() + QStringLiteral("/enroll.db"), query});
        if (run.exitCode != 0) {
            qWarning("sqlite3: %s", run.err.constData());
        }
        return QString::fromUtf8(run.out).trimmed();
    }
    QString newContract()
    {
        ++contracts_;
        return lastContract();
    }
    QString lastContract() const { return QStringLiteral("7%1").arg(contracts_, 7, 10, QLatin1Char('0')); }
    QString newUserId(const QString& prefix) const { return prefix + QStringLiteral("%1x").arg(contracts_, 5, 10, QLatin1Char('0')); }
    QString emailOf(const QString& userId) const { return userId + QStringLiteral("@example.co.jp"); }
    // A master of a new contract, registered; its user ID (empty on failure).
    QString newMaster()
    {
        const auto contract = newContract();
        const auto user = newUserId(QStringLiteral("loop"));
        return server_->registeredMaster(contract, user, kPassword, emailOf(user)) ? user : QString();
    }
    // A master of a new contract with a confirmed certificate.
    ServerProcess::Enrolled newEnrolledMaster()
    {
        const auto contract = newContract();
        const auto user = newUserId(QStringLiteral("cert"));
        return server_->enroll(contract, user, kPassword, emailOf(user));
    }

    // Starts the calls at once, kills the server mid-burst (after a random number of them have
    // their answer, and a random moment more), collects what clients got, and restarts the server
    // (checking the invariants).
    // `beforeRestart`: what must end first (an operator's command running beside the burst).
    std::vector<HttpResult> burstThenKill(const QString& method, const QString& path, const std::vector<QJsonObject>& bodies,
                                          const std::vector<CallOptions>& options, const std::function<void()>& beforeRestart = {})
    {
        auto batch = server_->start(method, path, bodies, options);
        const int answered = QRandomGenerator::global()->bounded(static_cast<int>(bodies.size()));
        QElapsedTimer timer;
        timer.start();
        while (batch->finished() < answered && timer.elapsed() < 20000) {
            QCoreApplication::processEvents();
            QThread::usleep(200);
        }
        waitRandomly(40);
        server_->kill();
        auto results = batch->collect();
        for (const auto& r : results) {
            ++tally_[scenario_][r.status];
        }
        if (beforeRestart) {
            beforeRestart();
        }
        invariants();
        return results;
    }
    static void waitRandomly(int maxDelayMs)
    {
        const auto delay = QRandomGenerator::global()->bounded(maxDelayMs);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < delay) {
            QCoreApplication::processEvents();
            QThread::usleep(500);
        }
    }
    // What must hold after every kill; restarts the server.
    void invariants()
    {
        QCOMPARE(sql(QStringLiteral("PRAGMA integrity_check;")), QStringLiteral("ok"));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) - COUNT(DISTINCT serial) FROM certificates;")), QStringLiteral("0"));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM (SELECT user_id, status FROM certificates WHERE status <> 'revoked' "
                                    "GROUP BY user_id, status HAVING COUNT(*) > 1);")),
                 QStringLiteral("0"));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM certificates c JOIN users u ON u.user_id = c.user_id "
                                    "WHERE u.disabled = 1 AND c.status <> 'revoked';")),
                 QStringLiteral("0"));
        QVERIFY2(server_->start(), qPrintable(server_->log().right(2000)));
        const auto audit = server_->admin({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(audit.exitCode == 0, (audit.out + audit.err).constData());
    }
    // Every certificate in `results` that a client received (201) is recorded.
    void receivedAreRecorded(const std::vector<HttpResult>& results)
    {
        const auto list = QString::fromUtf8(server_->admin({QStringLiteral("cert"), QStringLiteral("list")}).out);
        for (const auto& r : results) {
            if (r.status == 201) {
                ++received_;
                QVERIFY2(list.contains(r.field(QStringLiteral("serial"))), "a certificate received but not recorded");
            }
        }
    }

    // Wrong passwords: every one a client was told of (401, or the 423 of the lock they made) is
    // in the counters after the restart.
    void wrongPasswords(const QString& table, const QString& key, const QString& id, const QString& path,
                        const QJsonObject& body)
    {
        const std::vector<QJsonObject> bodies(10, body);
        const auto results = burstThenKill(QStringLiteral("POST"), path, bodies, std::vector<CallOptions>(bodies.size()));
        int told = 0;
        for (const auto& r : results) {
            told += r.status == 401 ? 1 : 0;
        }
        const auto row = sql(QStringLiteral("SELECT failed_count, lock_count, blocked FROM %1 WHERE %2 = '%3';").arg(table, key, id))
                             .split(QLatin1Char('|'));
        QCOMPARE(row.size(), 3);
        const int counted = row[0].toInt() + kLockThreshold * row[1].toInt();
        QVERIFY2(counted >= told, qPrintable(QStringLiteral("%1 %2: %3 wrong passwords answered, %4 counted").arg(table, id).arg(told).arg(counted)));
    }

    // --- the scenarios: each a burst, a kill, the restart, and what must have survived -------------

    void userWrongPasswords()
    {
        const auto user = newMaster();
        QVERIFY(!user.isEmpty());
        wrongPasswords(QStringLiteral("users"), QStringLiteral("user_id"), user, QStringLiteral("/api/v1/enrollment/authenticate"),
                       {{QStringLiteral("userId"), user}, {QStringLiteral("password"), QStringLiteral("Wrong1!x")}});
    }

    void contractWrongPasswords()
    {
        const auto contract = newContract();
        QVERIFY(server_->addContract(contract, kInitial));
        wrongPasswords(QStringLiteral("contracts"), QStringLiteral("number"), contract, QStringLiteral("/api/v1/contract/login"),
                       {{QStringLiteral("contractNumber"), contract}, {QStringLiteral("initialPassword"), QStringLiteral("Zz9?zz9?")}});
    }

    // Registrations, and the operator adding a contract meanwhile.
    void registrations()
    {
        std::vector<QJsonObject> bodies;
        std::vector<CallOptions> options;
        for (int c = 0; c < 4; ++c) {
            const auto contract = newContract();
            QVERIFY(server_->addContract(contract, kInitial));
            CallOptions o;
            o.bearer = server_->contractLogin(contract, kInitial).field(QStringLiteral("registrationToken"));
            options.push_back(o);
            const auto user = newUserId(QStringLiteral("reg"));
            bodies.push_back({{QStringLiteral("userId"), user}, {QStringLiteral("password"), kPassword},
                              {QStringLiteral("userName"), QStringLiteral("労金　太郎")}, {QStringLiteral("email"), emailOf(user)}});
        }
        const auto operatorContract = newContract();
        auto admin = std::async(std::launch::async, [this, operatorContract] {
            return server_->admin({QStringLiteral("contract"), QStringLiteral("add"), QStringLiteral("--number"), operatorContract,
                                   QStringLiteral("--employer"), QStringLiteral("労金商事"), QStringLiteral("--initial-password-stdin")},
                                  (kInitial + QLatin1Char('\n')).toUtf8());
        });
        ProcessResult added;
        const auto results = burstThenKill(QStringLiteral("POST"), QStringLiteral("/api/v1/master/register"), bodies, options,
                                           [&] { added = admin.get(); });
        if (added.exitCode == 0) {
            QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM contracts WHERE number = '%1';").arg(operatorContract)), QStringLiteral("1"));
        }
        for (std::size_t r = 0; r < results.size(); ++r) {
            if (results[r].status == 201) {
                QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM users WHERE user_id = '%1';")
                                 .arg(bodies[r].value(QStringLiteral("userId")).toString())),
                         QStringLiteral("1"));
            }
        }
    }

    // Code guesses, the right one among them: every wrong guess a client was told of is spent, and
    // an issuance token a client received still issues after the restart.
    void codeGuesses()
    {
        std::vector<QJsonObject> bodies;
        std::vector<QString> enrollmentOf;
        for (int u = 0; u < 2; ++u) {
            const auto user = newMaster();
            QVERIFY(!user.isEmpty());
            const auto started = server_->authenticate(user, kPassword);
            QCOMPARE(started.status, 200);
            const auto id = started.field(QStringLiteral("enrollmentId"));
            for (const auto& guess : enroll::test::codeGuesses(id, server_->latestCode(emailOf(user)), 4)) {
                bodies.push_back(guess); // three wrong, then the right one
                enrollmentOf.push_back(id);
            }
        }
        const auto results = burstThenKill(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/verify"), bodies, {});
        for (std::size_t r = 0; r < results.size(); ++r) {
            if (results[r].errorCode() == QStringLiteral("CODE_INVALID")) {
                const int told = results[r].json.value(QStringLiteral("error")).toObject().value(QStringLiteral("attemptsLeft")).toInt();
                const auto left = sql(QStringLiteral("SELECT attempts_left FROM enrollments WHERE id = '%1';").arg(enrollmentOf[r]));
                QVERIFY2(left.toInt() <= told, qPrintable(QStringLiteral("told %1 attempts left, %2 recorded").arg(told).arg(left)));
            }
            if (results[r].status == 200) {
                const auto csr = makeKeyAndCsr(server_->scratch({}), QStringLiteral("ec")).csrPem;
                const auto issued = server_->issue(results[r].field(QStringLiteral("issuanceToken")), csr);
                QCOMPARE(issued.status, 201);
                receivedAreRecorded({issued});
            }
        }
    }

    // Issuances with live tokens, two per user: every certificate received is recorded.
    void issuances()
    {
        std::vector<QJsonObject> bodies;
        std::vector<CallOptions> options;
        for (int u = 0; u < 3; ++u) {
            const auto user = newMaster();
            const auto csr = makeKeyAndCsr(server_->scratch({}), QStringLiteral("ec")).csrPem;
            for (int t = 0; t < 2; ++t) {
                CallOptions o;
                o.bearer = server_->issuanceToken(user, kPassword, emailOf(user));
                QVERIFY(!o.bearer.isEmpty());
                bodies.push_back({{QStringLiteral("csr"), csr}});
                options.push_back(o);
            }
        }
        receivedAreRecorded(burstThenKill(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/issue"), bodies, options));
    }

    // Confirmations with the issuance token (twice each): a confirmed certificate stays in use; one
    // whose answer was lost confirms after the restart as the client does then, by itself (mTLS:
    // the token is single use, and may have been spent by the call whose answer was lost).
    void confirmations()
    {
        std::vector<QJsonObject> bodies;
        std::vector<CallOptions> options;
        std::vector<ServerProcess::Enrolled> issuedTo;
        for (int u = 0; u < 3; ++u) {
            const auto user = newMaster();
            CallOptions o;
            o.bearer = server_->issuanceToken(user, kPassword, emailOf(user));
            const auto key = makeKeyAndCsr(server_->scratch({}), QStringLiteral("ec"));
            const auto issued = server_->issue(o.bearer, key.csrPem);
            QCOMPARE(issued.status, 201);
            const auto serial = issued.field(QStringLiteral("serial"));
            const ServerProcess::Enrolled holder{serial, writeFile(server_->scratch(serial + QStringLiteral(".crt")),
                                                                   issued.field(QStringLiteral("certificate")).toLatin1()),
                                                 key.keyFile};
            for (int t = 0; t < 2; ++t) {
                bodies.push_back({{QStringLiteral("serial"), serial}});
                options.push_back(o);
                issuedTo.push_back(holder);
            }
        }
        const auto results = burstThenKill(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/confirm"), bodies, options);
        for (std::size_t r = 0; r < results.size(); ++r) {
            const auto& holder = issuedTo[r];
            if (results[r].status != 204) {
                QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/confirm"), {{QStringLiteral("serial"), holder.serial}}, as(holder))
                             .status,
                         204);
            }
            QCOMPARE(sql(QStringLiteral("SELECT status FROM certificates WHERE serial = '%1';").arg(holder.serial)), QStringLiteral("active"));
        }
    }

    // Renewals inside the window (the server's clock 340 days on), two requests per user: every
    // certificate received is recorded, and the newest confirms and supersedes the old one.
    void renewals()
    {
        std::vector<ServerProcess::Enrolled> users;
        for (int u = 0; u < 3; ++u) {
            users.push_back(newEnrolledMaster());
            QVERIFY(!users.back().serial.isEmpty());
        }
        setClockOffsetDays(kRenewalDay);
        std::vector<QJsonObject> bodies;
        std::vector<CallOptions> options;
        std::vector<ClientKey> keys;
        for (const auto& user : users) {
            for (int t = 0; t < 2; ++t) {
                keys.push_back(makeKeyAndCsr(server_->scratch({}), QStringLiteral("ec")));
                bodies.push_back({{QStringLiteral("csr"), keys.back().csrPem}});
                options.push_back(as(user));
            }
        }
        const auto results = burstThenKill(QStringLiteral("POST"), QStringLiteral("/api/v1/certificates/renew"), bodies, options);
        receivedAreRecorded(results);
        for (std::size_t r = 0; r < results.size(); ++r) {
            const auto serial = results[r].field(QStringLiteral("serial"));
            if (results[r].status != 201 ||
                sql(QStringLiteral("SELECT status FROM certificates WHERE serial = '%1';").arg(serial)) != QStringLiteral("pending")) {
                continue; // lost with the kill, or replaced by the user's other request
            }
            const ServerProcess::Enrolled renewed{serial, writeFile(server_->scratch(serial + QStringLiteral(".crt")),
                                                                    results[r].field(QStringLiteral("certificate")).toLatin1()),
                                                  keys[r].keyFile};
            QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/confirm"), {{QStringLiteral("serial"), serial}}, as(renewed)).status, 204);
            QCOMPARE(sql(QStringLiteral("SELECT status FROM certificates WHERE serial = '%1';").arg(users[r / 2].serial)),
                     QStringLiteral("revoked"));
        }
        setClockOffsetDays(0);
    }

    // Profile changes (the password re-entered), several names at once: the name recorded is one
    // that was sent, and not the old one when a change was acknowledged.
    void profileChanges()
    {
        const auto user = newEnrolledMaster();
        QVERIFY(!user.serial.isEmpty());
        const auto userId = newUserId(QStringLiteral("cert"));
        const auto before = sql(QStringLiteral("SELECT user_name FROM users WHERE user_id = '%1';").arg(userId));
        std::vector<QJsonObject> bodies;
        QSet<QString> sent;
        for (int n = 1; n <= 6; ++n) {
            const auto name = QStringLiteral("労金　変更") + QChar(0xFF10 + n); // a full-width digit
            sent.insert(name);
            bodies.push_back({{QStringLiteral("userName"), name}, {QStringLiteral("password"), kPassword}});
        }
        const auto results = burstThenKill(QStringLiteral("PATCH"), QStringLiteral("/api/v1/me"), bodies,
                                           std::vector<CallOptions>(bodies.size(), as(user)));
        const auto after = sql(QStringLiteral("SELECT user_name FROM users WHERE user_id = '%1';").arg(userId));
        const bool acknowledged = std::any_of(results.begin(), results.end(), [](const auto& r) { return r.status == 200; });
        QVERIFY2(sent.contains(after) || (!acknowledged && after == before), qPrintable(after));
    }

    // A master creating users: every creation acknowledged is there, as a general user of its contract.
    void userCreations()
    {
        const auto master = newEnrolledMaster();
        QVERIFY(!master.serial.isEmpty());
        std::vector<QJsonObject> bodies;
        for (int n = 0; n < 5; ++n) {
            const auto id = newUserId(QStringLiteral("gen%1n").arg(n));
            bodies.push_back({{QStringLiteral("userId"), id}, {QStringLiteral("initialPassword"), kGeneralPassword},
                              {QStringLiteral("userName"), QStringLiteral("一般　花子")}, {QStringLiteral("email"), emailOf(id)}});
        }
        const auto results = burstThenKill(QStringLiteral("POST"), QStringLiteral("/api/v1/users"), bodies,
                                           std::vector<CallOptions>(bodies.size(), as(master)));
        for (std::size_t r = 0; r < results.size(); ++r) {
            if (results[r].status == 201) {
                QCOMPARE(sql(QStringLiteral("SELECT role || '/' || contract_number FROM users WHERE user_id = '%1';")
                                 .arg(bodies[r].value(QStringLiteral("userId")).toString())),
                         QStringLiteral("general/") + lastContract());
            }
        }
    }

    // A master disabling users, its own certificate among the callers: every user whose disabling
    // was acknowledged is disabled (and, by the invariants, holds no valid certificate).
    void userDisables()
    {
        const auto master = newEnrolledMaster();
        QVERIFY(!master.serial.isEmpty());
        std::vector<QJsonObject> bodies;
        std::vector<CallOptions> options;
        std::vector<QString> ids;
        for (int n = 0; n < 4; ++n) {
            ids.push_back(newUserId(QStringLiteral("off%1n").arg(n)));
            QCOMPARE(server_->post(QStringLiteral("/api/v1/users"),
                                   {{QStringLiteral("userId"), ids.back()}, {QStringLiteral("initialPassword"), kGeneralPassword},
                                    {QStringLiteral("userName"), QStringLiteral("一般　花子")}, {QStringLiteral("email"), emailOf(ids.back())}},
                                   as(master))
                         .status,
                     201);
            auto o = as(master);
            o.path = QStringLiteral("/api/v1/users/") + ids.back();
            options.push_back(o);
            bodies.push_back({});
        }
        const auto results = burstThenKill(QStringLiteral("DELETE"), {}, bodies, options);
        for (std::size_t r = 0; r < results.size(); ++r) {
            if (results[r].status == 204) {
                QCOMPARE(sql(QStringLiteral("SELECT disabled FROM users WHERE user_id = '%1';").arg(ids[r])), QStringLiteral("1"));
            }
        }
    }

    // The operator's contract import, killed itself at a random moment while the server is killed
    // mid-burst too: all of the file or none of it, and never a contract the operator was told of lost.
    void adminImportKilled()
    {
        QString csv = QStringLiteral("number,employer,initialPassword\n");
        QStringList numbers;
        for (int n = 0; n < 12; ++n) {
            numbers << newContract();
            csv += numbers.back() + QStringLiteral(",労金商事,") + kInitial + QLatin1Char('\n');
        }
        const auto file = writeFile(server_->scratch(QStringLiteral("import.csv")), csv.toUtf8());
        QProcess admin;
        admin.start(QStringLiteral(ENROLL_ADMIN_BIN), {QStringLiteral("--config"), server_->scratch(QStringLiteral("server.properties")),
                                                        QStringLiteral("contract"), QStringLiteral("import"), file});
        QVERIFY(admin.waitForStarted());
        const auto user = newMaster();
        auto batch = server_->start(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/authenticate"),
                                    std::vector<QJsonObject>(4, {{QStringLiteral("userId"), user}, {QStringLiteral("password"), kPassword}}), {});
        waitRandomly(1500);
        admin.kill(); // SIGKILL, when it is still at work
        server_->kill();
        admin.waitForFinished();
        const bool told = admin.exitStatus() == QProcess::NormalExit && admin.exitCode() == 0;
        ++tally_[scenario_][told ? 0 : 1]; // the import: 0 when it finished, 1 when the kill cut it off
        (void)batch->collect();
        invariants();
        const auto imported = sql(QStringLiteral("SELECT COUNT(*) FROM contracts WHERE number IN ('%1');").arg(numbers.join(QStringLiteral("','"))));
        QVERIFY2(imported == QStringLiteral("0") || imported == QString::number(numbers.size()), qPrintable(imported));
        if (told) {
            QCOMPARE(imported, QString::number(numbers.size()));
        }
    }

    struct Scenario
    {
        const char* name;
        void (TestServerCrashLoop::*run)();
    };
    static constexpr Scenario kScenarios[] = {
        {"wrong user passwords", &TestServerCrashLoop::userWrongPasswords},
        {"wrong contract passwords", &TestServerCrashLoop::contractWrongPasswords},
        {"issue", &TestServerCrashLoop::issuances},
        {"register (and contract add)", &TestServerCrashLoop::registrations},
        {"verify", &TestServerCrashLoop::codeGuesses},
        {"confirm", &TestServerCrashLoop::confirmations},
        {"renew", &TestServerCrashLoop::renewals},
        {"PATCH /me", &TestServerCrashLoop::profileChanges},
        {"user create", &TestServerCrashLoop::userCreations},
        {"user disable", &TestServerCrashLoop::userDisables},
        {"contract import (enroll-admin killed too)", &TestServerCrashLoop::adminImportKilled},
    };

private slots:
    void initTestCase()
    {
        setClockOffsetDays(0);
        server_ = std::make_unique<ServerProcess>(
            QMap<QString, QString>{{QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock"))}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase()
    {
        if (server_) {
            server_->stop();
        }
    }

    void killAtRandom_losesNothingAcknowledged()
    {
        constexpr int kinds = static_cast<int>(std::size(kScenarios));
        const int iterations = qEnvironmentVariableIntValue("ENROLL_CRASH_ITERATIONS") > 0
                                   ? qEnvironmentVariableIntValue("ENROLL_CRASH_ITERATIONS")
                                   : kinds;
        for (int i = 0; i < iterations; ++i) {
            const auto& scenario = kScenarios[i % kinds];
            scenario_ = QString::fromUtf8(scenario.name);
            (this->*scenario.run)();
            if (QTest::currentTestFailed()) {
                qWarning("failed in scenario \"%s\", kill %d", scenario.name, i + 1);
                return;
            }
        }
        qInfo("%d kills over %d scenarios, %d certificates received and found recorded", iterations, kinds, received_);
        for (auto it = tally_.cbegin(); it != tally_.cend(); ++it) {
            QStringList statuses;
            for (auto status = it->cbegin(); status != it->cend(); ++status) {
                statuses << QStringLiteral("%1×%2").arg(status.key()).arg(status.value());
            }
            qInfo("  %s: %s", qPrintable(it.key()), qPrintable(statuses.join(QLatin1Char(' '))));
        }
    }
};

QTEST_GUILESS_MAIN(TestServerCrashLoop)
#include "TestServerCrashLoop.moc"
