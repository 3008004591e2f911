// The metrics listener (metrics.listen) of a real enroll-server: GET /metrics in Prometheus' text
// format on loopback or a Unix socket only, read with curl; what the requests on the API took
// and answered, counted by route and status class; the text passes promtool; never on the API's
// own port; a public address refused at start.
#include "ServerHarness.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll::test;

namespace {

// A sample's value in a scrape; -1 when the scrape has no such line.
double sample(const QByteArray& scrape, const QString& series)
{
    for (const auto& line : scrape.split('\n')) {
        const auto text = QString::fromUtf8(line);
        if (text.startsWith(series + QLatin1Char(' '))) {
            return text.mid(series.size() + 1).toDouble();
        }
    }
    return -1;
}

double orZero(double value)
{
    return value < 0 ? 0 : value;
}

} // namespace

class TestServerMetrics : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;
    QString metrics_;

    [[nodiscard]] QByteArray scrape(const QStringList& extra = {}) const
    {
        const auto got = runTool(QStringLiteral("curl"), QStringList{QStringLiteral("-sS"), QStringLiteral("--fail")} + extra +
                                                             QStringList{QStringLiteral("http://%1/metrics").arg(metrics_)});
        return got.exitCode == 0 ? got.out : QByteArray("curl failed: " + got.err);
    }

