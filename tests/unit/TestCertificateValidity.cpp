// SPEC §4.3: 366 days counting the issue date in JST, notAfter 23:59:59 JST; renewal opens on
// the date 30 days before the expiry date. Day boundaries, leap days and the window's edges.
#include "CaseCounter.h"

#include "enroll/CertificateValidity.h"

#include <QtTest>

#include <set>

using namespace enroll;

namespace {

Instant at(const QString& rfc3339)
{
    const auto parsed = parseRfc3339(rfc3339.toStdString());
    if (!parsed) {
        qFatal("bad fixture time %s", qPrintable(rfc3339));
    }
    return *parsed;
}

QString text(Instant instant)
{
    return QString::fromStdString(formatRfc3339Jst(instant));
}

} // namespace

class TestCertificateValidity : public QObject
{
    Q_OBJECT
    test::CaseCounter counter_;

private slots:
    void init() { counter_.count(); }
    void cleanupTestCase() { counter_.report("validity"); }

    void notAfter_is23595JstOnIssueDatePlus365_data()
    {
        QTest::addColumn<QString>("issuedAt");
        QTest::addColumn<QString>("notAfter");
        QTest::newRow("midday") << "2026-11-26T12:00:00+09:00" << "2027-11-26T23:59:59+09:00";
        QTest::newRow("23:59:59 JST stays on the day") << "2026-11-26T23:59:59+09:00" << "2027-11-26T23:59:59+09:00";
        QTest::newRow("00:00:00 JST is the next day") << "2026-11-27T00:00:00+09:00" << "2027-11-27T23:59:59+09:00";
        QTest::newRow("14:59 UTC is 23:59 JST") << "2026-11-26T14:59:00Z" << "2027-11-26T23:59:59+09:00";
        QTest::newRow("15:00 UTC is already tomorrow in JST") << "2026-11-26T15:00:00Z" << "2027-11-27T23:59:59+09:00";
        QTest::newRow("UTC date behind JST date") << "2026-12-31T16:00:00Z" << "2028-01-01T23:59:59+09:00";
        QTest::newRow("reaches the leap day") << "2027-03-01T09:00:00+09:00" << "2028-02-29T23:59:59+09:00";
        QTest::newRow("issued on the leap day") << "2028-02-29T10:00:00+09:00" << "2029-02-28T23:59:59+09:00";
        QTest::newRow("year containing the leap day") << "2028-01-01T00:00:00+09:00" << "2028-12-31T23:59:59+09:00";
        QTest::newRow("spans the leap day") << "2028-02-28T23:59:59+09:00" << "2029-02-27T23:59:59+09:00";
        QTest::newRow("before a leap year") << "2027-12-31T23:30:00+09:00" << "2028-12-30T23:59:59+09:00";
        QTest::newRow("common year") << "2027-02-28T08:00:00+09:00" << "2028-02-28T23:59:59+09:00";
    }
    void notAfter_is23595JstOnIssueDatePlus365()
    {
        QFETCH(QString, issuedAt);
        QFETCH(QString, notAfter);
        const auto computed = certificateNotAfter(at(issuedAt));
        QCOMPARE(text(computed), notAfter);
        // 366 calendar days counting the issue date
        const auto first = std::chrono::sys_days{jstDate(at(issuedAt))};
        const auto last = std::chrono::sys_days{jstDate(computed)};
        QCOMPARE((last - first).count() + 1, 366);
    }

