// rokin-enroll --renew, the logon task (Step 12): the wizard's renewal with nobody at the screen,
// against a real enroll-server whose clock put the certificate inside its renewal window (issued
// 340 days ago: 26 days left), and a real gnome-keyring. The flows in-process for every outcome,
// an interrupted renewal finished by the next run, and the real program with no window.
#include "ClientHarness.h"

#include "flow/SilentRenewal.h"
#include "pages/Translations.h"

#include <QProcess>
#include <QtTest>

#include <optional>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;
using Outcome = SilentRenewalResult::Outcome;
using Page = WizardSession::Page;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

// One run of --renew's flow on `pc`, to its end.
SilentRenewalResult renewOn(Pc& pc)
{
    SilentRenewal renewal(pc.flows);
    std::optional<SilentRenewalResult> result;
    QObject::connect(&renewal, &SilentRenewal::finished, [&result](const SilentRenewalResult& r) { result = r; });
    renewal.run();
    QElapsedTimer clock;
    clock.start();
    while (!result && clock.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return result.value_or(SilentRenewalResult{Outcome::Failed, QStringLiteral("no result within 60 s"), {}});
}

QString serialsOf(Pc& pc)
{
    QStringList serials;
    for (const auto& c : pc.store.find({})) {
        serials << c.serial;
    }
    return serials.join(QLatin1Char(','));
}

} // namespace

class TestSilentRenewal : public QObject
{
    Q_OBJECT
    QTemporaryDir home_;
    std::unique_ptr<ServerProcess> bank_;
    int homes_ = 0;
    int users_ = 0;

    QString newHome() { return home_.filePath(QStringLiteral("pc%1").arg(++homes_)); }
    static void setClockOffsetDays(const QString& file, qint64 days) { writeFile(file, QByteArray::number(days * 24 * 3600)); }
    QString clockFile() const { return home_.filePath(QStringLiteral("clock")); }

