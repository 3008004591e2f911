// A real Prometheus (Debian's prometheus) scrapes a real enroll-server's metrics listener every
// second, with the shipped alert rules loaded. The test does a known number of issuances, locks
// and 429s, then asks Prometheus' HTTP API: the numbers it stored are the numbers done. Every
// shipped rule loads and evaluates without error, and a stopped server turns RokinEnrollDown
// pending.
#include "ServerHarness.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll::test;

namespace {

QJsonObject contractLogin(const QString& number, const QString& password)
{
    return {{QStringLiteral("contractNumber"), number}, {QStringLiteral("initialPassword"), password}};
}

CallOptions from(const QString& address)
{
    CallOptions options;
    options.sourceAddress = address;
    return options;
}

} // namespace

class TestServerPrometheus : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    QProcess prometheus_;
    int prometheusPort_ = 0;

    [[nodiscard]] QJsonObject api(const QString& path, const QString& query = {}) const
    {
        QStringList args{QStringLiteral("-sS"), QStringLiteral("--fail"), QStringLiteral("http://127.0.0.1:%1%2").arg(prometheusPort_).arg(path)};
        if (!query.isEmpty()) {
            args << QStringLiteral("--data-urlencode") << QStringLiteral("query=") + query;
        }
        const auto got = runTool(QStringLiteral("curl"), args);
        return QJsonDocument::fromJson(got.out).object();
    }

    // The value of a query that gives one number; -1 when it gives none.
    [[nodiscard]] double value(const QString& query) const
    {
        const auto result = api(QStringLiteral("/api/v1/query"), query).value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toArray();
        if (result.size() != 1) {
            return -1;
        }
        return result.at(0).toObject().value(QStringLiteral("value")).toArray().at(1).toString().toDouble();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const auto metrics = QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort());
        // a small address budget, so that a known number of 429s is quick to make
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{{QStringLiteral("metrics.listen"), metrics},
                                                                         {QStringLiteral("throttle.checks"), QStringLiteral("10")}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));

        // Prometheus as a bank would run it: the shipped rules, a job named as they expect
        const auto config = writeFile(dir_.filePath(QStringLiteral("prometheus.yml")),
                                      QStringLiteral("global:\n"
                                                     "  scrape_interval: 1s\n"
                                                     "  evaluation_interval: 1s\n"
                                                     "rule_files:\n"
                                                     "  - %1/installer/linux/prometheus/rokin-enroll-rules.yml\n"
                                                     "scrape_configs:\n"
                                                     "  - job_name: rokin-enroll\n"
                                                     "    static_configs:\n"
                                                     "      - targets: ['%2']\n")
                                          .arg(QStringLiteral(ENROLL_SOURCE_DIR), metrics)
                                          .toUtf8());
        prometheusPort_ = freeLoopbackPort();
        prometheus_.setProcessChannelMode(QProcess::MergedChannels);
        prometheus_.setStandardOutputFile(dir_.filePath(QStringLiteral("prometheus.log")));
        prometheus_.start(QStringLiteral("prometheus"),
                          {QStringLiteral("--config.file=") + config, QStringLiteral("--storage.tsdb.path=") + dir_.filePath(QStringLiteral("tsdb")),
                           QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(prometheusPort_)});
        QVERIFY2(prometheus_.waitForStarted(10000), "prometheus (package prometheus) did not start");
        QTRY_VERIFY_WITH_TIMEOUT(value(QStringLiteral("up{job=\"rokin-enroll\"}")) == 1.0, 30000);
    }

    void cleanupTestCase()
    {
        prometheus_.terminate();
        prometheus_.waitForFinished(10000);
        if (server_) {
            server_->stop();
        }
    }

    void knownWork_isWhatPrometheusStored()
    {
        // two certificates issued and confirmed
        for (const auto* user : {"prom0001", "prom0002"}) {
            const auto enrolled = server_->enroll(QStringLiteral("9400000") + QString::fromLatin1(user).right(1), QString::fromLatin1(user),
                                                  QStringLiteral("Pass1!ab"), QString::fromLatin1(user) + QStringLiteral("@example.co.jp"));
            QVERIFY(!enrolled.serial.isEmpty());
        }
        // one contract locked by six wrong passwords (from an address of its own)
        QVERIFY(server_->addContract(QStringLiteral("94000009"), QStringLiteral("Ab1!cd2#")));
        for (int i = 0; i < 6; ++i) {
            (void)server_->post(QStringLiteral("/api/v1/contract/login"), contractLogin(QStringLiteral("94000009"), QStringLiteral("Zz9?zz9?")),
                                from(QStringLiteral("127.0.0.6")));
        }
        // three 429s: an address past its budget of 10 password checks
        int limited = 0;
        for (int i = 0; i < 13; ++i) {
            const auto r = server_->post(QStringLiteral("/api/v1/contract/login"),
                                         contractLogin(QStringLiteral("8999%1").arg(i, 4, 10, QLatin1Char('0')), QStringLiteral("Zz9?zz9?")),
                                         from(QStringLiteral("127.0.0.7")));
            limited += r.status == 429 ? 1 : 0;
        }
        QCOMPARE(limited, 3);

        // Prometheus scrapes every second; the certificate counts are cached 5 seconds
        QTRY_COMPARE_WITH_TIMEOUT(value(QStringLiteral("enroll_certificates_valid")), 2.0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(value(QStringLiteral("sum(enroll_http_responses_total{code=\"429\"})")), 3.0, 10000);
        QCOMPARE(value(QStringLiteral("enroll_events_total{event=\"cert.issued\"}")), 2.0);
        QCOMPARE(value(QStringLiteral("enroll_events_total{event=\"cert.confirmed\"}")), 2.0);
        QCOMPARE(value(QStringLiteral("enroll_events_total{event=\"contract.locked\"}")), 1.0);
        QCOMPARE(value(QStringLiteral("enroll_events_total{event=\"contract.login.failure\"}")), 6.0 + 10.0);
        QCOMPARE(value(QStringLiteral("enroll_mails_total{kind=\"code\",result=\"sent\"}")), 2.0);
        QCOMPARE(value(QStringLiteral("sum(enroll_http_responses_total{code=~\"5..\"})")), -1.0); // no 5xx series at all
        QVERIFY(value(QStringLiteral("enroll_audit_chain_length")) > 10);
    }

    // every shipped rule loaded into the real Prometheus and evaluates without error
    void shippedRules_loadAndEvaluate()
    {
        // each rule's health and last error, once every rule has been evaluated
        const auto rules = [this] {
            QStringList out;
            const auto groups = api(QStringLiteral("/api/v1/rules")).value(QStringLiteral("data")).toObject().value(QStringLiteral("groups")).toArray();
            for (const auto& group : groups) {
                for (const auto& rule : group.toObject().value(QStringLiteral("rules")).toArray()) {
                    const auto r = rule.toObject();
                    out << r.value(QStringLiteral("name")).toString() + QLatin1Char(' ') + r.value(QStringLiteral("health")).toString() +
                               QLatin1Char(' ') + r.value(QStringLiteral("lastError")).toString();
                }
            }
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rules().size() == 8 && rules().filter(QStringLiteral(" unknown")).isEmpty(), 15000);
        for (const auto& rule : rules()) {
            QVERIFY2(rule.endsWith(QStringLiteral(" ok ")), qPrintable(rule));
        }
        // nothing fires on a healthy server (anchored at start, certificates far from their end)
        QCOMPARE(value(QStringLiteral("count(ALERTS{alertstate=\"firing\"})")), -1.0);
    }

    // the server stopped: the next scrape fails, and RokinEnrollDown is pending (it fires after 2 minutes)
    void stoppedServer_downAlertPending()
    {
        // a scraper's connection does not hold the stop back (it took 22 s with keep-alive)
        QElapsedTimer stopping;
        stopping.start();
        server_->stop();
        QVERIFY2(stopping.elapsed() < 5000, qPrintable(QString::number(stopping.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(value(QStringLiteral("up{job=\"rokin-enroll\"}")), 0.0, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(value(QStringLiteral("ALERTS{alertname=\"RokinEnrollDown\",alertstate=\"pending\"}")), 1.0, 15000);
    }
};

QTEST_MAIN(TestServerPrometheus)
#include "TestServerPrometheus.moc"
