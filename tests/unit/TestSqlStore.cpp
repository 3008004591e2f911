// The SQLite store on a real database file: lockout counted atomically in SQL (also from
// concurrent threads), single-use tokens, one certificate per state, the append-only audit log.
#include "store/Store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace enroll;
using namespace enroll::server;

namespace {

Instant t(long long s)
{
    return Instant{std::chrono::seconds{s}};
}

} // namespace

class TestSqlStore : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<Store> store_;
    LockoutSettings lockout_{6, std::chrono::seconds{3600}, 3, std::chrono::seconds{86400}};

    void seedContract(const std::string& number)
    {
        auto tx = store_->begin(Store::Mode::Write);
        ContractRecord c;
        c.number = number;
        c.employerName = "労金商事";
        c.initialPasswordHash = "hash";
        c.createdAt = t(1000);
        QVERIFY(tx->insertContract(c));
        tx->commit();
    }

    FailureOutcome fail(const std::string& id, Instant now, Principal principal = Principal::Contract)
    {
        return failure(id, now, principal).outcome;
    }
    FailureRecorded failure(const std::string& id, Instant now, Principal principal = Principal::Contract)
    {
        auto tx = store_->begin(Store::Mode::Write);
        const auto recorded = tx->recordFailure(principal, id, now, lockout_);
        tx->commit();
        return recorded;
    }
    void seedUser(const std::string& userId, const std::string& contract)
    {
        auto tx = store_->begin(Store::Mode::Write);
        UserRecord u;
        u.userId = userId;
        u.contractNumber = contract;
        u.role = protocol::Role::Master;
        u.userName = "労金　太郎";
        u.email = "a@example.com";
        u.passwordHash = "x";
        QVERIFY(tx->insertUser(u));
        tx->commit();
    }
    int rows(const std::string& table)
    {
        auto tx = store_->begin(Store::Mode::Read);
        return table == "contracts" ? static_cast<int>(tx->contracts().size())
                                    : static_cast<int>(tx->users(std::nullopt).size());
    }

