// Several server instances on one PostgreSQL database (SPEC §8): a real PostgreSQL server of its
// own, two enroll-server processes sharing it (and the CA and the code key); an enrollment that
// moves between them, and the lockout counted exactly across both.
#include "ServerHarness.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QUuid>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

} // namespace

class TestServerPostgres : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    QString pgDir_;
    int pgPort_ = 0;
    std::unique_ptr<ServerProcess> a_;
    std::unique_ptr<ServerProcess> b_;

    ProcessResult pg(const QStringList& args)
    {
        return runTool(QStringLiteral(ENROLL_FIXTURES_DIR "/../server/pg-instance.sh"), args);
    }

private slots:
    void initTestCase()
    {
        // outside this test's private temporary folder: the postgres user must reach it
        pgDir_ = QDir::tempPath() + QStringLiteral("/enroll-pg-") + QUuid::createUuid().toString(QUuid::Id128);
        pgPort_ = freeLoopbackPort();
        const auto started = pg({QStringLiteral("start"), pgDir_, QString::number(pgPort_)});
        QVERIFY2(started.exitCode == 0, started.err.constData());
        const auto url = QStringLiteral("postgresql:host=127.0.0.1 port=%1 dbname=enroll user=postgres").arg(pgPort_);
        a_ = std::make_unique<ServerProcess>(QMap<QString, QString>{{QStringLiteral("db.url"), url}});
        QVERIFY2(a_->start(), qPrintable(a_->log()));
        // the second instance shares the database, the CA and the one-time code key with the first
        auto shared = a_->samePki();
        shared.insert(QStringLiteral("db.url"), url);
        shared.insert(QStringLiteral("code.keyFile"), a_->dataDir() + QStringLiteral("/code.key"));
        b_ = std::make_unique<ServerProcess>(shared);
        QVERIFY2(b_->start(), qPrintable(b_->log()));
    }
    void cleanupTestCase()
    {
        if (b_) {
            b_->stop();
        }
        if (a_) {
            a_->stop();
        }
        pg({QStringLiteral("stop"), pgDir_});
        QDir(pgDir_).removeRecursively();
    }

    // The database server restarts under traffic: what is asked while it is down is refused
    // cleanly (503 UNAVAILABLE at once, never 500, never a hang), and both instances reconnect
    // by themselves once it is back, without a restart of their own.
    void databaseRestart_refusedCleanly_thenReconnectsByItself()
    {
        QVERIFY(a_->registeredMaster(QStringLiteral("80000009"), QStringLiteral("pgrestart1"), kPassword,
                                     QStringLiteral("pgrestart@example.co.jp")));
        QCOMPARE(b_->authenticate(QStringLiteral("pgrestart1"), kPassword).status, 200);
        const auto pidA = a_->pid();
        const auto pidB = b_->pid();

        QCOMPARE(pg({QStringLiteral("stop"), pgDir_}).exitCode, 0);
        for (auto* server : {a_.get(), b_.get()}) {
            QElapsedTimer took;
            took.start();
            const auto refused = server->authenticate(QStringLiteral("pgrestart1"), kPassword);
            QCOMPARE(refused.status, 503);
            QCOMPARE(refused.errorCode(), QStringLiteral("UNAVAILABLE"));
            QVERIFY2(took.elapsed() < 10000, qPrintable(QString::number(took.elapsed())));
            QCOMPARE(server->call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 503);
        }

        QCOMPARE(pg({QStringLiteral("resume"), pgDir_, QString::number(pgPort_)}).exitCode, 0);
        for (auto* server : {a_.get(), b_.get()}) {
            QTRY_COMPARE_WITH_TIMEOUT(server->call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 200, 15000);
            // every pooled connection was replaced: a burst finds none of the dead ones
            for (int i = 0; i < 8; ++i) {
                QCOMPARE(server->authenticate(QStringLiteral("pgrestart1"), kPassword).status, 200);
            }
        }
        // the database ends every connection of the servers (an administrator, a failover):
        // the next requests find none of them usable and still succeed
        const auto ended = pg({QStringLiteral("sql"), QString::number(pgPort_), QStringLiteral("postgres"), QStringLiteral("-c"),
                               QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                              "WHERE datname = 'enroll' AND pid <> pg_backend_pid()")});
        QVERIFY2(ended.exitCode == 0 && ended.out.trimmed().toInt() > 0, (ended.out + ended.err).constData());
        for (auto* server : {a_.get(), b_.get()}) {
            for (int i = 0; i < 8; ++i) {
                QCOMPARE(server->authenticate(QStringLiteral("pgrestart1"), kPassword).status, 200);
            }
        }
        QCOMPARE(a_->pid(), pidA);
        QCOMPARE(b_->pid(), pidB);
    }

    // The connection is lost in the middle of a transaction: a wrong password's count has been
    // written (UPDATE users) and its audit row waits for a lock another session holds on
    // audit_log; the database ends that server connection there. The client is told 503
    // UNAVAILABLE (not 500, not a wrong password), nothing of the transaction is left, the audit
    // chain verifies, and the next requests succeed on a fresh connection.
    void connectionLostMidTransaction_rolledBackAnd503()
    {
        QVERIFY(a_->registeredMaster(QStringLiteral("80000010"), QStringLiteral("pgmidtx1"), kPassword,
                                     QStringLiteral("pgmidtx@example.co.jp")));
        auto sql = [this](const QString& query) {
            return pg({QStringLiteral("sql"), QString::number(pgPort_), QStringLiteral("postgres"), QStringLiteral("-c"), query});
        };
        const auto countsBefore = sql(QStringLiteral("SELECT failed_count FROM users WHERE user_id = 'pgmidtx1'")).out.trimmed();
        const auto auditBefore = sql(QStringLiteral("SELECT COUNT(*) FROM audit_log")).out.trimmed();

        QProcess locker; // holds the lock until it is ended
        locker.start(QStringLiteral(ENROLL_FIXTURES_DIR "/../server/pg-instance.sh"),
                     {QStringLiteral("sql"), QString::number(pgPort_), QStringLiteral("postgres"), QStringLiteral("-c"),
                      QStringLiteral("BEGIN; LOCK TABLE audit_log IN EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;")});
        QVERIFY(locker.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(sql(QStringLiteral("SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                                     "WHERE c.relname = 'audit_log' AND l.mode = 'ExclusiveLock' AND l.granted"))
                                      .out.trimmed(),
                                  QByteArray("1"), 10000);

        auto batch = a_->start(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/authenticate"),
                               {{{QStringLiteral("userId"), QStringLiteral("pgmidtx1")}, {QStringLiteral("password"), QStringLiteral("Wrong1!x")}}},
                               {});
        // the server's transaction: its UPDATE done, its INSERT waiting for the lock
        const QString waiting = QStringLiteral("FROM pg_stat_activity WHERE datname = 'enroll' AND wait_event_type = 'Lock' "
                                               "AND query ILIKE '%audit_log%'");
        QTRY_VERIFY_WITH_TIMEOUT(sql(QStringLiteral("SELECT COUNT(*) ") + waiting).out.trimmed().toInt() >= 1, 15000);
        QVERIFY(sql(QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) ") + waiting).out.trimmed().toInt() >= 1);
        const auto answered = batch->collect();
        QCOMPARE(answered.size(), std::size_t{1});
        QCOMPARE(answered[0].status, 503);
        QCOMPARE(answered[0].errorCode(), QStringLiteral("UNAVAILABLE"));
        QVERIFY2(!answered[0].body.contains("PQ") && !answered[0].body.contains("terminat"), answered[0].body.constData());

        // the lock ends with its session; nothing of the lost transaction is there
        sql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE '%pg_sleep(60)%' "
                           "AND pid <> pg_backend_pid()"));
        locker.waitForFinished(10000);
        QCOMPARE(sql(QStringLiteral("SELECT failed_count FROM users WHERE user_id = 'pgmidtx1'")).out.trimmed(), countsBefore);
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM audit_log")).out.trimmed(), auditBefore);
        const auto audit = a_->admin({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(audit.exitCode == 0, (audit.out + audit.err).constData());
        // the same server, a fresh connection: the wrong password counts now, the right one passes
        QCOMPARE(a_->authenticate(QStringLiteral("pgmidtx1"), QStringLiteral("Wrong1!x")).errorCode(), QStringLiteral("INVALID_CREDENTIALS"));
        QCOMPARE(sql(QStringLiteral("SELECT failed_count FROM users WHERE user_id = 'pgmidtx1'")).out.trimmed().toInt(),
                 countsBefore.toInt() + 1);
        QCOMPARE(a_->authenticate(QStringLiteral("pgmidtx1"), kPassword).status, 200);
    }

    void enrollment_movesBetweenInstances()
    {
        QVERIFY(a_->registeredMaster(QStringLiteral("97000001"), QStringLiteral("pgmast01"), kPassword,
                                     QStringLiteral("pg@example.co.jp")));
        // authenticated on A, the code verified on B, issued on A, confirmed on B
        const auto auth = a_->authenticate(QStringLiteral("pgmast01"), kPassword);
        QCOMPARE(auth.status, 200);
        const auto verified = b_->verify(auth.field(QStringLiteral("enrollmentId")), a_->latestCode(QStringLiteral("pg@example.co.jp")));
        QCOMPARE(verified.status, 200);
        const auto token = verified.field(QStringLiteral("issuanceToken"));
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("rsa:2048"));
        const auto issued = a_->issue(token, key.csrPem);
        QCOMPARE(issued.status, 201);
        const auto serial = issued.field(QStringLiteral("serial"));
        QCOMPARE(b_->confirm(token, serial).status, 204);
        const auto cert = writeFile(dir_.filePath(QStringLiteral("pg.crt")), issued.field(QStringLiteral("certificate")).toLatin1());
        const auto me = b_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, CallOptions::withCertificate(cert, key.keyFile));
        QCOMPARE(me.field(QStringLiteral("userId")), QStringLiteral("pgmast01"));
        // revoked through one, refused by the other
        QCOMPARE(a_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), serial, QStringLiteral("--reason"),
                            QStringLiteral("keyCompromise")}).exitCode,
                 0);
        QCOMPARE(b_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, CallOptions::withCertificate(cert, key.keyFile))
                     .errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));
        QVERIFY(a_->admin({QStringLiteral("audit"), QStringLiteral("list")}).out.contains("cert.revoked"));
    }

    void lockout_isExactAcrossInstances()
    {
        QVERIFY(a_->registeredMaster(QStringLiteral("97000002"), QStringLiteral("pgrace01"), kPassword,
                                     QStringLiteral("pgrace@example.co.jp")));
        const QJsonObject wrong{{QStringLiteral("userId"), QStringLiteral("pgrace01")},
                                {QStringLiteral("password"), QStringLiteral("Wrong1!x")}};
        auto onA = a_->start(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/authenticate"),
                             std::vector<QJsonObject>(3, wrong), {});
        auto onB = b_->start(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/authenticate"),
                             std::vector<QJsonObject>(3, wrong), {});
        auto results = onA->collect();
        for (auto& r : onB->collect()) {
            results.push_back(std::move(r));
        }
        int invalid = 0;
        int locked = 0;
        for (const auto& r : results) {
            invalid += r.errorCode() == QStringLiteral("INVALID_CREDENTIALS") ? 1 : 0;
            locked += r.errorCode() == QStringLiteral("LOCKED") ? 1 : 0;
        }
        QCOMPARE(invalid, 5);
        QCOMPARE(locked, 1);
        QCOMPARE(b_->authenticate(QStringLiteral("pgrace01"), kPassword).errorCode(), QStringLiteral("LOCKED"));
        QCOMPARE(a_->authenticate(QStringLiteral("pgrace01"), kPassword).errorCode(), QStringLiteral("LOCKED"));
    }

    // Guesses at one code on both instances at once (5 attempts): the attempts are spent in the
    // database before any code is compared, so no more than 5 codes are ever checked.
    void parallelCodeGuesses_checkNoMoreThanTheAttempts()
    {
        QVERIFY(a_->registeredMaster(QStringLiteral("97000003"), QStringLiteral("pgguess1"), kPassword,
                                     QStringLiteral("pgguess@example.co.jp")));
        const auto auth = a_->authenticate(QStringLiteral("pgguess1"), kPassword);
        QCOMPARE(auth.status, 200);
        const auto id = auth.field(QStringLiteral("enrollmentId"));
        const auto guesses = codeGuesses(id, a_->latestCode(QStringLiteral("pgguess@example.co.jp")), 24);
        auto onA = a_->start(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/verify"),
                             {guesses.begin(), guesses.begin() + 12}, {});
        auto onB = b_->start(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/verify"),
                             {guesses.begin() + 12, guesses.end()}, {});
        auto results = onA->collect();
        for (auto& r : onB->collect()) {
            results.push_back(std::move(r));
        }
        int verified = 0;
        for (const auto& r : results) {
            verified += r.status == 200 ? 1 : 0;
        }
        const int checked = a_->auditCount(QStringLiteral("code.verify.failure"), QStringLiteral("pgguess1")) +
                            a_->auditCount(QStringLiteral("code.verified"), QStringLiteral("pgguess1"));
        QVERIFY2(checked >= 1 && checked <= 5, qPrintable(QString::number(checked)));
        QVERIFY(verified <= 1);
    }

    // The servers run as enroll_server (installer/linux/postgres-roles.sql, as shipped): enrollment
    // works, the audit log only grows, and its chain stays whole across both instances.
    void serverRole_onlyAppendsToTheAuditLog()
    {
        const auto port = QString::number(pgPort_);
        const auto roles = pg({QStringLiteral("sql"), port, QStringLiteral("postgres"), QStringLiteral("-f"),
                               QStringLiteral(ENROLL_SOURCE_DIR "/installer/linux/postgres-roles.sql")});
        QVERIFY2(roles.exitCode == 0, roles.err.constData());
        const auto url = QStringLiteral("postgresql:host=127.0.0.1 port=%1 dbname=enroll user=enroll_server").arg(pgPort_);
        auto shared = a_->samePki();
        shared.insert(QStringLiteral("db.url"), url);
        shared.insert(QStringLiteral("code.keyFile"), a_->dataDir() + QStringLiteral("/code.key"));
        ServerProcess c(shared);
        QVERIFY2(c.start(), qPrintable(c.log()));
        QVERIFY(!c.enroll(QStringLiteral("97000004"), QStringLiteral("pgrole01"), kPassword,
                          QStringLiteral("pgrole@example.co.jp"))
                     .serial.isEmpty());
        for (const auto& forbidden : {QStringLiteral("DELETE FROM audit_log"), QStringLiteral("UPDATE audit_log SET detail = ''"),
                                      QStringLiteral("DROP TRIGGER audit_no_change ON audit_log"),
                                      QStringLiteral("TRUNCATE audit_log")}) {
            const auto refused = pg({QStringLiteral("sql"), port, QStringLiteral("enroll_server"), QStringLiteral("-c"), forbidden});
            QVERIFY2(refused.exitCode != 0, qPrintable(forbidden));
            QVERIFY2(refused.err.contains("permission denied") || refused.err.contains("must be owner"), refused.err.constData());
        }
        c.stop();
        const auto verified = a_->admin({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        QVERIFY(verified.out.contains("audit chain whole"));
    }

    // docs/operations.md, "Backups", PostgreSQL: pg_dump while the instances serve, pg_restore into
    // a new database, a server started on it — the certificates are there, the audit chain
    // verifies, and mTLS works with a certificate from before the dump.
    void pgDumpAndRestore_asDocumented()
    {
        const auto before = a_->enroll(QStringLiteral("97000005"), QStringLiteral("pgdump01"), kPassword,
                                       QStringLiteral("pgdump@example.co.jp"));
        QVERIFY(!before.serial.isEmpty());
        const auto port = QString::number(pgPort_);
        const QStringList connection{QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=") + port,
                                     QStringLiteral("--username=postgres")};
        const auto dump = dir_.filePath(QStringLiteral("enroll.dump"));
        const auto dumped = runTool(QStringLiteral("pg_dump"), connection + QStringList{QStringLiteral("--format=custom"),
                                                                                       QStringLiteral("--file=") + dump,
                                                                                       QStringLiteral("enroll")});
        QVERIFY2(dumped.exitCode == 0, dumped.err.constData());
        const auto created = runTool(QStringLiteral("createdb"), connection + QStringList{QStringLiteral("enroll_restored")});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const auto restored = runTool(QStringLiteral("pg_restore"), connection + QStringList{QStringLiteral("--dbname=enroll_restored"),
                                                                                            QStringLiteral("--exit-on-error"), dump});
        QVERIFY2(restored.exitCode == 0, restored.err.constData());

        auto shared = a_->samePki();
        shared.insert(QStringLiteral("db.url"),
                      QStringLiteral("postgresql:host=127.0.0.1 port=%1 dbname=enroll_restored user=postgres").arg(pgPort_));
        shared.insert(QStringLiteral("code.keyFile"), a_->dataDir() + QStringLiteral("/code.key"));
        ServerProcess c(shared);
        QVERIFY2(c.start(), qPrintable(c.log()));
        QVERIFY(c.admin({QStringLiteral("cert"), QStringLiteral("list")}).out.contains(before.serial.toLatin1() + "\tpgdump01"));
        const auto verified = c.admin({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0 && verified.out.contains("audit chain whole"), (verified.out + verified.err).constData());
        CallOptions mtls;
        mtls.certFile = before.certFile;
        mtls.keyFile = before.keyFile;
        QCOMPARE(c.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls).field(QStringLiteral("userId")),
                 QStringLiteral("pgdump01"));
        // enroll-admin backup is SQLite's: on PostgreSQL it points to these steps
        const auto refused = c.admin({QStringLiteral("backup"), dir_.filePath(QStringLiteral("x.db"))});
        QVERIFY(refused.exitCode != 0 && refused.err.contains("pg_dump"));
        c.stop();
    }
};

QTEST_GUILESS_MAIN(TestServerPostgres)
#include "TestServerPostgres.moc"
