// kill -9 at a random moment of a burst, again and again (Step 11): wrong passwords against a
// user and a contract (the lockout counters), issuances with live tokens (the certificates),
// master registrations with an operator's enroll-admin at work (the users and contracts). After
// each kill the server restarts on the same data and nothing acknowledged is lost: the database
// is intact, serials unique, no user holds two valid certificates of a kind, every certificate a
// client received is recorded, every failure a client was told of is counted, every registration
// and every contract the operator was told of exists, and the audit chain verifies.
// ENROLL_CRASH_ITERATIONS: how many kills (default 8; the full run in docs/reliability.md is 200).
#include "ServerHarness.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>
#include <QtTest>

#include <future>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
const QString kInitial = QStringLiteral("Ab1!cd2#");
constexpr int kLockThreshold = 6; // lockout.threshold's default

} // namespace

class TestServerCrashLoop : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;
    int contracts_ = 0;

    QString sql(const QString& query) const
    {
        return QString::fromUtf8(runTool(QStringLiteral("sqlite3"), {server_->dataDir() + QStringLiteral("/enroll.db"), query}).out)
            .trimmed();
    }
    QString newContract()
    {
        return QStringLiteral("7%1").arg(++contracts_, 7, 10, QLatin1Char('0'));
    }
    // A master of a new contract, registered; its user ID.
    QString newMaster()
    {
        const auto contract = newContract();
        const auto user = QStringLiteral("loop%1x").arg(contracts_, 5, 10, QLatin1Char('0'));
        return server_->registeredMaster(contract, user, kPassword, user + QStringLiteral("@example.co.jp")) ? user : QString();
    }
    // Starts `bodies` at once, kills the server after a random moment, collects what clients got.
    std::vector<HttpResult> burstThenKill(const QString& path, const std::vector<QJsonObject>& bodies,
                                          const std::vector<CallOptions>& options, int maxDelayMs)
    {
        auto batch = server_->start(QStringLiteral("POST"), path, bodies, options);
        const auto delay = QRandomGenerator::global()->bounded(maxDelayMs);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < delay) {
            QCoreApplication::processEvents();
            QThread::usleep(500);
        }
        server_->kill();
        return batch->collect();
    }
    // What must hold after every kill, before and after the restart.
    void invariants()
    {
        QCOMPARE(sql(QStringLiteral("PRAGMA integrity_check;")), QStringLiteral("ok"));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) - COUNT(DISTINCT serial) FROM certificates;")), QStringLiteral("0"));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM (SELECT user_id, status FROM certificates WHERE status <> 'revoked' "
                                    "GROUP BY user_id, status HAVING COUNT(*) > 1);")),
                 QStringLiteral("0"));
        QVERIFY2(server_->start(), qPrintable(server_->log().right(2000)));
        const auto audit = server_->admin({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(audit.exitCode == 0, (audit.out + audit.err).constData());
    }

    // Wrong passwords: every one a client was told of (401, or the 423 of the lock they made) is
    // in the counters after the restart.
    void wrongPasswords(const QString& table, const QString& key, const QString& id, const QString& path,
                        const QJsonObject& body)
    {
        const std::vector<QJsonObject> bodies(10, body);
        const auto results = burstThenKill(path, bodies, std::vector<CallOptions>(bodies.size()), 400);
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

private slots:
    void initTestCase()
    {
        server_ = std::make_unique<ServerProcess>();
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
        const int iterations = qEnvironmentVariableIntValue("ENROLL_CRASH_ITERATIONS") > 0
                                   ? qEnvironmentVariableIntValue("ENROLL_CRASH_ITERATIONS")
                                   : 8;
        int received = 0;
        for (int i = 0; i < iterations; ++i) {
            switch (i % 4) {
            case 0: { // a user's wrong passwords
                const auto user = newMaster();
                QVERIFY(!user.isEmpty());
                wrongPasswords(QStringLiteral("users"), QStringLiteral("user_id"), user, QStringLiteral("/api/v1/enrollment/authenticate"),
                               {{QStringLiteral("userId"), user}, {QStringLiteral("password"), QStringLiteral("Wrong1!x")}});
                break;
            }
            case 1: { // a contract's wrong initial passwords
                const auto contract = newContract();
                QVERIFY(server_->addContract(contract, kInitial));
                wrongPasswords(QStringLiteral("contracts"), QStringLiteral("number"), contract, QStringLiteral("/api/v1/contract/login"),
                               {{QStringLiteral("contractNumber"), contract}, {QStringLiteral("initialPassword"), QStringLiteral("Zz9?zz9?")}});
                break;
            }
            case 2: { // issuances: every certificate received is recorded
                std::vector<QJsonObject> bodies;
                std::vector<CallOptions> options;
                for (int u = 0; u < 3; ++u) {
                    const auto user = newMaster();
                    const auto csr = makeKeyAndCsr(server_->scratch({}), QStringLiteral("ec")).csrPem;
                    for (int t = 0; t < 2; ++t) {
                        CallOptions o;
                        o.bearer = server_->issuanceToken(user, kPassword, user + QStringLiteral("@example.co.jp"));
                        QVERIFY(!o.bearer.isEmpty());
                        bodies.push_back({{QStringLiteral("csr"), csr}});
                        options.push_back(o);
                    }
                }
                const auto results = burstThenKill(QStringLiteral("/api/v1/enrollment/issue"), bodies, options, 600);
                invariants();
                const auto list = QString::fromUtf8(server_->admin({QStringLiteral("cert"), QStringLiteral("list")}).out);
                for (const auto& r : results) {
                    if (r.status == 201) {
                        ++received;
                        QVERIFY2(list.contains(r.field(QStringLiteral("serial"))), "a certificate received but not recorded");
                    }
                }
                continue; // checked already
            }
            default: { // registrations, and the operator adding a contract meanwhile
                std::vector<QJsonObject> bodies;
                std::vector<CallOptions> options;
                for (int c = 0; c < 4; ++c) {
                    const auto contract = newContract();
                    QVERIFY(server_->addContract(contract, kInitial));
                    CallOptions o;
                    o.bearer = server_->contractLogin(contract, kInitial).field(QStringLiteral("registrationToken"));
                    options.push_back(o);
                    const auto user = QStringLiteral("reg%1x").arg(contracts_, 6, 10, QLatin1Char('0'));
                    bodies.push_back({{QStringLiteral("userId"), user}, {QStringLiteral("password"), kPassword},
                                      {QStringLiteral("userName"), QStringLiteral("労金　太郎")},
                                      {QStringLiteral("email"), user + QStringLiteral("@example.co.jp")}});
                }
                const auto operatorContract = newContract();
                auto admin = std::async(std::launch::async, [this, operatorContract] {
                    return server_->admin({QStringLiteral("contract"), QStringLiteral("add"), QStringLiteral("--number"), operatorContract,
                                           QStringLiteral("--employer"), QStringLiteral("労金商事"), QStringLiteral("--initial-password-stdin")},
                                          (kInitial + QLatin1Char('\n')).toUtf8());
                });
                const auto results = burstThenKill(QStringLiteral("/api/v1/master/register"), bodies, options, 400);
                const auto added = admin.get();
                if (added.exitCode == 0) {
                    QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM contracts WHERE number = '%1';").arg(operatorContract)),
                             QStringLiteral("1"));
                }
                for (std::size_t r = 0; r < results.size(); ++r) {
                    if (results[r].status == 201) {
                        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM users WHERE user_id = '%1';")
                                         .arg(bodies[r].value(QStringLiteral("userId")).toString())),
                                 QStringLiteral("1"));
                    }
                }
                break;
            }
            }
            if (QTest::currentTestFailed()) {
                return;
            }
            invariants();
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        qInfo("%d kills, %d certificates received and found recorded", iterations, received);
    }
};

QTEST_GUILESS_MAIN(TestServerCrashLoop)
#include "TestServerCrashLoop.moc"