private slots:
    void init()
    {
        QVERIFY(dir_.isValid());
        static int n = 0;
        store_ = openStore("sqlite:" + dir_.filePath(QStringLiteral("db%1.sqlite").arg(++n)).toStdString());
        QVERIFY(store_->healthy());
    }

    void lockout_sixthFailureLocksThenThirdLockBlocks()
    {
        seedContract("12345678");
        for (int i = 1; i <= 5; ++i) {
            QCOMPARE(fail("12345678", t(2000)), FailureOutcome::Counted);
        }
        QCOMPARE(fail("12345678", t(2000)), FailureOutcome::LockedNow);
        QCOMPARE(fail("12345678", t(2001)), FailureOutcome::AlreadyLocked); // not counted while locked
        {
            auto tx = store_->begin(Store::Mode::Read);
            const auto state = tx->lockState(Principal::Contract, "12345678", t(2001));
            QCOMPARE(state->failedCount, 0);
            QCOMPARE(state->lockCount, 1);
            QCOMPARE(*state->lockedUntil, t(2000 + 3600));
        }
        // after the lock: a fresh count of six
        for (int i = 1; i <= 5; ++i) {
            QCOMPARE(fail("12345678", t(5600)), FailureOutcome::Counted);
        }
        QCOMPARE(fail("12345678", t(5600)), FailureOutcome::LockedNow);
        for (int i = 1; i <= 5; ++i) {
            QCOMPARE(fail("12345678", t(9200)), FailureOutcome::Counted);
        }
        QCOMPARE(fail("12345678", t(9200)), FailureOutcome::BlockedNow);
        QCOMPARE(fail("12345678", t(99999)), FailureOutcome::AlreadyBlocked);
        {
            auto tx = store_->begin(Store::Mode::Write);
            QVERIFY(!tx->recordSuccess(Principal::Contract, "12345678", t(99999)));
            QVERIFY(tx->unblock(Principal::Contract, "12345678"));
            QVERIFY(tx->recordSuccess(Principal::Contract, "12345678", t(99999)));
            tx->commit();
        }
        QVERIFY(failure("12345678", t(99999)).known);
    }

    // SPEC §3: an unknown contract number or user ID counts, locks and blocks exactly as a known
    // one, in its own expiring table, and nothing is created for it
    void lockout_unknownIdLocksAndBlocksAsAKnownOne_nothingCreated()
    {
        seedContract("12345678");
        for (const auto principal : {Principal::Contract, Principal::User}) {
            const std::string id = principal == Principal::Contract ? "87654321" : "nosuchuser";
            for (int i = 1; i <= 5; ++i) {
                const auto r = failure(id, t(2000), principal);
                QCOMPARE(r.outcome, FailureOutcome::Counted);
                QVERIFY(!r.known);
            }
            QCOMPARE(fail(id, t(2000), principal), FailureOutcome::LockedNow);
            QCOMPARE(fail(id, t(2001), principal), FailureOutcome::AlreadyLocked);
            {
                auto tx = store_->begin(Store::Mode::Read);
                const auto state = tx->lockState(principal, id, t(2001));
                QVERIFY(state.has_value());
                QCOMPARE(state->lockCount, 1);
                QCOMPARE(*state->lockedUntil, t(2000 + 3600));
            }
            for (int i = 1; i <= 5; ++i) {
                QCOMPARE(fail(id, t(5600), principal), FailureOutcome::Counted);
            }
            QCOMPARE(fail(id, t(5600), principal), FailureOutcome::LockedNow);
            for (int i = 1; i <= 5; ++i) {
                QCOMPARE(fail(id, t(9200), principal), FailureOutcome::Counted);
            }
            QCOMPARE(fail(id, t(9200), principal), FailureOutcome::BlockedNow);
            QCOMPARE(fail(id, t(9300), principal), FailureOutcome::AlreadyBlocked);
            // a success or an unblock of an ID that does not exist changes nothing
            auto tx = store_->begin(Store::Mode::Write);
            QVERIFY(!tx->recordSuccess(principal, id, t(9300)));
            QVERIFY(!tx->unblock(principal, id));
            tx->commit();
        }
        QCOMPARE(rows("contracts"), 1);
        QCOMPARE(rows("users"), 0);
        // the same ID tried as the other kind is another row
        QCOMPARE(fail("nosuchuser", t(9300), Principal::Contract), FailureOutcome::Counted);
    }

    void lockout_unknownIdIsForgottenAfterItsRetention()
    {
        for (int i = 0; i < 6; ++i) {
            (void)fail("87654321", t(2000));
        }
        auto remembered = [&](Instant now) {
            auto tx = store_->begin(Store::Mode::Read);
            return tx->lockState(Principal::Contract, "87654321", now).has_value();
        };
        QVERIFY(remembered(t(2000 + 86399)));
        QVERIFY(!remembered(t(2000 + 86400))); // the retention (a day here) after the last failure
        // expired rows are cleared by the next unknown failure; the ID counts afresh
        QCOMPARE(fail("11111111", t(2000 + 86400)), FailureOutcome::Counted);
        QCOMPARE(fail("87654321", t(2000 + 86400)), FailureOutcome::Counted);
        auto tx = store_->begin(Store::Mode::Read);
        QCOMPARE(tx->lockState(Principal::Contract, "87654321", t(2000 + 86400))->lockCount, 0);
    }

    // SPEC §3: every 6 wrong one-time codes in a row are one failed authentication; a whole
    // authentication ends the run
    void wrongCodes_everySixthInARowCompletesARun()
    {
        seedContract("12345678");
        seedUser("sample001", "12345678");
        auto wrong = [&] {
            auto tx = store_->begin(Store::Mode::Write);
            const bool run = tx->countWrongCode("sample001", 6);
            tx->commit();
            return run;
        };
        for (int round = 0; round < 2; ++round) {
            for (int i = 1; i <= 5; ++i) {
                QVERIFY(!wrong());
            }
            QVERIFY(wrong());
        }
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(!wrong());
        }
        {
            auto tx = store_->begin(Store::Mode::Write);
            QVERIFY(tx->recordSuccess(Principal::User, "sample001", t(2000)));
            tx->commit();
        }
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(!wrong()); // the run started again
        }
        QVERIFY(wrong());
    }

    void lockout_successResetsBothCounts()
    {
        seedContract("12345678");
        for (int i = 0; i < 6; ++i) {
            (void)fail("12345678", t(2000));
        }
        for (int i = 0; i < 5; ++i) {
            (void)fail("12345678", t(5600));
        }
        {
            auto tx = store_->begin(Store::Mode::Write);
            QVERIFY(tx->recordSuccess(Principal::Contract, "12345678", t(5600)));
            tx->commit();
        }
        auto tx = store_->begin(Store::Mode::Read);
        const auto state = tx->lockState(Principal::Contract, "12345678", t(5600));
        QCOMPARE(state->failedCount, 0);
        QCOMPARE(state->lockCount, 0);
    }

    void lockout_concurrentFailuresLockExactlyOnce()
    {
        seedContract("12345678");
        std::atomic<int> locked{0};
        std::atomic<int> counted{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 8; ++i) {
            threads.emplace_back([&] {
                const auto outcome = fail("12345678", t(2000));
                if (outcome == FailureOutcome::LockedNow) {
                    ++locked;
                } else if (outcome == FailureOutcome::Counted) {
                    ++counted;
                }
            });
        }
        for (auto& th : threads) {
            th.join();
        }
        QCOMPARE(locked.load(), 1);
        QCOMPARE(counted.load(), 5);
    }

    void registrationToken_isSingleUseAndExpires()
    {
        seedContract("12345678");
        {
            auto tx = store_->begin(Store::Mode::Write);
            tx->insertRegistrationToken({"h1", "12345678", t(5000), false});
            tx->insertRegistrationToken({"h2", "12345678", t(5000), false});
            tx->commit();
        }
        auto tx = store_->begin(Store::Mode::Write);
        const auto lifetime = std::chrono::seconds(1500); // the tokens were made at 3500
        // looked at without spending it: live, then still live
        QCOMPARE(tx->liveRegistrationToken("h1", {t(4000), t(4000) + lifetime}), std::optional<std::string>("12345678"));
        QCOMPARE(tx->liveRegistrationToken("h2", {t(5000), t(5000) + lifetime}), std::optional<std::string>()); // expired
        QCOMPARE(tx->liveRegistrationToken("made-up", {t(4000), t(4000) + lifetime}), std::optional<std::string>());
        QCOMPARE(tx->spendRegistrationToken("h1", {t(4000), t(4000) + lifetime}), std::optional<std::string>("12345678"));
        QCOMPARE(tx->liveRegistrationToken("h1", {t(4000), t(4000) + lifetime}), std::optional<std::string>()); // spent
        QCOMPARE(tx->spendRegistrationToken("h1", {t(4000), t(4000) + lifetime}), std::optional<std::string>());
        QCOMPARE(tx->spendRegistrationToken("h2", {t(5000), t(5000) + lifetime}), std::optional<std::string>()); // expired
        // the clock stepped back to before the token was made: it does not live longer than its rule
        QCOMPARE(tx->spendRegistrationToken("h2", {t(3000), t(3000) + lifetime}), std::optional<std::string>());
        QCOMPARE(tx->spendRegistrationToken("unknown", {t(1), t(1) + lifetime}), std::optional<std::string>());
    }

    // The CRL's cache key: one more per revocation, in the revoking transaction; none for a
    // certificate already revoked, none for a rolled-back revocation.
    void revocationGeneration_movesWithEachRevocationOnly()
    {
        seedContract("12345678");
        seedUser("sample001", "12345678");
        auto generation = [&] { return store_->begin(Store::Mode::Read)->revocationGeneration(); };
        const auto before = generation();
        {
            auto tx = store_->begin(Store::Mode::Write);
            for (const auto* serial : {"0A", "0B"}) { // one in use, one awaiting its import
                CertificateRecord c;
                c.serial = serial;
                c.userId = "sample001";
                c.status = std::string(serial) == "0A" ? CertificateStatus::Active : CertificateStatus::Pending;
                c.pem = "pem";
                tx->insertCertificate(c);
            }
            tx->commit();
        }
        QCOMPARE(generation(), before);
        {
            auto tx = store_->begin(Store::Mode::Write);
            QVERIFY(tx->revokeCertificate("0A", "superseded", t(2000)));
            QVERIFY(!tx->revokeCertificate("0A", "superseded", t(2001))); // already revoked
            tx->commit();
        }
        QCOMPARE(generation(), before + 1);
        {
            auto tx = store_->begin(Store::Mode::Write);
            QVERIFY(tx->revokeCertificate("0B", "keyCompromise", t(2002)));
        } // rolled back
        QCOMPARE(generation(), before + 1);
        QVERIFY(store_->begin(Store::Mode::Read)->certificate("0B")->status == CertificateStatus::Pending);
    }

    void users_uniqueIdAndOneMasterPerContract()
    {
        seedContract("12345678");
        auto tx = store_->begin(Store::Mode::Write);
        UserRecord master;
        master.userId = "sample001";
        master.contractNumber = "12345678";
        master.role = protocol::Role::Master;
        master.userName = "労金　太郎";
        master.email = "a@example.com";
        master.passwordHash = "x";
        QVERIFY(tx->insertUser(master));
        QVERIFY(!tx->insertUser(master)); // the ID is taken
        QVERIFY(tx->activeMaster("12345678").has_value());
        QCOMPARE(tx->user("sample001")->userName, std::string("労金　太郎"));
        tx->disableUser("sample001");
        QVERIFY(!tx->activeMaster("12345678").has_value());
        QCOMPARE(tx->activeUserCount("12345678"), 0);
    }

    void references_areEnforcedOnEveryPooledConnection()
    {
        UserRecord orphan;
        orphan.userId = "orphan01";
        orphan.contractNumber = "99999999"; // no such contract
        orphan.role = protocol::Role::General;
        orphan.userName = "孤児";
        orphan.email = "o@example.com";
        orphan.passwordHash = "x";
        // with i transactions held open, the write takes the pool's next connection: new ones
        // and reused ones alike must refuse a user of no contract
        for (int i = 0; i < 5; ++i) {
            std::vector<std::unique_ptr<StoreTransaction>> held;
            for (int j = 0; j < i; ++j) {
                held.push_back(store_->begin(Store::Mode::Read));
                QVERIFY(!held.back()->user("nobody").has_value()); // a real read on its connection
            }
            auto tx = store_->begin(Store::Mode::Write);
            bool refused = false;
            try {
                refused = !tx->insertUser(orphan);
            } catch (const std::exception&) {
                refused = true; // FOREIGN KEY constraint failed
            }
            QVERIFY2(refused, qPrintable(QStringLiteral("connection %1").arg(i)));
        }
    }

    void audit_isAppendOnly()
    {
        auto tx = store_->begin(Store::Mode::Write);
        tx->appendAudit({0, t(10), "contract.login.failure", "12345678", "wrong password", "127.0.0.1"});
        QCOMPARE(tx->audit(std::nullopt).size(), std::size_t{1});
        tx->commit();
        auto raw = store_->begin(Store::Mode::Write);
        QCOMPARE(raw->audit(t(11)).size(), std::size_t{0});
        QCOMPARE(raw->audit(t(10)).front().event, std::string("contract.login.failure"));
    }
};

QTEST_GUILESS_MAIN(TestSqlStore)
#include "TestSqlStore.moc"