    void renewalWindow_edges_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<int>("state");
        const auto notYet = static_cast<int>(RenewalState::NotYetOpen);
        const auto open = static_cast<int>(RenewalState::Open);
        const auto expired = static_cast<int>(RenewalState::Expired);
        // notAfter 2027-11-26T23:59:59+09:00: renewal opens 2027-10-27T00:00:00+09:00
        QTest::newRow("just issued") << "2026-11-26T12:00:00+09:00" << notYet;
        QTest::newRow("last second before the window") << "2027-10-26T23:59:59+09:00" << notYet;
        QTest::newRow("first second of the window") << "2027-10-27T00:00:00+09:00" << open;
        QTest::newRow("first second, in UTC") << "2027-10-26T15:00:00Z" << open;
        QTest::newRow("ten days before") << "2027-11-16T09:00:00+09:00" << open;
        QTest::newRow("last second of validity") << "2027-11-26T23:59:59+09:00" << open;
        QTest::newRow("one second after expiry") << "2027-11-27T00:00:00+09:00" << expired;
    }
    void renewalWindow_edges()
    {
        QFETCH(QString, now);
        QFETCH(int, state);
        const auto notAfter = at(QStringLiteral("2027-11-26T23:59:59+09:00"));
        QCOMPARE(text(renewableFrom(notAfter)), QStringLiteral("2027-10-27T00:00:00+09:00"));
        QCOMPARE(static_cast<int>(renewalState(at(now), notAfter)), state);
    }

    void daysUntilExpiry_countsJstDates_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<int>("days");
        QTest::newRow("window opens: 30") << "2027-10-27T00:00:00+09:00" << 30;
        QTest::newRow("late that day: 30") << "2027-10-27T23:59:59+09:00" << 30;
        QTest::newRow("10 days") << "2027-11-16T00:00:00+09:00" << 10;
        QTest::newRow("expiry date") << "2027-11-26T08:00:00+09:00" << 0;
    }
    void daysUntilExpiry_countsJstDates()
    {
        QFETCH(QString, now);
        QFETCH(int, days);
        QCOMPARE(daysUntilExpiry(at(now), at(QStringLiteral("2027-11-26T23:59:59+09:00"))), days);
    }

    void rfc3339_parsesAndFormats_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("jst"); // empty: refused
        QTest::newRow("api example") << "2026-11-24T15:04:05+09:00" << "2026-11-24T15:04:05+09:00";
        QTest::newRow("utc") << "2026-11-24T06:04:05Z" << "2026-11-24T15:04:05+09:00";
        QTest::newRow("negative offset") << "2026-11-23T21:04:05-09:00" << "2026-11-24T15:04:05+09:00";
        QTest::newRow("fraction dropped") << "2026-11-24T06:04:05.123Z" << "2026-11-24T15:04:05+09:00";
        QTest::newRow("no zone") << "2026-11-24T06:04:05" << "";
        QTest::newRow("bad month") << "2026-13-24T06:04:05Z" << "";
        QTest::newRow("not a leap year") << "2027-02-29T00:00:00Z" << "";
        QTest::newRow("garbage") << "yesterday" << "";
    }
    void rfc3339_parsesAndFormats()
    {
        QFETCH(QString, input);
        QFETCH(QString, jst);
        const auto parsed = parseRfc3339(input.toStdString());
        QCOMPARE(parsed.has_value(), !jst.isEmpty());
        if (parsed) {
            QCOMPARE(text(*parsed), jst);
        }
    }

    // --- the renewal agent's schedule: the bank's hours in Japan, back-off, jitter ------------------

    void renewalHours_validAndWithin_data()
    {
        QTest::addColumn<QString>("time");
        QTest::addColumn<int>("earliest");
        QTest::addColumn<int>("latest");
        QTest::addColumn<bool>("within");
        QTest::addColumn<QString>("opening");
        QTest::newRow("08:00 JST opens") << "2026-12-08T08:00:00+09:00" << 8 << 20 << true << "2026-12-08T08:00:00+09:00";
        QTest::newRow("07:59 JST: today at 8") << "2026-12-08T07:59:59+09:00" << 8 << 20 << false << "2026-12-08T08:00:00+09:00";
        QTest::newRow("19:59 JST still in") << "2026-12-08T19:59:59+09:00" << 8 << 20 << true << "2026-12-08T19:59:59+09:00";
        QTest::newRow("20:00 JST: tomorrow at 8") << "2026-12-08T20:00:00+09:00" << 8 << 20 << false << "2026-12-09T08:00:00+09:00";
        // 23:30 UTC is 08:30 JST the next day: Japan's date, not UTC's
        QTest::newRow("UTC evening is JST morning") << "2026-12-08T23:30:00Z" << 8 << 20 << true << "2026-12-09T08:30:00+09:00";
        QTest::newRow("the year turns") << "2026-12-31T22:00:00+09:00" << 8 << 20 << false << "2027-01-01T08:00:00+09:00";
        QTest::newRow("all day") << "2026-12-08T03:00:00+09:00" << 0 << 24 << true << "2026-12-08T03:00:00+09:00";
    }
    void renewalHours_validAndWithin()
    {
        QFETCH(QString, time);
        QFETCH(int, earliest);
        QFETCH(int, latest);
        QFETCH(bool, within);
        QFETCH(QString, opening);
        const RenewalHours hours{earliest, latest};
        QVERIFY(validRenewalHours(hours));
        QCOMPARE(withinRenewalHours(at(time), hours), within);
        QCOMPARE(text(nextRenewalOpening(at(time), hours)), opening);
    }
    void renewalHours_invalid()
    {
        QVERIFY(!validRenewalHours({20, 8}));
        QVERIFY(!validRenewalHours({8, 8}));
        QVERIFY(!validRenewalHours({-1, 20}));
        QVERIFY(!validRenewalHours({8, 25}));
    }

    void nextCheck_intervalBackoffAndHours_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<int>("failures");
        QTest::addColumn<double>("jitter");
        QTest::addColumn<QString>("next");
        // 8 h interval, 60 s first retry, 8–20 JST
        QTest::newRow("success: 8 h on") << "2026-12-08T09:00:00+09:00" << 0 << 0.0 << "2026-12-08T17:00:00+09:00";
        QTest::newRow("success, most jitter: 8 h 48 min at most") << "2026-12-08T09:00:00+09:00" << 0 << 0.999999
                                                                 << "2026-12-08T17:47:59+09:00";
        QTest::newRow("success past closing: tomorrow's first hour") << "2026-12-08T15:00:00+09:00" << 0 << 0.5
                                                                     << "2026-12-09T08:30:00+09:00";
        QTest::newRow("first failure: 30-60 s") << "2026-12-08T09:00:00+09:00" << 1 << 0.0 << "2026-12-08T09:00:30+09:00";
        QTest::newRow("third failure: 2-4 min") << "2026-12-08T09:00:00+09:00" << 3 << 0.999999 << "2026-12-08T09:03:59+09:00";
        QTest::newRow("tenth failure: capped at the interval") << "2026-12-08T09:00:00+09:00" << 10 << 0.999999
                                                               << "2026-12-08T16:59:59+09:00";
        QTest::newRow("a failure at 19:59: not before 8 tomorrow") << "2026-12-08T19:59:50+09:00" << 1 << 0.0
                                                                   << "2026-12-09T08:00:00+09:00";
    }
    void nextCheck_intervalBackoffAndHours()
    {
        QFETCH(QString, now);
        QFETCH(int, failures);
        QFETCH(double, jitter);
        QFETCH(QString, next);
        const RenewalSchedule schedule; // 8 h, 60 s, 8–20
        QCOMPARE(text(nextRenewalCheck(at(now), failures, schedule, jitter)), next);
    }
    // a thousand PCs that all close their checks at 20:00 reach the bank spread over the first hour
    void nextCheck_spreadsAThousandPcs()
    {
        const RenewalSchedule schedule;
        std::set<long long> minutes;
        for (int pc = 0; pc < 1000; ++pc) {
            const auto next = nextRenewalCheck(at(QStringLiteral("2026-12-08T19:30:00+09:00")), 0, schedule, pc / 1000.0);
            QVERIFY(withinRenewalHours(next, schedule.hours));
            minutes.insert(std::chrono::duration_cast<std::chrono::minutes>(next - at(QStringLiteral("2026-12-09T08:00:00+09:00"))).count());
        }
        QCOMPARE(*minutes.begin(), 0LL);
        QCOMPARE(*minutes.rbegin(), 59LL);
        QCOMPARE(minutes.size(), std::size_t{60});
    }
};

QTEST_GUILESS_MAIN(TestCertificateValidity)
#include "TestCertificateValidity.moc"
