// The server's own guards against floods, free of sockets: per-address budgets of password and
// code checks, the per-address and total connection caps, and the bound on Argon2id at once.
#include "http/ConnectionLimits.h"
#include "service/ComputeGate.h"
#include "service/Throttle.h"

#include <QtTest>

#include <future>

using namespace enroll::server;
using namespace std::chrono_literals;

class TestThrottle : public QObject
{
    Q_OBJECT

    using Clock = std::chrono::steady_clock;

private slots:
    void budget_allowsItsChecksThenAsksToWait()
    {
        AddressBudgets budgets({5, 100s, 1000});
        const auto t0 = Clock::time_point{} + 1000s;
        for (int i = 0; i < 5; ++i) {
            QVERIFY(!budgets.take(CheckKind::Authenticate, "192.0.2.1", t0));
        }
        const auto wait = budgets.take(CheckKind::Authenticate, "192.0.2.1", t0);
        QVERIFY(wait);
        QCOMPARE(wait->count(), 20); // one check refills every 100 s / 5
        QVERIFY(budgets.take(CheckKind::Authenticate, "192.0.2.1", t0 + 19s));
        QVERIFY(!budgets.take(CheckKind::Authenticate, "192.0.2.1", t0 + 20s)); // refilled one
        QVERIFY(budgets.take(CheckKind::Authenticate, "192.0.2.1", t0 + 21s));
    }

    void budget_isPerAddressAndPerKindOfCheck()
    {
        AddressBudgets budgets({2, 600s, 1000});
        const auto t0 = Clock::time_point{} + 1000s;
        QVERIFY(!budgets.take(CheckKind::ContractLogin, "192.0.2.1", t0));
        QVERIFY(!budgets.take(CheckKind::ContractLogin, "192.0.2.1", t0));
        QVERIFY(budgets.take(CheckKind::ContractLogin, "192.0.2.1", t0));
        QVERIFY(!budgets.take(CheckKind::ContractLogin, "192.0.2.2", t0)); // another address
        QVERIFY(!budgets.take(CheckKind::Verify, "192.0.2.1", t0));        // another check
    }

    void budget_waitIsAtLeastOneSecond()
    {
        AddressBudgets budgets({1000, 1s, 1000});
        const auto t0 = Clock::time_point{} + 1000s;
        for (int i = 0; i < 1000; ++i) {
            QVERIFY(!budgets.take(CheckKind::Verify, "192.0.2.9", t0));
        }
        QCOMPARE(budgets.take(CheckKind::Verify, "192.0.2.9", t0)->count(), 1);
    }

    void budgetKey_countsIpv6ByItsSlash64_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("key");
        QTest::newRow("IPv4") << "192.0.2.7" << "192.0.2.7";
        QTest::newRow("IPv6 host") << "2001:db8:1:2:aaaa:bbbb:cccc:dddd" << "2001:db8:1:2::/64";
        QTest::newRow("IPv6 other host, same /64") << "2001:db8:1:2::1" << "2001:db8:1:2::/64";
        QTest::newRow("IPv4-mapped") << "::ffff:192.0.2.7" << "192.0.2.7";
        QTest::newRow("not an address") << "forwarded-unknown" << "forwarded-unknown";
    }
    void budgetKey_countsIpv6ByItsSlash64()
    {
        QFETCH(QString, address);
        QFETCH(QString, key);
        QCOMPARE(QString::fromStdString(budgetKey(address.toStdString())), key);
    }

    void budget_sameSlash64SharesOneBudget()
    {
        AddressBudgets budgets({1, 600s, 1000});
        const auto t0 = Clock::time_point{} + 1000s;
        QVERIFY(!budgets.take(CheckKind::Authenticate, "2001:db8::1", t0));
        QVERIFY(budgets.take(CheckKind::Authenticate, "2001:db8::2", t0));
    }

    void budget_memoryStaysBoundedUnderAFloodFromManyAddresses()
    {
        AddressBudgets budgets({3, 600s, 1000});
        const auto t0 = Clock::time_point{} + 1000s;
        for (int i = 0; i < 20000; ++i) {
            const auto address = QStringLiteral("10.%1.%2.%3").arg(i / 65536).arg((i / 256) % 256).arg(i % 256);
            (void)budgets.take(CheckKind::Authenticate, address.toStdString(), t0);
            (void)budgets.take(CheckKind::Authenticate, address.toStdString(), t0);
        }
        QVERIFY(budgets.trackedCount() <= 1000);
        // the newest address still has its partly spent budget
        QVERIFY(!budgets.take(CheckKind::Authenticate, "10.0.78.31", t0));
        QVERIFY(budgets.take(CheckKind::Authenticate, "10.0.78.31", t0));
    }

    void connections_cappedPerAddressAndInAll()
    {
        ConnectionLimits limits({2, 3});
        using V = ConnectionLimits::Verdict;
        QCOMPARE(limits.admit("a"), V::Admitted);
        QCOMPARE(limits.admit("a"), V::Admitted);
        QCOMPARE(limits.admit("a"), V::AddressFull);
        QCOMPARE(limits.admit("b"), V::Admitted);
        QCOMPARE(limits.admit("c"), V::ServerFull);
        limits.release("a");
        QCOMPARE(limits.openFrom("a"), 1);
        QCOMPARE(limits.admit("c"), V::Admitted);
        QCOMPARE(limits.open(), 3);
        limits.release("a");
        limits.release("b");
        limits.release("c");
        limits.release("never admitted"); // ignored, nothing goes negative
        QCOMPARE(limits.open(), 0);
        QCOMPARE(limits.admit("a"), V::Admitted);
    }

    void computeGate_busyAfterTheWaitFreeAfterRelease()
    {
        ComputeGate gate(1, 50ms);
        QCOMPARE(gate.capacity(), 1u);
        {
            const auto held = gate.enter();
            auto other = std::async(std::launch::async, [&gate] {
                try {
                    const auto slot = gate.enter();
                    return false;
                } catch (const ServiceBusy&) {
                    return true;
                }
            });
            QVERIFY(other.get()); // busy: the only slot stayed taken through the wait
        }
        const auto again = gate.enter(); // released with its scope
        Q_UNUSED(again);
    }

    void computeGate_zeroMeansOnePerCore()
    {
        ComputeGate gate(0, 10ms);
        QCOMPARE(gate.capacity(), std::max(1u, std::thread::hardware_concurrency()));
    }
};

QTEST_GUILESS_MAIN(TestThrottle)
#include "TestThrottle.moc"
