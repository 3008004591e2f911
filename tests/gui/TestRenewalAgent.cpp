// rokin-enroll --renew --stay's agent (Step 18) in-process against a real enroll-server and a real
// gnome-keyring, its interval in seconds as a test build has it: a bank outage during a check is
// retried with a growing back-off and the certificate renewed once the bank is back; the next check
// an interval later; outside the bank's hours nothing is asked until they open (spread over their
// first hour); a resume from sleep checks at once; the network coming back checks only after a
// failure; nothing of a check stays between checks.
#include "ClientHarness.h"

#include "flow/RenewalAgent.h"
#include "pages/Translations.h"

#include <QtTest>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;
using Outcome = SilentRenewalResult::Outcome;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

RenewalAgent::MakeFlows flowsOf(Pc& pc)
{
    return [&pc] { return std::make_unique<WizardFlows>(pc.api, pc.store, pc.pending, pc.memo, Language::Japanese); };
}

RenewalHours allDay()
{
    return {0, 24};
}

} // namespace

class TestRenewalAgent : public QObject
{
    Q_OBJECT
    QTemporaryDir home_;
    std::unique_ptr<ServerProcess> bank_;
    int users_ = 0;

    [[nodiscard]] QString clockFile() const { return home_.filePath(QStringLiteral("clock")); }
    void setClockOffsetDays(qint64 days) { writeFile(clockFile(), QByteArray::number(days * 24 * 3600)); }

    // a master whose certificate the bank issued `daysAgo` days ago (by its clock)
    ServerProcess::Enrolled enrolledDaysAgo(int daysAgo)
    {
        const auto n = ++users_;
        setClockOffsetDays(-daysAgo);
        const auto enrolled = bank_->enroll(QStringLiteral("950001%1").arg(n, 2, 10, QLatin1Char('0')),
                                            QStringLiteral("agent%1").arg(n, 3, 10, QLatin1Char('0')), kPassword,
                                            QStringLiteral("agent%1@example.co.jp").arg(n));
        setClockOffsetDays(0);
        return enrolled;
    }

private slots:
    void initTestCase()
    {
        installTranslations(Language::Japanese);
        setClockOffsetDays(0);
        bank_ = std::make_unique<ServerProcess>(QMap<QString, QString>{{QStringLiteral("test.clockFile"), clockFile()}});
        QVERIFY2(bank_->start(), qPrintable(bank_->log()));
    }
    void cleanupTestCase() { bank_->stop(); }

    void outage_retriedWithBackoff_renewedWhenTheBankIsBack()
    {
        const auto old = enrolledDaysAgo(340); // 26 days left: due
        QVERIFY(!old.serial.isEmpty());
        Pc pc(*bank_, home_.filePath(QStringLiteral("pc-outage")));
        QVERIFY(pc.hold(old));
        bank_->stop();

        RenewalAgent agent(flowsOf(pc), std::chrono::seconds(8), allDay);
        agent.setJitter([] { return 0.0; }); // the shortest waits: back-off 0.5, 1, 2 … s
        std::vector<SilentRenewalResult> results;
        std::vector<qint64> waits; // from each check's end to the next, in seconds
        connect(&agent, &RenewalAgent::checked, this, [&](const SilentRenewalResult& r, const QDateTime& next) {
            results.push_back(r);
            waits.push_back(QDateTime::currentDateTimeUtc().secsTo(next));
            QVERIFY(!agent.checking()); // the check's flows are gone before the next one is made
        });
        agent.start();
        QTRY_VERIFY_WITH_TIMEOUT(results.size() >= 3, 30000);
        QCOMPARE(int(results[0].outcome), int(Outcome::Failed));
        QCOMPARE(int(results[2].outcome), int(Outcome::Failed));
        QCOMPARE(agent.failuresInARow(), int(results.size()));
        QVERIFY2(waits[2] >= waits[0], qPrintable(QStringLiteral("%1 then %2").arg(waits[0]).arg(waits[2]))); // grows

        // the bank is back: the next retry renews, and the agent waits an interval again
        QVERIFY2(bank_->start(), qPrintable(bank_->log()));
        QTRY_VERIFY_WITH_TIMEOUT(results.back().outcome == Outcome::Renewed, 60000);
        QCOMPARE(agent.failuresInARow(), 0);
        QVERIFY2(waits.back() >= 7 && waits.back() <= 8, qPrintable(QString::number(waits.back())));
        const auto stored = pc.store.find({});
        QCOMPARE(stored.size(), std::size_t{1});
        QVERIFY(stored.front().serial != old.serial);
        QCOMPARE(bank_->auditCount(QStringLiteral("cert.renewed.silent"), stored.front().serial), 1);
    }

    // a check due outside the bank's hours is not made: the agent waits for their first hour
    void outsideTheBanksHours_nothingAskedUntilTheyOpen()
    {
        const auto hourNow = QDateTime::currentDateTimeUtc().toOffsetFromUtc(9 * 3600).time().hour();
        const int earliest = (hourNow + 2) % 22; // an hour-long span that is not now
        const RenewalHours hours{earliest, earliest + 1};
        Pc pc(*bank_, home_.filePath(QStringLiteral("pc-hours")));
        QVERIFY(pc.hold(enrolledDaysAgo(340)));
        RenewalAgent agent(flowsOf(pc), std::chrono::seconds(8), [hours] { return hours; });
        int checks = 0;
        QDateTime postponedTo;
        connect(&agent, &RenewalAgent::checked, this, [&checks] { ++checks; });
        connect(&agent, &RenewalAgent::postponed, this, [&postponedTo](const QDateTime& next) { postponedTo = next; });
        agent.start();
        QVERIFY(postponedTo.isValid());
        const auto local = postponedTo.toOffsetFromUtc(9 * 3600).time();
        QCOMPARE(local.hour(), earliest); // within the first hour after they open
        QVERIFY(postponedTo > QDateTime::currentDateTimeUtc());
        QTest::qWait(1500);
        QCOMPARE(checks, 0);
        QVERIFY(!agent.checking());
    }

    // back from sleep: a check at once; the network back: a check only after a failure
    void resumeChecksAtOnce_networkBackOnlyAfterAFailure()
    {
        Pc pc(*bank_, home_.filePath(QStringLiteral("pc-resume")));
        QVERIFY(pc.hold(enrolledDaysAgo(10))); // far from its renewal window
        RenewalAgent agent(flowsOf(pc), std::chrono::seconds(3600), allDay);
        std::vector<SilentRenewalResult> results;
        connect(&agent, &RenewalAgent::checked, this, [&results](const SilentRenewalResult& r) { results.push_back(r); });
        agent.start();
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), std::size_t{1}, 15000);
        QCOMPARE(int(results[0].outcome), int(Outcome::NothingDue));
        QVERIFY(agent.nextCheck() > QDateTime::currentDateTimeUtc().addSecs(3000)); // an hour on
        agent.networkBack(); // nothing failed: nothing to do
        QTest::qWait(300);
        QCOMPARE(results.size(), std::size_t{1});
        agent.resumed();
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), std::size_t{2}, 15000);
        QCOMPARE(int(results[1].outcome), int(Outcome::NothingDue));
    }
};

QTEST_MAIN(TestRenewalAgent)
#include "TestRenewalAgent.moc"
