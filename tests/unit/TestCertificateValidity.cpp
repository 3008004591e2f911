// SPEC §4.3: 366 days counting the issue date in JST, notAfter 23:59:59 JST; renewal opens on
// the date 30 days before the expiry date. Day boundaries, leap days and the window's edges.
#include "CaseCounter.h"

#include "enroll/CertificateValidity.h"

#include <QtTest>

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
};

QTEST_GUILESS_MAIN(TestCertificateValidity)
#include "TestCertificateValidity.moc"
