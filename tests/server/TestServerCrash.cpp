// kill -9 in the middle of a burst of issuances: the database stays consistent — every
// certificate a client received is recorded, serials are unique, no user holds two valid
// certificates of a kind — and the server restarts on the same data.
#include "ServerHarness.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QThread>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
constexpr int kUsers = 8;
constexpr int kTokensPerUser = 6;

QString userId(int i)
{
    return QStringLiteral("crash%1a").arg(i, 2, 10, QLatin1Char('0'));
}

QString email(int i)
{
    return QStringLiteral("crash%1@example.co.jp").arg(i);
}

} // namespace

class TestServerCrash : public QObject
{
    Q_OBJECT

private slots:
    void killDuringIssuanceBurst_leavesConsistentDatabase()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.log()));

        // contracts from CSV, as the bank registers them
        QByteArray csv = "number,employer,initialPassword\n";
        for (int i = 0; i < kUsers; ++i) {
            csv += QStringLiteral("6000%1,労金商事 %2,Ab1!cd2#\n").arg(i, 4, 10, QLatin1Char('0')).arg(i).toUtf8();
        }
        const auto import = server.admin({QStringLiteral("contract"), QStringLiteral("import"),
                                          writeFile(server.scratch(QStringLiteral("c.csv")), csv)});
        QVERIFY2(import.exitCode == 0, import.err.constData());
        QVERIFY(import.out.contains(QByteArray::number(kUsers) + " contract(s) imported"));

        std::vector<QJsonObject> bodies;
        std::vector<CallOptions> options;
        for (int i = 0; i < kUsers; ++i) {
            const auto login = server.contractLogin(QStringLiteral("6000%1").arg(i, 4, 10, QLatin1Char('0')),
                                                    QStringLiteral("Ab1!cd2#"));
            QCOMPARE(server.registerMaster(login.field(QStringLiteral("registrationToken")), userId(i), kPassword, email(i)).status,
                     201);
            const auto csr = makeKeyAndCsr(server.scratch({}), QStringLiteral("rsa:2048")).csrPem;
            for (int t = 0; t < kTokensPerUser; ++t) {
                const auto token = server.issuanceToken(userId(i), kPassword, email(i));
                QVERIFY(!token.isEmpty());
                bodies.push_back({{QStringLiteral("csr"), csr}});
                CallOptions o;
                o.bearer = token;
                options.push_back(o);
            }
        }

        auto batch = server.start(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment/issue"), bodies, options);
        QElapsedTimer timer;
        timer.start();
        // kill once a quarter of the burst has been answered: the rest is in flight or queued
        while (batch->answered(201) < kUsers * kTokensPerUser / 4 && timer.elapsed() < 60000) {
            QCoreApplication::processEvents();
            QThread::usleep(200);
        }
        server.kill();
        const auto results = batch->collect();

        QSet<QString> received;
        int cut = 0;
        for (const auto& r : results) {
            if (r.status == 201) {
                received.insert(r.field(QStringLiteral("serial")));
            } else if (r.status == 0) {
                ++cut;
            }
        }
        qInfo("burst of %zu issuances: %lld answered 201, %d cut off by kill -9", results.size(),
              static_cast<long long>(received.size()), cut);
        QVERIFY(!received.isEmpty());

        // the database as it was left: intact, unique serials, at most one pending and one
        // active certificate per user
        const auto db = server.dataDir() + QStringLiteral("/enroll.db");
        auto sql = [&db](const char* query) {
            return QString::fromUtf8(runTool(QStringLiteral("sqlite3"), {db, QString::fromLatin1(query)}).out).trimmed();
        };
        QCOMPARE(sql("PRAGMA integrity_check;"), QStringLiteral("ok"));
        QCOMPARE(sql("SELECT COUNT(*) - COUNT(DISTINCT serial) FROM certificates;"), QStringLiteral("0"));
        QCOMPARE(sql("SELECT COUNT(*) FROM (SELECT user_id, status FROM certificates WHERE status <> 'revoked' "
                     "GROUP BY user_id, status HAVING COUNT(*) > 1);"),
                 QStringLiteral("0"));

        // restart on the same data
        QVERIFY2(server.start(), qPrintable(server.log()));
        const auto list = QString::fromUtf8(server.admin({QStringLiteral("cert"), QStringLiteral("list")}).out);
        for (const auto& serial : received) {
            QVERIFY2(list.contains(serial), qPrintable(QStringLiteral("certificate %1 was received but not recorded").arg(serial)));
        }
        // a token whose certificate was recorded cannot issue again
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (results[i].status == 201) {
                QCOMPARE(server.issue(options[i].bearer, bodies[i].value(QStringLiteral("csr")).toString()).errorCode(),
                         QStringLiteral("TOKEN_INVALID"));
                break;
            }
        }
        server.stop();
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerCrash)
#include "TestServerCrash.moc"
