// rokin-enroll --doctor and 接続診断: the help desk's checks against a real enroll-server, a real
// squid and this PC's portable store and keychain. A healthy PC passes every line; each fault fails
// its own line, in words that name what to fix: the proxy down, a proxy asking for a password, an
// inspecting proxy, an expired certificate, one the bank revoked (asked of its OCSP responder), a
// missing key, a missing logon task. The real program prints the same lines and exits 0 only when
// all pass.
#include "ClientHarness.h"
#include "ServerHarness.h"

#include "flow/Doctor.h"
#include "pages/Translations.h"

#include <QDir>
#include <QProcess>
#include <QtTest>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

// The report of one run on `pc`; `logonTask`: whether the MSI's task is meant to be (and is) there.
DoctorReport diagnose(Pc& pc, const ServerProcess& bank, bool taskInstalled = false, bool taskFound = false)
{
    Doctor doctor({pc.api, pc.store, readIssuerBundle(bank.clientCa()), pc.memo, taskInstalled, [taskFound] { return taskFound; },
                   Language::Japanese});
    std::optional<DoctorReport> report;
    QObject::connect(&doctor, &Doctor::finished, [&report](const DoctorReport& r) { report = r; });
    doctor.run();
    QElapsedTimer clock;
    clock.start();
    while (!report && clock.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return report.value_or(DoctorReport{});
}

// The failed lines only.
QStringList failed(const DoctorReport& report)
{
    QStringList out;
    for (const auto& line : report.lines) {
        if (!line.ok) {
            out << line.text;
        }
    }
    return out;
}

} // namespace

class TestDoctor : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> bank_;
    QTemporaryDir home_;
    int homes_ = 0;
    int users_ = 0;

    QString newHome() { return home_.filePath(QStringLiteral("pc%1").arg(++homes_)); }
    void setClockOffsetDays(qint64 days) { writeFile(home_.filePath(QStringLiteral("clock")), QByteArray::number(days * 24 * 3600)); }
    ServerProcess::Enrolled enrolled(int daysAgo = 0)
    {
        const auto n = ++users_;
        setClockOffsetDays(-daysAgo);
        const auto user = bank_->enroll(QStringLiteral("970000%1").arg(n, 2, 10, QLatin1Char('0')), QStringLiteral("doctor%1").arg(n, 2, 10, QLatin1Char('0')),
                                        kPassword, QStringLiteral("doctor%1@example.co.jp").arg(n));
        setClockOffsetDays(0);
        return user;
    }