private slots:
    void initTestCase()
    {
        metrics_ = QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort());
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{{QStringLiteral("metrics.listen"), metrics_}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase()
    {
        server_->stop();
    }

    // a known number of requests, seen in the next scrape by route and status class
    void requests_countedByRouteAndStatus()
    {
        const auto before = scrape();
        const QString health = QStringLiteral("enroll_http_responses_total{route=\"GET /healthz\",code=\"200\"}");
        const QString login = QStringLiteral("enroll_http_responses_total{route=\"POST /api/v1/contract/login\",code=\"401\"}");
        const QString unmatched = QStringLiteral("enroll_http_responses_total{route=\"unmatched\",code=\"404\"}");
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 200);
        }
        for (const auto* path : {"/nope", "/api/v1/../../etc/passwd", "/api/v1/xyz"}) {
            QCOMPARE(server_->call(QStringLiteral("GET"), QString::fromLatin1(path)).status, 404);
        }
        QCOMPARE(server_->contractLogin(QStringLiteral("99999999"), QStringLiteral("Zz9?zz9?")).status, 401);
        const auto after = scrape();
        QCOMPARE(sample(after, health) - orZero(sample(before, health)), 3.0);
        QCOMPARE(sample(after, unmatched) - orZero(sample(before, unmatched)), 3.0);
        QCOMPARE(sample(after, login) - orZero(sample(before, login)), 1.0);
        // unknown paths share one label: no series per path anyone sends
        QVERIFY(!after.contains("etc/passwd") && !after.contains("/nope"));
        // the durations: one histogram per route, its count the route's answers
        const QString count = QStringLiteral("enroll_http_request_duration_seconds_count{route=\"GET /healthz\"}");
        QCOMPARE(sample(after, count) - orZero(sample(before, count)), 3.0);
        QVERIFY(sample(after, QStringLiteral("enroll_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=\"+Inf\"}")) ==
                sample(after, count));
    }

    // the audit log's events, counted once committed: six wrong passwords lock a contract
    void auditEvents_counted()
    {
        const QString number = QStringLiteral("93000001");
        QVERIFY(server_->addContract(number, QStringLiteral("Ab1!cd2#")));
        const QString failure = QStringLiteral("enroll_events_total{event=\"contract.login.failure\"}");
        const QString locked = QStringLiteral("enroll_events_total{event=\"contract.locked\"}");
        const QString success = QStringLiteral("enroll_events_total{event=\"contract.login.success\"}");
        const auto before = scrape();
        QCOMPARE(server_->contractLogin(number, QStringLiteral("Ab1!cd2#")).status, 200);
        for (int i = 0; i < 6; ++i) {
            (void)server_->contractLogin(number, QStringLiteral("Zz9?zz9?"));
        }
        const auto after = scrape();
        QCOMPARE(sample(after, success) - orZero(sample(before, success)), 1.0);
        QCOMPARE(sample(after, failure) - orZero(sample(before, failure)), 6.0);
        QCOMPARE(sample(after, locked) - orZero(sample(before, locked)), 1.0);
        // the same as the audit log holds
        const auto audit = server_->admin({QStringLiteral("audit"), QStringLiteral("list")});
        QVERIFY2(audit.out.count("contract.locked") >= 1, audit.out.constData());
    }

    // the gauges read at the scrape, and the counters of mails and Argon2 waits, follow one
    // enrolment: a certificate more, its mails, its passwords checked, its audit rows
    void gauges_followAnEnrolment()
    {
        const QString valid = QStringLiteral("enroll_certificates_valid");
        const QString mailsSent = QStringLiteral("enroll_mails_total{kind=\"code\",result=\"sent\"}");
        const QString waits = QStringLiteral("enroll_argon2_slot_wait_seconds_count");
        const QString chain = QStringLiteral("enroll_audit_chain_length");
        const auto before = scrape();
        const auto enrolled = server_->enroll(QStringLiteral("93000002"), QStringLiteral("gauge001"), QStringLiteral("Passw0rd!x"),
                                              QStringLiteral("gauge@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        QTest::qWait(5500); // past the certificate counts' cache
        const auto after = scrape();
        QCOMPARE(sample(after, valid) - orZero(sample(before, valid)), 1.0);
        QCOMPARE(sample(after, mailsSent) - orZero(sample(before, mailsSent)), 1.0);
        // contract login, registration, authentication: each hashes or checks a password once at least
        QVERIFY2(sample(after, waits) - orZero(sample(before, waits)) >= 3, after.constData());
        // a new certificate expires in a year: not within 30 days
        QCOMPARE(sample(after, QStringLiteral("enroll_certificates_expiring{within_days=\"30\"}")), 0.0);
        // the audit chain's length is its rows
        const auto rows = server_->admin({QStringLiteral("audit"), QStringLiteral("list")}).out.trimmed().split('\n').size();
        QVERIFY2(sample(after, chain) >= rows - 1 && sample(after, chain) <= rows + 1, after.constData());
        // days left: the development CA lives years, the OCSP signer 30 days, the TLS certificate more than 60
        constexpr double kDay = 86400;
        QVERIFY(sample(after, QStringLiteral("enroll_certificate_remaining_seconds{certificate=\"issuing_ca\"}")) > 365 * kDay);
        const auto signer = sample(after, QStringLiteral("enroll_certificate_remaining_seconds{certificate=\"ocsp_signer\"}"));
        QVERIFY2(signer > 14 * kDay && signer <= 30 * kDay, after.constData());
        QVERIFY(sample(after, QStringLiteral("enroll_certificate_remaining_seconds{certificate=\"tls\"}")) > 60 * kDay);
        QCOMPARE(sample(after, QStringLiteral("enroll_db_connections{state=\"max\"}")), 32.0);
        QVERIFY(sample(after, QStringLiteral("enroll_db_connections{state=\"in_use\"}")) >= 0);
        QVERIFY(sample(after, QStringLiteral("enroll_open_connections{listener=\"direct\"}")) >= 0);
        // anchored at start, at most a few minutes ago
        const auto anchored = sample(after, QStringLiteral("enroll_audit_anchor_last_timestamp_seconds"));
        QVERIFY2(anchored > QDateTime::currentSecsSinceEpoch() - 600, after.constData());
    }

    void text_passesPromtool()
    {
        const auto text = scrape();
        QVERIFY2(text.startsWith("# HELP "), text.constData());
        const auto lint = runTool(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")}, text);
        QVERIFY2(lint.exitCode == 0 && lint.out.trimmed().isEmpty() && lint.err.trimmed().isEmpty(),
                 (lint.out + lint.err + "\n" + text).constData());
    }

    // the public listener has no /metrics, and the metrics listener nothing but it
    void onlyOnTheMetricsListener()
    {
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/metrics")).status, 404);
        const auto other = runTool(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                                                            QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                                                            QStringLiteral("http://%1/api/v1/me").arg(metrics_)});
        QCOMPARE(other.out, QByteArray("404"));
    }

    void unixSocket_servesToo()
    {
        QTemporaryDir dir;
        const auto socket = dir.filePath(QStringLiteral("metrics.sock"));
        ServerProcess local({{QStringLiteral("metrics.listen"), QStringLiteral("unix:") + socket}});
        QVERIFY2(local.start(), qPrintable(local.log()));
        QCOMPARE(QFileInfo(socket).permissions() & (QFile::ReadOther | QFile::WriteOther), QFileDevice::Permissions());
        const auto got = runTool(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("--fail"), QStringLiteral("--unix-socket"),
                                                          socket, QStringLiteral("http://localhost/metrics")});
        QVERIFY2(got.exitCode == 0 && got.out.contains("enroll_http_responses_total"), (got.out + got.err).constData());
        local.stop();
        QVERIFY(!QFileInfo::exists(socket)); // removed at the end
    }

    // a metrics listener anyone on the network could read is refused at start, in one line
    void publicAddress_refused_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::newRow("any") << QStringLiteral("0.0.0.0:%1").arg(freeLoopbackPort());
        QTest::newRow("no port") << QStringLiteral("127.0.0.1");
        QTest::newRow("relative socket") << QStringLiteral("unix:metrics.sock");
    }
    void publicAddress_refused()
    {
        QFETCH(QString, listen);
        ServerProcess refused({{QStringLiteral("metrics.listen"), listen}});
        QVERIFY(!refused.start());
        QVERIFY2(refused.log().contains(QStringLiteral("metrics.listen must be a loopback address and port")), qPrintable(refused.log()));
    }
};

QTEST_MAIN(TestServerMetrics)
#include "TestServerMetrics.moc"
