// Backups that restore (docs/operations.md, "Backups"): `enroll-admin backup` taken while a real
// server answers a burst of issuances and logins, restored with `enroll-admin restore` into a new
// data directory, and a second real server started on it: every certificate issued before the
// backup is there, the audit chain verifies, and mTLS works with a certificate from before the
// backup. A damaged copy, a copy whose audit log was edited, and a restore over a database are
// refused, leaving nothing behind.
#include "ServerHarness.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

ProcessResult admin(const QString& dataDir, const QStringList& arguments)
{
    return runTool(QStringLiteral(ENROLL_ADMIN_BIN), QStringList{QStringLiteral("--data-dir"), dataDir} + arguments);
}

// The development PKI and the one-time code key: what a restore needs besides the database (in
// production the CA is configured and kept apart, docs/operations.md).
bool copyKeys(const QString& from, const QString& to)
{
    QDir().mkpath(to + QStringLiteral("/ca"));
    bool ok = QFile::copy(from + QStringLiteral("/code.key"), to + QStringLiteral("/code.key"));
    for (const auto& name : QDir(from + QStringLiteral("/ca")).entryList(QDir::Files)) {
        ok = QFile::copy(from + QStringLiteral("/ca/") + name, to + QStringLiteral("/ca/") + name) && ok;
    }
    return ok;
}

} // namespace

class TestServerBackup : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    QString backup_;
    std::vector<ServerProcess::Enrolled> before_;