private slots:
    void initTestCase()
    {
        installTranslations(Language::Japanese);
        setClockOffsetDays(0);
        bank_ = std::make_unique<ServerProcess>(QMap<QString, QString>{{QStringLiteral("test.clockFile"), home_.filePath(QStringLiteral("clock"))}});
        QVERIFY2(bank_->start(), qPrintable(bank_->log()));
    }
    void cleanupTestCase() { bank_->stop(); }

    void healthyPc_everyLinePasses()
    {
        Pc pc(*bank_, newHome());
        QVERIFY(pc.hold(enrolled()));
        const auto report = diagnose(pc, *bank_, true, true);
        QVERIFY2(report.allPassed(), qPrintable(report.text()));
        QCOMPARE(int(report.lines.size()), 8);
        const auto text = report.text();
        QVERIFY2(text.contains(QStringLiteral("直接")) && text.contains(QStringLiteral("OCSP")) &&
                     text.contains(QStringLiteral("テスト署名")) && text.contains(QStringLiteral("登録されています")),
                 qPrintable(text));
    }

    void proxyDownAnd407AndInspection_eachFailsNamingTheProxy()
    {
        const auto user = enrolled();
        const auto down = QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort());
        {
            qputenv("https_proxy", ("http://" + down).toUtf8());
            Pc pc(*bank_, newHome());
            qunsetenv("https_proxy");
            QVERIFY(pc.hold(user));
            const auto lines = failed(diagnose(pc, *bank_));
            QVERIFY2(!lines.isEmpty() && lines.front().contains(down) && lines.front().contains(QStringLiteral("プロキシサーバー")),
                     qPrintable(lines.join(QLatin1Char('\n'))));
        }
        SquidProxy basic;
        QVERIFY(basic.start(SquidProxy::Mode::Basic, QUrl(bank_->url({})).port()));
        {
            qputenv("https_proxy", ("http://" + basic.address()).toUtf8());
            Pc pc(*bank_, newHome());
            qunsetenv("https_proxy");
            pc.vault.remove(QStringLiteral("proxy/") + basic.address());
            QVERIFY(pc.hold(user));
            const auto lines = failed(diagnose(pc, *bank_));
            QVERIFY2(!lines.isEmpty() && lines.front().contains(basic.address()) && lines.front().contains(SquidProxy::kRealm) &&
                         lines.front().contains(QStringLiteral("ユーザー名とパスワード")),
                     qPrintable(lines.join(QLatin1Char('\n'))));
        }
        SquidProxy bump;
        QVERIFY(bump.start(SquidProxy::Mode::Bump, QUrl(bank_->url({})).port()));
        {
            qputenv("https_proxy", ("http://" + bump.address()).toUtf8());
            Pc pc(*bank_, newHome());
            qunsetenv("https_proxy");
            QVERIFY(pc.hold(user));
            const auto lines = failed(diagnose(pc, *bank_));
            QVERIFY2(!lines.isEmpty() && lines.front().contains(QStringLiteral("HTTPS検査の対象から除外")),
                     qPrintable(lines.join(QLatin1Char('\n'))));
            QTest::qWait(300);
            QVERIFY2(!bump.accessLog().contains(QStringLiteral("https://")), qPrintable(bump.accessLog())); // nothing past CONNECT
        }
    }

    void expiredRevokedAndKeyMissing_eachFailsItsLine()
    {
        {
            Pc pc(*bank_, newHome());
            QVERIFY(pc.hold(enrolled(400))); // expired 34 days ago
            const auto lines = failed(diagnose(pc, *bank_));
            QVERIFY2(lines.size() >= 1 && lines.front().contains(QStringLiteral("有効期限が切れています")), qPrintable(lines.join(QLatin1Char('\n'))));
        }
        {
            Pc pc(*bank_, newHome());
            const auto user = enrolled();
            QVERIFY(pc.hold(user));
            QCOMPARE(bank_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), user.serial, QStringLiteral("--reason"),
                                   QStringLiteral("keyCompromise")})
                         .exitCode,
                     0);
            const auto lines = failed(diagnose(pc, *bank_));
            QCOMPARE(lines.size(), 1);
            QVERIFY2(lines.front().contains(QStringLiteral("OCSP")) && lines.front().contains(QStringLiteral("失効")), qPrintable(lines.front()));
        }
        {
            const auto home = newHome();
            Pc pc(*bank_, home);
            QVERIFY(pc.hold(enrolled()));
            // the key's secret gone from the keychain: the certificate without a usable key
            QVERIFY(pc.vault.remove(QStringLiteral("certificate/") + pc.store.find({}).front().thumbprint));
            const auto lines = failed(diagnose(pc, *bank_));
            QVERIFY2(!lines.isEmpty() && lines.front().contains(QStringLiteral("秘密鍵がありません")), qPrintable(lines.join(QLatin1Char('\n'))));
        }
    }

    void logonTaskMissing_failsItsLine()
    {
        Pc pc(*bank_, newHome());
        QVERIFY(pc.hold(enrolled()));
        const auto lines = failed(diagnose(pc, *bank_, true, false));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.front().contains(QStringLiteral("ログオン")) && lines.front().contains(QStringLiteral("IT管理者")), qPrintable(lines.front()));
    }

    // The real program: the same lines on stdout, exit 0 on a healthy PC, 1 with a fault; English with --lang en.
    void theProgram_printsTheLines()
    {
        const auto user = enrolled();
        const auto xdg = home_.filePath(QStringLiteral("xdg"));
        KeychainVault vault;
        PortableCertificateStore platform(xdg + QStringLiteral("/Rokin/Enroll/certificates"), vault);
        BankCertificates store(platform, readIssuerBundle(bank_->clientCa()), xdg + QStringLiteral("/Rokin/Enroll/certificates.ini"));
        QVERIFY(holdIn(store, user));
        auto run = [&xdg, this](const QStringList& extra) {
            QProcess program;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("XDG_DATA_HOME"), xdg);
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
            program.setProcessEnvironment(env);
            program.start(QStringLiteral(ROKIN_ENROLL_BIN), QStringList{QStringLiteral("--doctor"), QStringLiteral("--server"), bank_->url({}),
                                                                        QStringLiteral("--ca"), bank_->chain(), QStringLiteral("--issuers"),
                                                                        bank_->clientCa()} +
                                                                extra);
            program.waitForFinished(120000);
            return std::make_pair(program.exitCode(), QString::fromUtf8(program.readAllStandardOutput()));
        };
        auto [code, out] = run({});
        QVERIFY2(code == 0, qPrintable(out));
        QCOMPARE(out.count(QStringLiteral("[OK] ")), 8);
        std::tie(code, out) = run({QStringLiteral("--lang"), QStringLiteral("en")});
        QCOMPARE(code, 0);
        QVERIFY2(out.contains(QStringLiteral("Revocation (OCSP): the bank says the certificate is good.")), qPrintable(out));
        QCOMPARE(bank_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), user.serial, QStringLiteral("--reason"),
                               QStringLiteral("keyCompromise")})
                     .exitCode,
                 0);
        std::tie(code, out) = run({});
        QCOMPARE(code, 1);
        QCOMPARE(out.count(QStringLiteral("[NG] ")), 1);
    }
};

QTEST_MAIN(TestDoctor)
#include "TestDoctor.moc"