    // A master of a new contract whose certificate the bank issued `daysAgo` days ago (by its clock).
    ServerProcess::Enrolled enrolledDaysAgo(ServerProcess& bank, const QString& clock, int daysAgo)
    {
        const auto n = ++users_;
        setClockOffsetDays(clock, -daysAgo);
        const auto enrolled = bank.enroll(QStringLiteral("940000%1").arg(n, 2, 10, QLatin1Char('0')),
                                          QStringLiteral("renew%1").arg(n, 3, 10, QLatin1Char('0')), kPassword,
                                          QStringLiteral("renew%1@example.co.jp").arg(n));
        setClockOffsetDays(clock, 0);
        return enrolled;
    }
    // A PC's home folder whose store holds `enrolled`.
    QString homeHolding(const ServerProcess::Enrolled& enrolled)
    {
        const auto home = newHome();
        Pc pc(*bank_, home);
        return pc.hold(enrolled) ? home : QString();
    }
    // `serial`'s line of enroll-admin cert list: "<serial>\t<user>\t<state>…"
    QString certState(const ServerProcess& bank, const QString& userId, const QString& serial) const
    {
        const auto list = QString::fromUtf8(bank.admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), userId}).out);
        for (const auto& line : list.split(QLatin1Char('\n'))) {
            if (line.startsWith(serial + QLatin1Char('\t'))) {
                return line.section(QLatin1Char('\t'), 2, 2);
            }
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        installTranslations(Language::Japanese); // as rokin-enroll --renew does
        setClockOffsetDays(clockFile(), 0);
        bank_ = std::make_unique<ServerProcess>(QMap<QString, QString>{{QStringLiteral("test.clockFile"), clockFile()}});
        QVERIFY2(bank_->start(), qPrintable(bank_->log()));
    }
    void cleanupTestCase() { bank_->stop(); }

    void insideTheWindow_renewsImportsConfirmsAndRemovesTheOld()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 340);
        QVERIFY(!old.serial.isEmpty());
        Pc pc(*bank_, newHome());
        QVERIFY(pc.hold(old));
        const auto result = renewOn(pc);
        QCOMPARE(int(result.outcome), int(Outcome::Renewed));
        QCOMPARE(result.exitCode(), 0);
        QVERIFY2(result.line.startsWith(QStringLiteral("renewed: the certificate of renew001")), qPrintable(result.line));
        QVERIFY(!result.line.contains(QLatin1Char('\n')));
        QVERIFY(result.notice.isEmpty());

        const auto stored = pc.store.find({});
        QCOMPARE(stored.size(), std::size_t{1}); // the superseded one is gone
        QVERIFY(stored.front().serial != old.serial);
        QVERIFY(pc.store.identity(stored.front().thumbprint).has_value()); // with its key
        QVERIFY(result.line.contains(stored.front().serial));
        QCOMPARE(certState(*bank_, QStringLiteral("renew001"), stored.front().serial), QStringLiteral("active"));
        QCOMPARE(certState(*bank_, QStringLiteral("renew001"), old.serial), QStringLiteral("revoked"));
        // audited like a renewal in the wizard, confirmed; marked as asked by the PC itself
        QCOMPARE(bank_->auditCount(QStringLiteral("cert.renewed.silent"), stored.front().serial), 1);
        QCOMPARE(bank_->auditCount(QStringLiteral("cert.confirmed"), stored.front().serial), 1);
        QVERIFY(pc.pending.serials().isEmpty());

        // the next logon: nothing due, the same certificate, no notice for the wizard
        const auto again = renewOn(pc);
        QCOMPARE(int(again.outcome), int(Outcome::NothingDue));
        QCOMPARE(serialsOf(pc), stored.front().serial);
        QVERIFY(pc.memo.takeNotice().isEmpty());
        // the bank's hours for renewing by itself, kept from the sign-in for the agent
        QCOMPARE(pc.memo.bankRenewalHours().earliest, 8);
        QCOMPARE(pc.memo.bankRenewalHours().latest, 20);
    }

    // Outside the window nothing is asked of the bank: the answer comes even with no bank at all.
    void outsideTheWindow_doesNothingAndExitsZero()
    {
        const auto fresh = enrolledDaysAgo(*bank_, clockFile(), 0);
        Pc offline(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort())), bank_->chain(), homeHolding(fresh));
        const auto result = renewOn(offline);
        QCOMPARE(int(result.outcome), int(Outcome::NothingDue));
        QCOMPARE(result.exitCode(), 0);
        QCOMPARE(serialsOf(offline), fresh.serial);
        // the start page tells when this PC will renew by itself
        QVERIFY(offline.memo.renewsByItself());
    }

    void policyOff_onlyNotifies_andKeepsTheCertificate()
    {
        const auto clock = home_.filePath(QStringLiteral("clock-manual"));
        setClockOffsetDays(clock, 0);
        ServerProcess manual({{QStringLiteral("renewal.silent"), QStringLiteral("false")}, {QStringLiteral("test.clockFile"), clock}});
        QVERIFY2(manual.start(), qPrintable(manual.log()));
        const auto old = enrolledDaysAgo(manual, clock, 340);
        Pc pc(manual, newHome());
        QVERIFY(pc.hold(old));
        const auto result = renewOn(pc);
        QCOMPARE(int(result.outcome), int(Outcome::NotAllowed));
        QCOMPARE(result.exitCode(), 10);
        QCOMPARE(serialsOf(pc), old.serial);
        QCOMPARE(certState(manual, pc.store.find({}).front().userId, old.serial), QStringLiteral("active"));
        // in Japanese, what to do; shown once by the next start of the wizard
        QVERIFY2(result.notice.contains(QStringLiteral("[ログイン]後、[電子証明書更新]から更新してください。")), qPrintable(result.notice));
        QSignalSpy notices(&pc.flows.session, &WizardSession::noticeChanged);
        pc.flows.session.showRenewalNotice();
        QCOMPARE(notices.size(), 1);
        QCOMPARE(notices.front().front().toString(), result.notice);
        pc.flows.session.showRenewalNotice();
        QCOMPARE(notices.size(), 1);
        // and the start page no longer promises a renewal by itself
        QVERIFY(!pc.memo.renewsByItself());
        manual.stop();
    }

    // Killed after the bank issued the new certificate and before the import: the pending copy
    // survives, and the next run finishes the import and the confirmation exactly as the wizard does.
    void interruptedBetweenIssuanceAndImport_theNextRunCompletesIt()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 340);
        const auto home = newHome();
        QString issued;
        {
            Pc pc(*bank_, home);
            QVERIFY(pc.hold(old));
            pc.flows.account.signIn();
            QTRY_COMPARE_WITH_TIMEOUT(pc.flows.session.page(), Page::Account, 15000);
            pc.flows.account.renew();
            QTRY_COMPARE_WITH_TIMEOUT(pc.flows.session.page(), Page::IssueResult, 30000);
            issued = pc.flows.issuance.issued().serial;
            QCOMPARE(pc.pending.serials(), QStringList{issued});
            // renewed in the wizard (by hand): not marked silent
            QCOMPARE(bank_->auditCount(QStringLiteral("cert.renewed.interactive"), issued), 1);
        } // the process ends here, before the import
        Pc next(*bank_, home);
        QCOMPARE(serialsOf(next), old.serial);
        QCOMPARE(certState(*bank_, next.store.find({}).front().userId, old.serial), QStringLiteral("active"));
        const auto result = renewOn(next);
        QCOMPARE(int(result.outcome), int(Outcome::Resumed));
        QCOMPARE(result.exitCode(), 0);
        QCOMPARE(serialsOf(next), issued);
        QVERIFY(next.pending.serials().isEmpty());
        QCOMPARE(certState(*bank_, next.store.find({}).front().userId, issued), QStringLiteral("active"));
        QCOMPARE(certState(*bank_, next.store.find({}).front().userId, old.serial), QStringLiteral("revoked"));
    }

    void serverDown_keepsTheCertificate_andFailsWithOneLine()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 340);
        Pc offline(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort())), bank_->chain(), homeHolding(old));
        const auto result = renewOn(offline);
        QCOMPARE(int(result.outcome), int(Outcome::Failed));
        QVERIFY(result.exitCode() != 0);
        QVERIFY2(result.line.startsWith(QStringLiteral("failed: ")), qPrintable(result.line));
        QVERIFY(!result.line.contains(QLatin1Char('\n')));
        QCOMPARE(serialsOf(offline), old.serial);
        QVERIFY(offline.pending.serials().isEmpty());
    }

    // Through the employer's proxy (a real squid): renewed, every request through it.
    void throughAProxy_renews()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 340);
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Open, QUrl(bank_->url({})).port()));
        qputenv("https_proxy", ("http://" + proxy.address()).toUtf8());
        Pc pc(*bank_, homeHolding(old));
        qunsetenv("https_proxy");
        const auto result = renewOn(pc);
        QCOMPARE(int(result.outcome), int(Outcome::Renewed));
        QVERIFY2(proxy.accessLog().contains(QStringLiteral("TCP_TUNNEL/200")), qPrintable(proxy.accessLog()));
    }

    // A proxy that asks for a password: --renew asks nobody, keeps the certificate, and leaves the
    // wizard's next start a notice that names the proxy.
    void proxyAsksForAPassword_nobodyIsAsked_aNoticeIsLeft()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 340);
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Basic, QUrl(bank_->url({})).port()));
        qputenv("https_proxy", ("http://" + proxy.address()).toUtf8());
        Pc pc(*bank_, homeHolding(old));
        qunsetenv("https_proxy");
        pc.vault.remove(QStringLiteral("proxy/") + proxy.address());
        const auto result = renewOn(pc);
        QCOMPARE(int(result.outcome), int(Outcome::Failed));
        QVERIFY2(result.line.contains(proxy.address()), qPrintable(result.line));
        QCOMPARE(serialsOf(pc), old.serial);
        const auto notice = pc.memo.takeNotice();
        QVERIFY2(notice.contains(proxy.address()) && notice.contains(QStringLiteral("プロキシサーバー")) &&
                     notice.contains(QStringLiteral("自動で更新できませんでした")),
                 qPrintable(notice));
    }

    void expired_notifiesAndKeepsTheCertificate()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 400); // expired 34 days ago
        Pc pc(*bank_, newHome());
        QVERIFY(pc.hold(old));
        const auto result = renewOn(pc);
        QCOMPARE(int(result.outcome), int(Outcome::Expired));
        QCOMPARE(result.exitCode(), 20);
        QVERIFY2(result.notice.contains(QStringLiteral("[電子証明書発行]から電子証明書を発行してください。")), qPrintable(result.notice));
        QCOMPARE(serialsOf(pc), old.serial);
    }

    // A Windows account that never had the bank's certificate hears nothing at each logon; one
    // whose certificate vanished is told to issue it again.
    void missing_notifiesOnlyWhoHadOne()
    {
        Pc stranger(*bank_, newHome());
        auto result = renewOn(stranger);
        QCOMPARE(int(result.outcome), int(Outcome::Missing));
        QCOMPARE(result.exitCode(), 20);
        QVERIFY(result.notice.isEmpty());

        stranger.memo.setHolder(QStringLiteral("renew099"));
        result = renewOn(stranger);
        QVERIFY2(result.notice.startsWith(QStringLiteral("renew099 の電子証明書がこのパソコンにありません。")), qPrintable(result.notice));
    }

    // The real program with no window: rokin-enroll --renew in this user's data folder, against
    // the bank; one line out, exit 0, the new certificate in the store with its key.
    void theProgram_renewsWithoutAWindow()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 340);
        const auto xdg = home_.filePath(QStringLiteral("xdg"));
        KeychainVault vault; // the program's own keychain service
        PortableCertificateStore platform(xdg + QStringLiteral("/Rokin/Enroll/certificates"), vault);
        // imported as the wizard does it: recorded in the program's ledger of what it imported
        BankCertificates store(platform, readIssuerBundle(bank_->clientCa()), xdg + QStringLiteral("/Rokin/Enroll/certificates.ini"));
        QVERIFY(holdIn(store, old));
        auto run = [&xdg, this](const QString& server) {
            QProcess program;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("XDG_DATA_HOME"), xdg);
            env.remove(QStringLiteral("DISPLAY"));
            env.remove(QStringLiteral("WAYLAND_DISPLAY"));
            env.remove(QStringLiteral("QT_QPA_PLATFORM")); // no window, so no display needed
            program.setProcessEnvironment(env);
            program.start(QStringLiteral(ROKIN_ENROLL_BIN),
                          {QStringLiteral("--renew"), QStringLiteral("--server"), server, QStringLiteral("--ca"), bank_->chain(),
                           QStringLiteral("--issuers"), bank_->clientCa()});
            program.waitForFinished(120000);
            return std::make_pair(program.exitCode(), QString::fromUtf8(program.readAllStandardOutput()));
        };
        const auto down = run(QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort()));
        QVERIFY(down.first != 0);
        QCOMPARE(down.second.count(QLatin1Char('\n')), 1);
        QVERIFY2(down.second.startsWith(QStringLiteral("failed: ")), qPrintable(down.second));
        QCOMPARE(store.find({}).front().serial, old.serial);

        const auto renewed = run(bank_->url({}));
        QCOMPARE(renewed.first, 0);
        QCOMPARE(renewed.second.count(QLatin1Char('\n')), 1);
        QVERIFY2(renewed.second.startsWith(QStringLiteral("renewed: ")), qPrintable(renewed.second));
        const auto stored = store.find({});
        QCOMPARE(stored.size(), std::size_t{1});
        QVERIFY(stored.front().serial != old.serial);
        QVERIFY(store.identity(stored.front().thumbprint).has_value());
        QCOMPARE(certState(*bank_, stored.front().userId, stored.front().serial), QStringLiteral("active"));

        const auto nothing = run(bank_->url({}));
        QCOMPARE(nothing.first, 0);
        QVERIFY2(nothing.second.startsWith(QStringLiteral("ok: ")), qPrintable(nothing.second));
    }

    // The real program as the agent (--renew --stay, its interval in seconds): it renews, stays,
    // checks again after the interval, and a second one in the same session ends at once.
    void theProgram_staysAsTheAgent_onePerSession()
    {
        const auto old = enrolledDaysAgo(*bank_, clockFile(), 340);
        const auto xdg = home_.filePath(QStringLiteral("xdg-agent"));
        KeychainVault vault;
        PortableCertificateStore platform(xdg + QStringLiteral("/Rokin/Enroll/certificates"), vault);
        BankCertificates store(platform, readIssuerBundle(bank_->clientCa()), xdg + QStringLiteral("/Rokin/Enroll/certificates.ini"));
        QVERIFY(holdIn(store, old));
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), xdg);
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const QStringList arguments{QStringLiteral("--renew"), QStringLiteral("--stay"), QStringLiteral("--interval-seconds"),
                                    QStringLiteral("3"), QStringLiteral("--server"), bank_->url({}), QStringLiteral("--ca"),
                                    bank_->chain(), QStringLiteral("--issuers"), bank_->clientCa()};
        QProcess agent;
        agent.setProcessEnvironment(env);
        agent.start(QStringLiteral(ROKIN_ENROLL_BIN), arguments);
        QVERIFY(agent.waitForStarted(10000));
        QString out;
        // the first check renews; three seconds later the next one finds nothing due, and it stays
        QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(agent.readAllStandardOutput())).count(QStringLiteral("ok: ")) >= 1, 60000);
        QVERIFY2(out.startsWith(QStringLiteral("renewed: ")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("next check: ")), qPrintable(out));
        QCOMPARE(agent.state(), QProcess::Running);
        QVERIFY(store.find({}).front().serial != old.serial);

        QProcess second;
        second.setProcessEnvironment(env);
        second.start(QStringLiteral(ROKIN_ENROLL_BIN), arguments);
        QVERIFY(second.waitForFinished(20000));
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(second.readAllStandardOutput().startsWith("ok: the renewal agent already runs in this session"), "a second agent");
        agent.terminate();
        QVERIFY(agent.waitForFinished(10000));
    }
};

QTEST_MAIN(TestSilentRenewal)
#include "TestSilentRenewal.moc"