private slots:
    void initTestCase()
    {
        server_ = std::make_unique<ServerProcess>();
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        backup_ = dir_.filePath(QStringLiteral("enroll-backup.db"));
    }
    void cleanupTestCase() { server_->stop(); }

    void backupDuringABurst_restoresIntoAServerThatWorks()
    {
        for (int i = 1; i <= 2; ++i) {
            before_.push_back(server_->enroll(QStringLiteral("9500000%1").arg(i), QStringLiteral("back000%1").arg(i), kPassword,
                                              QStringLiteral("back%1@example.co.jp").arg(i)));
            QVERIFY(!before_.back().serial.isEmpty());
        }
        // the burst: four issuances and twenty contract logins at once, the backup in their midst
        std::vector<QJsonObject> bodies;
        std::vector<CallOptions> options;
        for (int i = 3; i <= 6; ++i) {
            const auto user = QStringLiteral("back000%1").arg(i);
            const auto email = user + QStringLiteral("@example.co.jp");
            QVERIFY(server_->registeredMaster(QStringLiteral("9500000%1").arg(i), user, kPassword, email));
            CallOptions issue;
            issue.bearer = server_->issuanceToken(user, kPassword, email);
            issue.path = QStringLiteral("/api/v1/enrollment/issue");
            QVERIFY(!issue.bearer.isEmpty());
            bodies.push_back({{QStringLiteral("csr"), makeKeyAndCsr(dir_.path(), QStringLiteral("ec:P-256")).csrPem}});
            options.push_back(issue);
        }
        QVERIFY(server_->addContract(QStringLiteral("95000099"), QStringLiteral("Ab1!cd2#")));
        for (int i = 0; i < 20; ++i) {
            CallOptions login;
            login.sourceAddress = QStringLiteral("127.0.0.%1").arg(10 + i % 5);
            bodies.push_back({{QStringLiteral("contractNumber"), QStringLiteral("95000099")},
                              {QStringLiteral("initialPassword"), i % 2 ? QStringLiteral("Ab1!cd2#") : QStringLiteral("Zz9?zz9?")}});
            options.push_back(login);
        }
        auto burst = server_->start(QStringLiteral("POST"), QStringLiteral("/api/v1/contract/login"), bodies, options);
        const auto taken = admin(server_->dataDir(), {QStringLiteral("backup"), backup_});
        const auto answers = burst->collect();
        QVERIFY2(taken.exitCode == 0, (taken.out + taken.err).constData());
        QVERIFY2(taken.out.contains("verified: integrity ok, audit chain whole"), taken.out.constData());
        QVERIFY(std::count_if(answers.begin(), answers.end(), [](const auto& r) { return r.status == 201; }) == 4);
        // nothing but the backup itself is left beside it
        QCOMPARE(QDir(dir_.path()).entryList({QStringLiteral(".enroll-backup*"), QStringLiteral("enroll-backup.db-*")},
                                              QDir::Files | QDir::Hidden),
                 QStringList());
        QCOMPARE(QFileInfo(backup_).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());

        // a new data directory: the keys copied, the database restored, a server started on it
        ServerProcess restored;
        QVERIFY(copyKeys(server_->dataDir(), restored.dataDir()));
        const auto back = admin(restored.dataDir(), {QStringLiteral("restore"), backup_});
        QVERIFY2(back.exitCode == 0, (back.out + back.err).constData());
        QVERIFY2(restored.start(), qPrintable(restored.log()));
        const auto listed = restored.admin({QStringLiteral("cert"), QStringLiteral("list")}).out;
        for (const auto& cert : before_) {
            QVERIFY2(listed.contains(cert.serial.toLatin1() + "\tback"), listed.constData());
        }
        const auto verified = restored.admin({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(verified.exitCode == 0 && verified.out.startsWith("audit chain whole"), (verified.out + verified.err).constData());
        // mTLS with a certificate issued before the backup
        CallOptions mtls;
        mtls.certFile = before_.front().certFile;
        mtls.keyFile = before_.front().keyFile;
        const auto me = restored.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.field(QStringLiteral("userId")), QStringLiteral("back0001"));
        // and the restored server goes on issuing: a new user enrols there
        QVERIFY(!restored.enroll(QStringLiteral("95000007"), QStringLiteral("back0007"), kPassword, QStringLiteral("b7@example.co.jp"))
                     .serial.isEmpty());
        restored.stop();
    }

    // a restore never replaces a database; nothing is changed
    void restoreOverADatabase_refused()
    {
        QVERIFY(QFileInfo::exists(backup_));
        const auto refused = admin(server_->dataDir(), {QStringLiteral("restore"), backup_});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("a restore never replaces a database"), refused.err.constData());
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 200);
    }

    // a copy damaged on its way, or one whose audit log was edited, does not restore
    void badCopies_refused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("bytes overwritten") << QStringLiteral("bytes") << QByteArray("damaged");
        QTest::newRow("audit row edited") << QStringLiteral("audit") << QByteArray("the audit chain does not verify");
        QTest::newRow("not a database") << QStringLiteral("text") << QByteArray("enroll-admin: ");
    }
    void badCopies_refused()
    {
        QFETCH(QString, damage);
        QFETCH(QByteArray, reason);
        const auto copy = dir_.filePath(QStringLiteral("bad-%1.db").arg(damage));
        QFile::remove(copy);
        QVERIFY(QFile::copy(backup_, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        if (damage == QStringLiteral("bytes")) {
            // a page in the middle of the certificates' data
            QFile file(copy);
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(file.size() / 2);
            file.write(QByteArray(4096, '\x5a'));
        } else if (damage == QStringLiteral("audit")) {
            // the append-only triggers dropped and one detail rewritten, as someone with the file could
            const auto edited = runTool(QStringLiteral("python3"),
                                        {QStringLiteral("-c"),
                                         QStringLiteral("import sqlite3,sys\n"
                                                        "c=sqlite3.connect(sys.argv[1])\n"
                                                        "for (n,) in c.execute(\"SELECT name FROM sqlite_master WHERE type='trigger'\").fetchall():\n"
                                                        "    c.execute('DROP TRIGGER ' + n)\n"
                                                        "c.execute(\"UPDATE audit_log SET detail='nothing happened' WHERE event='cert.issued'\")\n"
                                                        "c.commit()\n"),
                                         copy});
            QVERIFY2(edited.exitCode == 0, edited.err.constData());
        } else {
            writeFile(copy, "id,time,event\n1,today,nothing\n");
        }
        ServerProcess target;
        const auto refused = admin(target.dataDir(), {QStringLiteral("restore"), copy});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(reason), refused.err.constData());
        // nothing restored, nothing half-written
        QCOMPARE(QDir(target.dataDir()).entryList({QStringLiteral("*enroll.db*")}, QDir::Files | QDir::Hidden), QStringList());
    }
};

QTEST_MAIN(TestServerBackup)
#include "TestServerBackup.moc"
