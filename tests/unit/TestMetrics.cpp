// The Prometheus text format the server's metrics are written in (server/metrics): names, label
// escaping, counters, cumulative histogram buckets, gauges read at the scrape, many threads at
// once, and every rendering accepted by Prometheus' own linter (promtool check metrics).
#include "metrics/Metrics.h"

#include <QProcess>
#include <QtTest>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

using namespace enroll::server::metrics;

namespace {

// promtool check metrics on `text`: its exit code and what it said
std::pair<int, QString> promtoolCheck(const std::string& text)
{
    QProcess promtool;
    promtool.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
    if (!promtool.waitForStarted()) {
        return {-1, QStringLiteral("promtool not found (Debian package prometheus; scripts/test.sh installs it)")};
    }
    promtool.write(text.data(), static_cast<qint64>(text.size()));
    promtool.closeWriteChannel();
    promtool.waitForFinished(30000);
    return {promtool.exitCode(), QString::fromUtf8(promtool.readAllStandardOutput() + promtool.readAllStandardError())};
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("metric");
        QTest::addColumn<bool>("label");
        QTest::newRow("plain") << "enroll_issuances_total" << true << true;
        QTest::newRow("colon") << "enroll:rate5m" << true << false;
        QTest::newRow("digit first") << "5xx_total" << false << false;
        QTest::newRow("dash") << "enroll-issuances" << false << false;
        QTest::newRow("empty") << "" << false << false;
        QTest::newRow("space") << "enroll issuances" << false << false;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, metric);
        QFETCH(bool, label);
        QCOMPARE(validMetricName(name.toStdString()), metric);
        QCOMPARE(validLabelName(name.toStdString()), label);
    }

    void escaping()
    {
        const std::string raw = "a\\b\"c\nd";                            // a\b"c, a line break, d
        QCOMPARE(escapeLabelValue(raw), std::string("a\\\\b\\\"c\\nd")); // a\\b\"c\nd
        QCOMPARE(escapeHelp(raw), std::string("a\\\\b\"c\\nd"));           // a\\b"c\nd
        QCOMPARE(escapeLabelValue("労金"), std::string("労金")); // UTF-8 as it is
    }

    void values()
    {
        QCOMPARE(formatValue(0), std::string("0"));
        QCOMPARE(formatValue(42), std::string("42"));
        QCOMPARE(formatValue(0.005), std::string("0.005"));
        QCOMPARE(formatValue(-1.5), std::string("-1.5"));
        QCOMPARE(formatValue(1e21), std::string("1e+21"));
        QCOMPARE(formatValue(std::numeric_limits<double>::infinity()), std::string("+Inf"));
        QCOMPARE(formatValue(-std::numeric_limits<double>::infinity()), std::string("-Inf"));
        QCOMPARE(formatValue(std::nan("")), std::string("NaN"));
    }

    void counters_byLabels()
    {
        Registry registry;
        auto& logins = registry.counter("enroll_contract_logins_total", "Contract logins by outcome.", {"outcome"});
        logins.with({"ok"}).add();
        logins.with({"ok"}).add(2);
        logins.with({"wrong_password"}).add();
        registry.counter("enroll_http_5xx_total", "Answers with a 5xx status.");
        QCOMPARE(registry.render(), std::string("# HELP enroll_contract_logins_total Contract logins by outcome.\n"
                                                "# TYPE enroll_contract_logins_total counter\n"
                                                "enroll_contract_logins_total{outcome=\"ok\"} 3\n"
                                                "enroll_contract_logins_total{outcome=\"wrong_password\"} 1\n"
                                                "# HELP enroll_http_5xx_total Answers with a 5xx status.\n"
                                                "# TYPE enroll_http_5xx_total counter\n"));
        QCOMPARE(logins.with({"ok"}).value(), std::uint64_t{3});
    }

    void histogram_cumulativeBuckets()
    {
        Registry registry;
        auto& duration = registry.histogram("enroll_request_seconds", "Request duration.", {"route"}, {0.01, 0.1, 1});
        auto& me = duration.with({"GET /api/v1/me"});
        for (double v : {0.005, 0.01, 0.05, 0.5, 2.0}) {
            me.observe(v);
        }
        me.observe(std::nan("")); // not counted
        const auto text = registry.render();
        QCOMPARE(text, std::string("# HELP enroll_request_seconds Request duration.\n"
                                   "# TYPE enroll_request_seconds histogram\n"
                                   "enroll_request_seconds_bucket{route=\"GET /api/v1/me\",le=\"0.01\"} 2\n"
                                   "enroll_request_seconds_bucket{route=\"GET /api/v1/me\",le=\"0.1\"} 3\n"
                                   "enroll_request_seconds_bucket{route=\"GET /api/v1/me\",le=\"1\"} 4\n"
                                   "enroll_request_seconds_bucket{route=\"GET /api/v1/me\",le=\"+Inf\"} 5\n"
                                   "enroll_request_seconds_sum{route=\"GET /api/v1/me\"} 2.565\n"
                                   "enroll_request_seconds_count{route=\"GET /api/v1/me\"} 5\n"));
    }

    void gauges_readAtTheScrape()
    {
        Registry registry;
        int open = 3;
        registry.gauge("enroll_open_connections", "Open client connections.", {}, [&open] {
            return std::vector<GaugeSample>{{{}, static_cast<double>(open)}};
        });
        registry.gauge("enroll_certificate_days_left", "Days until a certificate's end.", {"certificate"}, [] {
            return std::vector<GaugeSample>{{{"tls"}, 300}, {{"issuing_ca"}, 1500.5}, {{"wrong", "count"}, 1}};
        });
        QVERIFY(registry.render().find("enroll_open_connections 3\n") != std::string::npos);
        open = 7;
        const auto text = registry.render();
        QVERIFY(text.find("enroll_open_connections 7\n") != std::string::npos);
        // in label order; a sample whose labels do not fit is left out
        QVERIFY(text.find("enroll_certificate_days_left{certificate=\"issuing_ca\"} 1500.5\n"
                          "enroll_certificate_days_left{certificate=\"tls\"} 300\n") != std::string::npos);
        QVERIFY(text.find("wrong") == std::string::npos);
    }

    void refused_atRegistration()
    {
        Registry registry;
        registry.counter("enroll_locks_total", "Locks.");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.counter("enroll_locks_total", "again"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.counter("enroll_locks", "no _total"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.counter("enroll-locks_total", "a dash"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.counter("enroll_x_total", "le", {"le"}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.counter("enroll_y_total", "reserved", {"__name"}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.histogram("enroll_h", "descending", {}, {1, 0.5}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.histogram("enroll_h", "infinite", {}, {1, INFINITY}));
        auto& counter = registry.counter("enroll_z_total", "Z.", {"a", "b"});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, counter.with({"only one"}));
        // nothing half-registered
        QCOMPARE(registry.render().find("enroll_h"), std::string::npos);
    }

    void manyThreads_countEverything()
    {
        Registry registry;
        auto& counter = registry.counter("enroll_requests_total", "Requests.", {"route"});
        auto& histogram = registry.histogram("enroll_wait_seconds", "Waits.", {}, {0.5});
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 10000; ++i) {
                    counter.with({t % 2 == 0 ? "even" : "odd"}).add();
                    histogram.with({}).observe(i % 2 == 0 ? 0.25 : 1.0);
                    if (i % 1000 == 0) {
                        (void)registry.render();
                    }
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        QCOMPARE(counter.with({"even"}).value(), std::uint64_t{40000});
        QCOMPARE(counter.with({"odd"}).value(), std::uint64_t{40000});
        const auto snapshot = histogram.with({}).snapshot();
        QCOMPARE(snapshot.cumulative, (std::vector<std::uint64_t>{40000, 80000}));
        QCOMPARE(snapshot.sum, 40000 * 0.25 + 40000 * 1.0);
    }

    // Prometheus' own linter reads what render() writes: every kind, escaped labels included
    void promtool_acceptsTheText()
    {
        Registry registry;
        registry.counter("enroll_codes_sent_total", "Codes sent by e-mail.", {"flow"}).with({"issue"}).add(4);
        registry.counter("enroll_mails_total", "Mails by outcome, with \"quotes\" and a \\ in the help.", {"kind", "outcome"})
            .with({"code \"x\"\\n", "failed"})
            .add();
        registry.histogram("enroll_argon2_wait_seconds", "The wait for an Argon2 slot.", {}, {0.001, 0.01, 0.1, 1}).with({}).observe(0.02);
        registry.gauge("enroll_certificates_valid", "Certificates valid now.", {}, [] { return std::vector<GaugeSample>{{{}, 12}}; });
        const auto [status, said] = promtoolCheck(registry.render());
        QVERIFY2(status == 0, qPrintable(said + QStringLiteral("\n") + QString::fromStdString(registry.render())));
        QVERIFY2(said.trimmed().isEmpty(), qPrintable(said)); // no lint either

        // and it does find a broken text: the check can fail
        const auto [brokenStatus, brokenSaid] = promtoolCheck("enroll_x_total{a=\"b} 1\n");
        QVERIFY2(brokenStatus != 0, qPrintable(brokenSaid));
    }
};

QTEST_MAIN(TestMetrics)
#include "TestMetrics.moc"
