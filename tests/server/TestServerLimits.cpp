// The server's own guards, with their defaults, over real TLS: connections capped per address
// (refused and logged; another address still served), the per-address budget of password checks
// (429 with Retry-After, no account touched, another address served), Argon2id bounded (503
// UNAVAILABLE past the wait, nothing counted), no Argon2id for a made-up registration token, the
// CRL from memory with ETag/304 and signed anew
// on revocation, and a forwarded listener refused anywhere but a Unix socket or loopback.
#include "ServerHarness.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

// A wrong password for made-up contract number `n`: each is a fresh ID (an ID tried 6 times would
// be locked, SPEC §3), so that what answers 429 is the address's budget alone.
QJsonObject wrongContractLogin(int n)
{
    return {{QStringLiteral("contractNumber"), QStringLiteral("8999%1").arg(n, 4, 10, QLatin1Char('0'))},
            {QStringLiteral("initialPassword"), QStringLiteral("Zz9?zz9?")}};
}

} // namespace

class TestServerLimits : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;

private slots:
    void initTestCase()
    {
        // the shipped defaults for connections and budgets (the harness moves them aside otherwise)
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{
            {QStringLiteral("server.maxConnectionsPerAddress"), QStringLiteral("16")},
            {QStringLiteral("throttle.checks"), QStringLiteral("30")},
            {QStringLiteral("argon2.maxWaitMs"), QStringLiteral("2000")}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase() { server_->stop(); }

    void connections_cappedPerAddress_anotherAddressServed()
    {
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < 40; ++i) {
            held.push_back(std::make_unique<QTcpSocket>());
            held.back()->connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(server_->port()));
            QVERIFY(held.back()->waitForConnected(5000));
        }
        // the refused ones are closed at once; the admitted ones wait for a TLS handshake
        QTRY_COMPARE_WITH_TIMEOUT(std::count_if(held.begin(), held.end(),
                                                [](const auto& s) {
                                                    s->waitForReadyRead(1);
                                                    return s->state() == QAbstractSocket::ConnectedState;
                                                }),
                                  16L, 10000);
        CallOptions other;
        other.sourceAddress = QStringLiteral("127.0.0.2");
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/healthz"), {}, other).status, 200);
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY(server_->log().contains(QStringLiteral("refused a connection from 127.0.0.1: 16 connections from that "
                                                       "address are open")));
        held.clear();
        // closed connections are counted out: the address is served again
        QTRY_COMPARE_WITH_TIMEOUT(server_->call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 200, 15000);
    }

    void wrongPasswordFlood_429AfterTheBudget_anotherAddressServed()
    {
        CallOptions flooder; // an address of its own: its whole budget is left
        flooder.sourceAddress = QStringLiteral("127.0.0.5");
        int answered = 0;
        HttpResult limited;
        for (int i = 0; i < 40 && limited.status == 0; ++i) {
            const auto r = server_->post(QStringLiteral("/api/v1/contract/login"), wrongContractLogin(i), flooder);
            if (r.status == 429) {
                limited = r;
            } else {
                QCOMPARE(r.errorCode(), QStringLiteral("INVALID_CREDENTIALS"));
                ++answered;
            }
        }
        QCOMPARE(answered, 30);
        QCOMPARE(limited.errorCode(), QStringLiteral("RATE_LIMITED"));
        const int wait = limited.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retryAfterSeconds")).toInt();
        QVERIFY(wait >= 1 && wait <= 20); // one check comes back every 600 s / 30
        QCOMPARE(limited.header(QStringLiteral("Retry-After")), QString::number(wait));
        QVERIFY(limited.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()
                    .contains(QStringLiteral("しばらく待って")));
        CallOptions other;
        other.sourceAddress = QStringLiteral("127.0.0.3");
        QCOMPARE(server_->post(QStringLiteral("/api/v1/contract/login"), wrongContractLogin(9999), other).errorCode(),
                 QStringLiteral("INVALID_CREDENTIALS"));
    }

    // No work before anyone is known: a registration's token is checked before its password is
    // hashed. 200 registrations at once with a made-up token, one Argon2id slot and no wait for it:
    // every one is refused TOKEN_INVALID, and a real contract login beside them gets the slot
    // (503 UNAVAILABLE if any of them had hashed) within a second.
    void madeUpRegistrationTokens_noArgon2_realLoginServed()
    {
        ServerProcess tight({{QStringLiteral("argon2.maxConcurrent"), QStringLiteral("1")},
                             {QStringLiteral("argon2.maxWaitMs"), QStringLiteral("1")}});
        QVERIFY2(tight.start(), qPrintable(tight.log()));
        QVERIFY(tight.addContract(QStringLiteral("50000001"), kPassword));
        const QJsonObject form{{QStringLiteral("userId"), QStringLiteral("flood001")},
                               {QStringLiteral("password"), kPassword},
                               {QStringLiteral("userName"), QStringLiteral("労金　太郎")},
                               {QStringLiteral("email"), QStringLiteral("flood@example.co.jp")}};
        CallOptions madeUp;
        madeUp.bearer = QStringLiteral("bWFkZS11cC10b2tlbi0wMTIzNDU2Nzg5YWJjZGVm");
        auto flood = tight.start(QStringLiteral("POST"), QStringLiteral("/api/v1/master/register"),
                                 std::vector<QJsonObject>(200, form), std::vector<CallOptions>(200, madeUp));
        QTRY_VERIFY_WITH_TIMEOUT(flood->finished() >= 20, 20000); // the flood is under way
        CallOptions other;
        other.sourceAddress = QStringLiteral("127.0.0.6");
        QElapsedTimer timer;
        timer.start();
        const auto login = tight.contractLogin(QStringLiteral("50000001"), kPassword);
        const auto elapsed = timer.elapsed();
        QCOMPARE(login.status, 200);
        QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("the real login took %1 ms").arg(elapsed)));
        const auto results = flood->collect();
        QCOMPARE(static_cast<int>(results.size()), 200);
        for (const auto& r : results) {
            QCOMPARE(r.errorCode(), QStringLiteral("TOKEN_INVALID"));
        }
        tight.stop();
    }

    void crl_fromMemoryWithETag_signedAnewOnRevocation()
    {
        const auto first = server_->call(QStringLiteral("GET"), QStringLiteral("/crl"));
        QCOMPARE(first.status, 200);
        const auto etag = first.header(QStringLiteral("ETag"));
        QVERIFY(etag.startsWith(QLatin1Char('"')));
        QVERIFY(!first.header(QStringLiteral("Last-Modified")).isEmpty());
        const auto again = server_->call(QStringLiteral("GET"), QStringLiteral("/crl"));
        QCOMPARE(again.header(QStringLiteral("ETag")), etag);
        QCOMPARE(again.body, first.body); // served from memory, not signed again
        CallOptions conditional;
        conditional.extraHeaders << QStringLiteral("If-None-Match: ") + etag;
        const auto unchanged = server_->call(QStringLiteral("GET"), QStringLiteral("/crl"), {}, conditional);
        QCOMPARE(unchanged.status, 304);
        QVERIFY(unchanged.body.isEmpty());

        const auto enrolled = server_->enroll(QStringLiteral("88000001"), QStringLiteral("limits01"), kPassword,
                                              QStringLiteral("limits@example.co.jp"));
        QVERIFY2(!enrolled.serial.isEmpty(), qPrintable(server_->log()));
        QCOMPARE(server_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), enrolled.serial, QStringLiteral("--reason"),
                                 QStringLiteral("keyCompromise")})
                     .exitCode,
                 0);
        const auto after = server_->call(QStringLiteral("GET"), QStringLiteral("/crl"), {}, conditional);
        QCOMPARE(after.status, 200);
        QVERIFY(after.header(QStringLiteral("ETag")) != etag);
        const auto der = writeFile(server_->scratch(QStringLiteral("after.crl")), after.body);
        const auto text = runTool(QStringLiteral("openssl"), {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                                                              QStringLiteral("-in"), der, QStringLiteral("-noout"), QStringLiteral("-text")});
        QVERIFY2(text.out.toUpper().contains(enrolled.serial.toUpper().toLatin1()), text.out.constData());
    }

    void argon2Bounded_busyAnswersUnavailable_nothingCounted()
    {
        // one Argon2id at a time and no wait; the lock after 25 failures tells what was counted
        ServerProcess tight({{QStringLiteral("argon2.maxConcurrent"), QStringLiteral("1")},
                             {QStringLiteral("argon2.maxWaitMs"), QStringLiteral("1")},
                             {QStringLiteral("lockout.threshold"), QStringLiteral("25")}});
        QVERIFY2(tight.start(), qPrintable(tight.log()));
        QVERIFY(tight.registeredMaster(QStringLiteral("87000001"), QStringLiteral("argon001"), kPassword,
                                       QStringLiteral("argon@example.co.jp")));
        // 30 at once for real (curl processes start one after another): the benchmark's client,
        // 30 new connections in one event loop, each with one wrong password
        const auto bodies = writeFile(tight.scratch(QStringLiteral("wrong.jsonl")),
                                      R"({"userId":"argon001","password":"Zz9?zz9?"})" "\n");
        const auto run = runTool(QStringLiteral(ENROLL_LOADGEN_BIN),
                                 {QStringLiteral("handshakes"), QStringLiteral("--port"), QString::number(tight.port()),
                                  QStringLiteral("--ca"), tight.chain(), QStringLiteral("--method"), QStringLiteral("POST"),
                                  QStringLiteral("--path"), QStringLiteral("/api/v1/enrollment/authenticate"),
                                  QStringLiteral("--bodies"), bodies, QStringLiteral("--connections"), QStringLiteral("30"),
                                  QStringLiteral("--requests"), QStringLiteral("30"), QStringLiteral("--duration"),
                                  QStringLiteral("60"), QStringLiteral("--expect"), QStringLiteral("401")});
        QCOMPARE(run.exitCode, 0);
        // statuses=401:N,423:M,503:K,
        const auto statuses = QString::fromLatin1(run.out).section(QStringLiteral("statuses="), 1).trimmed();
        int busy = 0;
        int counted = 0;
        for (const auto& entry : statuses.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const int status = entry.section(QLatin1Char(':'), 0, 0).toInt();
            const int n = entry.section(QLatin1Char(':'), 1, 1).toInt();
            QVERIFY2(status == 401 || status == 423 || status == 503, qPrintable(statuses));
            busy += status == 503 ? n : 0;
            counted += status == 401 ? n : 0;
        }
        QVERIFY2(busy > 0, qPrintable(QStringLiteral("30 at once with one Argon2id slot and no wait: ") + statuses));
        // the 503 answer's shape
        const auto one = tight.post(QStringLiteral("/api/v1/enrollment/authenticate"),
                                    {{QStringLiteral("userId"), QStringLiteral("nobody01")},
                                     {QStringLiteral("password"), QStringLiteral("Zz9?zz9?")}});
        if (one.status == 503) {
            QCOMPARE(one.errorCode(), QStringLiteral("UNAVAILABLE"));
            QCOMPARE(one.header(QStringLiteral("Retry-After")), QStringLiteral("1"));
        }
        QVERIFY(tight.log().contains(QStringLiteral("busy, answered UNAVAILABLE")));
        // the refused ones were not counted: locked exactly when the answered failures reach 25
        const auto users = tight.admin({QStringLiteral("user"), QStringLiteral("list")});
        QCOMPARE(users.out.contains("locked"), counted >= 25);
        tight.stop();
    }

    // The listener behind nginx believes the forwarded certificate: a Unix socket only, never TCP
    // (on loopback too every local process could connect and pose as nginx).
    void forwardedListener_onlyUnixSocket()
    {
        for (const auto& listen : {QStringLiteral("0.0.0.0:18999"), QStringLiteral("127.0.0.1:18999"),
                                   QStringLiteral("[::1]:18999"), QStringLiteral("unix:relative.sock")}) {
            ServerProcess exposed({{QStringLiteral("server.forwardedListen"), listen}});
            QVERIFY(!exposed.start());
            QVERIFY2(exposed.log().contains(QStringLiteral("server.forwardedListen must be unix:/path, never TCP")),
                     qPrintable(listen + QStringLiteral(": ") + exposed.log()));
        }
    }
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "TestServerLimits.moc"
