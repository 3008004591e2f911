// The data directory on a small tmpfs that fills up (Step 11): the requests that must write are
// refused with 503 UNAVAILABLE (the code's mail with MAIL_UNAVAILABLE), nothing half-written is
// left (no .eml, no .tmp, no row of a refused request), and once space is freed the same server
// process carries on. Mounting a tmpfs needs root, as the test machines run.
#include "ServerHarness.h"

#include <QDir>
#include <QtTest>

#include <unistd.h>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

// A tmpfs of `megabytes` on `directory` while it lives (lazily unmounted: the server may still
// hold files there when a failed test ends early).
class Tmpfs
{
public:
    Tmpfs(const QString& directory, int megabytes) : directory_(directory)
    {
        QDir().mkpath(directory);
        mounted_ = runTool(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                     QStringLiteral("size=%1m").arg(megabytes), QStringLiteral("tmpfs"), directory})
                       .exitCode == 0;
    }
    ~Tmpfs()
    {
        if (mounted_) {
            runTool(QStringLiteral("umount"), {QStringLiteral("-l"), directory_});
        }
    }
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;
    [[nodiscard]] bool mounted() const { return mounted_; }

private:
    QString directory_;
    bool mounted_ = false;
};

QStringList filesIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files);
}

} // namespace

class TestServerDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void fullDisk_refusesCleanlyAndCarriesOnWhenFreed()
    {
        if (geteuid() != 0) {
            QSKIP("mounting a tmpfs needs root (scripts/test.sh runs as root)");
        }
        ServerProcess server;
        Tmpfs disk(server.dataDir(), 6);
        QVERIFY(disk.mounted());
        QVERIFY2(server.start(), qPrintable(server.log()));
        const auto pid = server.pid();
        QVERIFY(server.registeredMaster(QStringLiteral("60000001"), QStringLiteral("diskfull1"), kPassword,
                                        QStringLiteral("disk@example.co.jp")));
        QVERIFY(server.addContract(QStringLiteral("60000002"), QStringLiteral("Ab1!cd2#")));
        const auto outbox = server.outboxDir();
        const auto mailsBefore = filesIn(outbox);

        // fill the disk to the last byte
        const auto filler = server.dataDir() + QStringLiteral("/filler");
        runTool(QStringLiteral("dd"), {QStringLiteral("if=/dev/zero"), QStringLiteral("of=") + filler, QStringLiteral("bs=64k")});
        QVERIFY(QFileInfo(filler).size() > 0);

        const auto authenticate = server.authenticate(QStringLiteral("diskfull1"), kPassword);
        QCOMPARE(authenticate.status, 503);
        QVERIFY2(authenticate.errorCode() == QStringLiteral("UNAVAILABLE") ||
                     authenticate.errorCode() == QStringLiteral("MAIL_UNAVAILABLE"),
                 qPrintable(authenticate.errorCode()));
        const auto login = server.contractLogin(QStringLiteral("60000002"), QStringLiteral("Ab1!cd2#"));
        QCOMPARE(login.status, 503);
        QCOMPARE(login.errorCode(), QStringLiteral("UNAVAILABLE"));
        QVERIFY(!login.body.contains("SQLite") && !login.body.contains("disk"));
        // nothing half-written: no new mail, no temporary file
        QCOMPARE(filesIn(outbox), mailsBefore);
        for (const auto& name : filesIn(server.dataDir()) + filesIn(outbox)) {
            QVERIFY2(!name.endsWith(QStringLiteral(".tmp")), qPrintable(name));
        }

        // space freed: the same process carries on, and the refused requests left no trace
        QVERIFY(QFile::remove(filler));
        const auto again = server.authenticate(QStringLiteral("diskfull1"), kPassword);
        QCOMPARE(again.status, 200);
        QCOMPARE(server.verify(again.field(QStringLiteral("enrollmentId")), server.latestCode(QStringLiteral("disk@example.co.jp"))).status,
                 200);
        QCOMPARE(server.contractLogin(QStringLiteral("60000002"), QStringLiteral("Ab1!cd2#")).status, 200);
        QCOMPARE(server.pid(), pid);
        server.stop();
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerDiskFull)
#include "TestServerDiskFull.moc"
