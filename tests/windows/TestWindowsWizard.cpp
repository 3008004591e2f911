// The Windows build of the wizard under Wine, against the real Linux enroll-server on loopback:
// TestWizardWindows.exe (the real widgets, the CryptoAPI store, the credential store, WinHTTP) is
// run one function at a time in one Wine prefix, and this side checks what only the outside can:
// the server's records (enroll-admin), the current user's MY store seen by a separate
// enroll-certstore.exe, the key not exportable, and the real RokinEnroll.exe, started from a copy
// of the deployment folder, finishing an import that a killed program left, and as the logon
// task (--renew, no window) renewing, refusing to when the bank says so, keeping the certificate
// with the bank down, and finishing a renewal a killed program left.
#include "ServerHarness.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
const QString kWindowsBuild = QStringLiteral(ENROLL_WINDOWS_BUILD);

// A Linux path as a program under Wine sees it (the Z: drive is the root).
QString winPath(const QString& path)
{
    return QStringLiteral("Z:") + path;
}

QString field(const QByteArray& out, const QString& name)
{
    const QRegularExpression re(name + QStringLiteral(" (\\S+)"));
    return re.match(QString::fromLatin1(out)).captured(1);
}

} // namespace

class TestWindowsWizard : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    QString prefix_;
    QString serial_;
    QString thumbprint_;

    void setClockOffsetDays(qint64 days)
    {
        writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(days * 24 * 3600));
    }

    [[nodiscard]] QProcessEnvironment wineEnvironment(const QMap<QString, QString>& extra) const
    {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WINEPREFIX"), prefix_);
        env.insert(QStringLiteral("WINEDEBUG"), qEnvironmentVariable("ENROLL_WINEDEBUG", QStringLiteral("-all")));
        env.insert(QStringLiteral("WINEDLLOVERRIDES"), QStringLiteral("mscoree,mshtml="));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("windows")); // the real Windows platform
        env.insert(QStringLiteral("ENROLL_TEST_SERVER"), server_->url({}));
        env.insert(QStringLiteral("ENROLL_TEST_CA"), winPath(server_->chain()));
        env.insert(QStringLiteral("ENROLL_TEST_ISSUERS"), winPath(server_->clientCa()));
        env.insert(QStringLiteral("ENROLL_TEST_OUTBOX"), winPath(server_->dataDir() + QStringLiteral("/outbox")));
        env.remove(QStringLiteral("ENROLL_SCREENSHOT_BASELINE")); // only the steps of pictures() compare theirs
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            env.insert(it.key(), it.value());
        }
        return env;
    }

    // `extra` for a step whose pages are the Windows set's pictures: each compared with its
    // baseline in ENROLL_SCREENSHOT_BASELINE + `folder` (saveShot, inside TestWizardWindows.exe),
    // or renewing it (ENROLL_SCREENSHOT_ACCEPT=1). One step a picture: the other walks through the
    // same pages show other users and contracts.
    static QMap<QString, QString> pictures(QMap<QString, QString> extra, const QString& folder = {})
    {
        const auto baselines = qEnvironmentVariable("ENROLL_SCREENSHOT_BASELINE");
        if (!baselines.isEmpty()) {
            extra.insert(QStringLiteral("ENROLL_SCREENSHOT_BASELINE"), winPath(QDir(baselines).absolutePath() + folder));
            const auto diffs = qEnvironmentVariable("ENROLL_SCREENSHOT_DIFFS", QDir::temp().filePath(QStringLiteral("enroll-screenshot-diffs")));
            extra.insert(QStringLiteral("ENROLL_SCREENSHOT_DIFFS"), winPath(QDir(diffs).absolutePath() + folder));
        }
        return extra;
    }

    // TestWizardWindows.exe running `steps` (its functions, space-separated, run in that order by
    // one program) in this test's prefix as it was when started.
    struct RunningStep
    {
        std::unique_ptr<QProcess> process;
        QString steps;
        QString log;
    };
    // Started; with `ownDisplay` on a virtual display of its own (with-display.sh), for two PCs'
    // steps at once: neither window takes the other's focus.
    RunningStep startStep(const QString& steps, const QMap<QString, QString>& extra, bool ownDisplay = false)
    {
        // Qt Test under Wine logs to the debugger: to a file instead, shown here
        RunningStep step{std::make_unique<QProcess>(), steps,
                         dir_.filePath(QFileInfo(prefix_).fileName() + QLatin1Char('-') + QString(steps).replace(QLatin1Char(' '), QLatin1Char('+')) +
                                       QStringLiteral(".log"))};
        auto env = wineEnvironment(extra);
        QStringList arguments{kWindowsBuild + QStringLiteral("/tests/TestWizardWindows.exe"), QStringLiteral("-o"),
                              winPath(step.log) + QStringLiteral(",txt")};
        arguments += steps.split(QLatin1Char(' '));
        QString program = QStringLiteral(ENROLL_RUN_IN_WINE);
        if (ownDisplay) {
            env.insert(QStringLiteral("ENROLL_FORCE_XVFB"), QStringLiteral("1"));
            arguments.prepend(program);
            program = QFileInfo(program).path() + QStringLiteral("/with-display.sh");
        }
        step.process->setProcessEnvironment(env);
        step.process->start(program, arguments);
        return step;
    }

    ProcessResult finishStep(RunningStep& step)
    {
        auto& p = *step.process;
        p.waitForFinished(300000);
        ProcessResult result{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
        QFile file(step.log);
        file.open(QIODevice::ReadOnly);
        const auto text = file.readAll().replace("\r", "");
        qInfo("TestWizardWindows.exe %s (exit %d):\n%s", qPrintable(step.steps), result.exitCode, text.constData());
        if (!text.contains("Totals: ") || !text.contains(" 0 failed, 0 skipped")) {
            result.exitCode = result.exitCode == 0 ? -1 : result.exitCode; // a skipped or unfinished step is no pass
        }
        if (result.exitCode != 0) {
            qInfo("its standard error, last lines:\n%s", result.err.right(3000).constData());
            qInfo("the server's log, last lines:\n%s", qPrintable(server_->log().right(3000)));
        }
        return result;
    }

    // One function of TestWizardWindows.exe (or several: `steps`) in this test's prefix.
    ProcessResult windowsStep(const QString& steps, const QMap<QString, QString>& extra = {})
    {
        auto step = startStep(steps, extra);
        return finishStep(step);
    }

    ProcessResult certstore(const QStringList& args)
    {
        QProcess p;
        p.setProcessEnvironment(wineEnvironment({}));
        p.start(QStringLiteral(ENROLL_RUN_IN_WINE), QStringList{kWindowsBuild + QStringLiteral("/bin/enroll-certstore.exe")} + args);
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    [[nodiscard]] QByteArray certificates(const QString& user) const
    {
        return server_->admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), user}).out;
    }

    // A shell command of Wine's (wineboot, wineserver) in this test's prefix; its exit code.
    int inPrefix(const QString& command)
    {
        QProcess p;
        p.setProcessEnvironment(wineEnvironment({}));
        p.start(QStringLiteral("bash"), {QStringLiteral("-c"), command});
        p.waitForFinished(180000);
        return p.exitCode();
    }

    void newPrefix(const QString& name)
    {
        prefix_ = dir_.filePath(name);
        // a bank's test PC (a copy of a booted prefix): the MSI's issuer bundle, and the
        // administrator's policy that lets the release program take --server and --ca
        QCOMPARE(inPrefix(QStringLiteral("'%2' \"$WINEPREFIX\" && wine reg add 'HKLM\\Software\\Rokin\\Enroll' /v AllowOverrides "
                                         "/t REG_SZ /d 1 /f >/dev/null && wine reg add 'HKLM\\Software\\Rokin\\Enroll' /v "
                                         "IssuerBundle /t REG_SZ /d '%1' /f >/dev/null && wineserver -w")
                              .arg(winPath(server_->clientCa()), QFileInfo(QStringLiteral(ENROLL_RUN_IN_WINE)).path() +
                                                                     QStringLiteral("/booted-prefix.sh"))),
                 0);
    }

    // TestWizardWindows.exe `function` as a child that says "ISSUED <serial>" and then waits: killed
    // with SIGKILL (wine execs the program itself: this pid is the program's death) once it has
    // said so; the serial.
    QString killAfterIssued(const QString& function, const QMap<QString, QString>& extra)
    {
        QProcess child;
        child.setProcessEnvironment(wineEnvironment(extra));
        child.start(QStringLiteral("wine"), {kWindowsBuild + QStringLiteral("/tests/TestWizardWindows.exe"), function});
        if (!child.waitForStarted()) {
            return {};
        }
        QByteArray seen;
        const bool issued = waitUntil([&] {
            child.waitForReadyRead(200);
            seen += child.readAllStandardOutput();
            return seen.contains("ISSUED ") && seen.indexOf('\n', seen.indexOf("ISSUED ")) > 0;
        }, 120000);
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        child.waitForFinished(20000);
        inPrefix(QStringLiteral("wineserver -w"));
        if (!issued || child.exitStatus() != QProcess::CrashExit) {
            qInfo("%s did not end as expected:\n%s", qPrintable(function), seen.constData());
            return {};
        }
        return field(seen, QStringLiteral("ISSUED"));
    }

    // The deployment folder copied as the MSI lays it out; the path of its RokinEnroll.exe.
    QString installedProgram()
    {
        const auto folder = dir_.filePath(QStringLiteral("Program Files/Rokin Enroll"));
        if (!QFile::exists(folder + QStringLiteral("/RokinEnroll.exe"))) {
            QDir().mkpath(dir_.filePath(QStringLiteral("Program Files")));
            QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-a"), kWindowsBuild + QStringLiteral("/deploy"), folder});
        }
        return folder + QStringLiteral("/RokinEnroll.exe");
    }

    // Starts the real RokinEnroll.exe (installed copy, on Windows' own platform) with `arguments`
    // and the test server's CA.
    void startInstalled(QProcess& program, const QStringList& arguments)
    {
        auto env = wineEnvironment({});
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        program.setProcessEnvironment(env);
        program.start(QStringLiteral("wine"), QStringList{installedProgram()} + arguments +
                                                  QStringList{QStringLiteral("--ca"), winPath(server_->chain())});
    }

    // The real RokinEnroll.exe (installed copy) with `arguments` and the test server's settings.
    ProcessResult installedRun(const QStringList& arguments)
    {
        QProcess program;
        startInstalled(program, arguments);
        program.waitForFinished(240000);
        ProcessResult result{program.state() == QProcess::NotRunning ? program.exitCode() : -1,
                             program.readAllStandardOutput().replace("\r", ""), program.readAllStandardError()};
        if (program.state() != QProcess::NotRunning) {
            program.kill();
            program.waitForFinished();
        }
        qInfo("RokinEnroll.exe %s (exit %d):\n%s", qPrintable(arguments.join(QLatin1Char(' '))), result.exitCode, result.out.constData());
        return result;
    }

    // A program's output on this test's display (xdotool, import); "" when it failed.
    static QString onDisplay(const QString& program, const QStringList& arguments)
    {
        QProcess p;
        p.start(program, arguments);
        p.waitForFinished(60000);
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()).trimmed()
                                                                            : QString();
    }

    // The real RokinEnroll.exe's window on the (virtual) display, used as a clerk uses it, with the
    // keyboard: its window focused, `keys` typed (xdotool, real key events through the X server
    // and Wine), until the window's title (the page's heading) is `title`. When the pictures are
    // renewed (scripts/screenshots.sh --accept), a picture of the window is kept as `picture` in
    // the Windows set. It is not compared: it is taken from outside the program, which alone knows
    // where its dates and serial are. The program is closed after.
    bool installedWindowReaches(const QStringList& arguments, const QStringList& keys, const QString& title, const QString& picture)
    {
        QProcess program;
        startInstalled(program, arguments);
        QString window;
        const bool shown = waitUntil([&] {
            window = onDisplay(QStringLiteral("xdotool"), {QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--name"),
                                                           QStringLiteral("Rokin Enroll")})
                         .section(QLatin1Char('\n'), 0, 0);
            return !window.isEmpty() || program.state() == QProcess::NotRunning;
        }, 120000) && !window.isEmpty();
        QString seen;
        bool reached = false;
        if (shown) {
            QTest::qWait(3000); // the first page drawn and in focus
            onDisplay(QStringLiteral("xdotool"), {QStringLiteral("windowfocus"), QStringLiteral("--sync"), window});
            onDisplay(QStringLiteral("xdotool"), QStringList{QStringLiteral("key"), QStringLiteral("--delay"), QStringLiteral("300")} + keys);
            reached = waitUntil([&] {
                seen = onDisplay(QStringLiteral("xdotool"), {QStringLiteral("getwindowname"), window});
                return seen.startsWith(title + QStringLiteral(" - ")) || program.state() == QProcess::NotRunning;
            }, 120000) && seen.startsWith(title + QStringLiteral(" - "));
            const auto shots = qEnvironmentVariable("ENROLL_SCREENSHOT_BASELINE");
            if (!shots.isEmpty() && qEnvironmentVariable("ENROLL_SCREENSHOT_ACCEPT") == QStringLiteral("1")) {
                QTest::qWait(1000);
                onDisplay(QStringLiteral("import"), {QStringLiteral("-window"), window, QDir(shots).absoluteFilePath(picture)});
            }
        }
        qInfo("RokinEnroll.exe %s: window %s, keys %s, title now \"%s\"", qPrintable(arguments.join(QLatin1Char(' '))),
              shown ? "shown" : "never shown", qPrintable(keys.join(QLatin1Char(' '))), qPrintable(seen));
        program.kill();
        program.waitForFinished(20000);
        inPrefix(QStringLiteral("wineserver -k; wineserver -w"));
        return reached;
    }

    // The logon task: the real RokinEnroll.exe --renew against `server`; exit code and output.
    ProcessResult renewAtLogon(const QString& server)
    {
        QProcess program;
        startInstalled(program, {QStringLiteral("--renew"), QStringLiteral("--server"), server});
        program.waitForFinished(240000);
        ProcessResult result{program.exitCode(), program.readAllStandardOutput().replace("\r", ""), program.readAllStandardError()};
        qInfo("RokinEnroll.exe --renew (exit %d): %s", result.exitCode, result.out.constData());
        return result;
    }

    // The prefix user's Internet Options, as Windows' inetcpl keeps them: the binary
    // DefaultConnectionSettings (version 0x46, a counter, the flags, then the proxy, its bypass list
    // and the PAC URL, each as a length and its bytes). Flags: 2 a fixed proxy, 4 a PAC URL, 8 WPAD.
    int setInternetOptions(quint32 flags, const QByteArray& proxy, const QByteArray& bypass = {}, const QByteArray& pacUrl = {})
    {
        QByteArray blob;
        auto dword = [&blob](quint32 value) {
            for (int i = 0; i < 4; ++i) {
                blob.append(char((value >> (8 * i)) & 0xff));
            }
        };
        dword(0x46);
        dword(1);
        dword(flags | 1); // 1: direct where nothing else applies
        for (const auto* text : {&proxy, &bypass, &pacUrl}) {
            dword(quint32(text->size()));
            blob.append(*text);
        }
        blob.append(QByteArray(28, '\0')); // the rest as inetcpl leaves it (unused here)
        return inPrefix(QStringLiteral("wine reg add 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections' "
                                       "/v DefaultConnectionSettings /t REG_BINARY /d %1 /f >/dev/null && wineserver -w")
                            .arg(QString::fromLatin1(blob.toHex())));
    }

    // Until `condition` holds or `ms` pass.
    template <typename Condition>
    static bool waitUntil(Condition condition, int ms)
    {
        QElapsedTimer timer;
        timer.start();
        while (!condition()) {
            if (timer.elapsed() > ms) {
                return false;
            }
            QTest::qWait(500);
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kWindowsBuild + QStringLiteral("/tests/TestWizardWindows.exe")), qPrintable(kWindowsBuild));
        setClockOffsetDays(0);
        server_ = std::make_unique<ServerProcess>(
            QMap<QString, QString>{{QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock"))},
                                   {QStringLiteral("lockout.durationSeconds"), QStringLiteral("2")}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        QVERIFY(server_->addContract(QStringLiteral("92000001"), QStringLiteral("Ab1!cd2#")));
        newPrefix(QStringLiteral("pc1"));
    }
    void cleanupTestCase()
    {
        if (!server_) {
            return; // initTestCase stopped before there was a server or a prefix
        }
        inPrefix(QStringLiteral("wineserver -k"));
        server_->stop();
    }

    void masterFlow_landsInMyWithANonExportableKey()
    {
        const auto run = windowsStep(QStringLiteral("masterFlow"),
                                     pictures({{QStringLiteral("ENROLL_TEST_CONTRACT"), QStringLiteral("92000001")},
                                               {QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winmaster1")},
                                               {QStringLiteral("ENROLL_TEST_PASSWORD"), kPassword},
                                               {QStringLiteral("ENROLL_TEST_EMAIL"), QStringLiteral("winmaster@example.co.jp")}}));
        QCOMPARE(run.exitCode, 0);
        serial_ = field(run.out, QStringLiteral("SERIAL"));
        thumbprint_ = field(run.out, QStringLiteral("THUMBPRINT"));
        // the PC's clock in this test's zone (TZ=HST10 from CMake: Hawaii, UTC-10), as Wine took it
        // from the host: the walk's Japan times were checked on a PC far from Japan
        if (qEnvironmentVariable("TZ") == QStringLiteral("HST10")) {
            QCOMPARE(field(run.out, QStringLiteral("UTCOFFSET")), QStringLiteral("-36000"));
        }
        QVERIFY2(!serial_.isEmpty() && thumbprint_.size() == 40, run.out.constData());
        QVERIFY2(certificates(QStringLiteral("winmaster1")).contains((serial_ + QStringLiteral("\twinmaster1\tactive")).toUtf8()),
                 certificates(QStringLiteral("winmaster1")).constData());

        // a separate program finds it in the current user's MY store, with its key, not exportable
        const auto list = certstore({QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains(thumbprint_.toLatin1()) && list.out.contains("winmaster1"), list.out.constData());
        QCOMPARE(list.out.count('\n'), 1);
        const auto check = certstore({QStringLiteral("check"), QStringLiteral("--thumbprint"), thumbprint_});
        QCOMPARE(check.exitCode, 0);
        QVERIFY2(check.out.contains("key usable; not exportable"), check.out.constData());
    }

    void signedIn_throughWinHttp_accountAndUsers()
    {
        const auto run = windowsStep(QStringLiteral("signedIn"), pictures({{QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winmaster1")},
                                                                            {QStringLiteral("ENROLL_TEST_GENERAL_USER"), QStringLiteral("wingen01")}}));
        QCOMPARE(run.exitCode, 0);
        const auto users = server_->admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--contract"), QStringLiteral("92000001")});
        QVERIFY2(users.out.contains("wingen01"), users.out.constData());
    }

    void generalUser_changesTheInitialPassword()
    {
        QCOMPARE(windowsStep(QStringLiteral("generalUserChangesThePassword"),
                             pictures({{QStringLiteral("ENROLL_TEST_GENERAL_USER"), QStringLiteral("wingen01")}}))
                     .exitCode,
                 0);
    }

    void renewal_removesTheSupersededCertificateFromMy()
    {
        setClockOffsetDays(340);
        const auto run = windowsStep(QStringLiteral("renewal"), {{QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winmaster1")}});
        setClockOffsetDays(0);
        QCOMPARE(run.exitCode, 0);
        const auto serial = field(run.out, QStringLiteral("SERIAL"));
        const auto thumbprint = field(run.out, QStringLiteral("THUMBPRINT"));
        QVERIFY(!serial.isEmpty() && serial != serial_);
        const auto records = certificates(QStringLiteral("winmaster1"));
        QVERIFY2(records.contains((serial + QStringLiteral("\twinmaster1\tactive")).toUtf8()), records.constData());
        QVERIFY2(records.contains((serial_ + QStringLiteral("\twinmaster1\trevoked")).toUtf8()), records.constData());
        const auto list = certstore({QStringLiteral("list")});
        QVERIFY2(list.out.contains(thumbprint.toLatin1()) && !list.out.contains(thumbprint_.toLatin1()), list.out.constData());
        QCOMPARE(list.out.count('\n'), 1);
    }

    void lockBlockAndServerDown_areSaidOnThePage()
    {
        QVERIFY(server_->registeredMaster(QStringLiteral("92000003"), QStringLiteral("winlock01"), kPassword,
                                          QStringLiteral("winlock@example.co.jp")));
        QCOMPARE(windowsStep(QStringLiteral("wrongPasswordsLockThenBlock"), pictures({{QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winlock01")}}))
                     .exitCode,
                 0);
        const auto users = server_->admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--contract"), QStringLiteral("92000003")});
        QVERIFY2(users.out.contains("blocked"), users.out.constData());
        QCOMPARE(windowsStep(QStringLiteral("serverDown"),
                             pictures({{QStringLiteral("ENROLL_TEST_DEAD_SERVER"), QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort())}}))
                     .exitCode,
                 0);
    }

    // A PC with nothing on it yet (Wine keeps one key container per user: one identity a prefix).
    void killedBetweenIssuanceAndImport_realProgramCompletesIt()
    {
        const QString email = QStringLiteral("winkill@example.co.jp");
        QVERIFY(server_->registeredMaster(QStringLiteral("92000004"), QStringLiteral("winkill01"), kPassword, email));
        newPrefix(QStringLiteral("pc2"));

        const auto serial = killAfterIssued(QStringLiteral("issueThenWaitForKill"),
                                            {{QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winkill01")},
                                             {QStringLiteral("ENROLL_TEST_PASSWORD"), kPassword},
                                             {QStringLiteral("ENROLL_TEST_EMAIL"), email}});
        QVERIFY(!serial.isEmpty());

        // issued, not imported, not confirmed; the copy's password waits in the credential store
        QVERIFY2(certificates(QStringLiteral("winkill01")).contains((serial + QStringLiteral("\twinkill01\tpending")).toUtf8()),
                 certificates(QStringLiteral("winkill01")).constData());
        QCOMPARE(certstore({QStringLiteral("list")}).out.count('\n'), 0);
        QCOMPARE(windowsStep(QStringLiteral("pendingSecretInTheCredentialStore"),
                             {{QStringLiteral("ENROLL_TEST_SERIAL"), serial}, {QStringLiteral("ENROLL_TEST_PENDING"), QStringLiteral("yes")}})
                     .exitCode,
                 0);

        // the next start of the real RokinEnroll.exe, from a copy of the deployment folder
        QProcess program;
        auto env = wineEnvironment({});
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        program.setProcessEnvironment(env);
        program.start(QStringLiteral("wine"), {installedProgram(), QStringLiteral("--server"), server_->url({}),
                                               QStringLiteral("--ca"), winPath(server_->chain())});
        QVERIFY(program.waitForStarted());
        const bool confirmed = waitUntil([&] {
            return certificates(QStringLiteral("winkill01")).contains((serial + QStringLiteral("\twinkill01\tactive")).toUtf8());
        }, 90000);
        ::kill(static_cast<pid_t>(program.processId()), SIGKILL);
        program.waitForFinished(20000);
        inPrefix(QStringLiteral("wineserver -k; wineserver -w"));
        QVERIFY2(confirmed, certificates(QStringLiteral("winkill01")).constData());
        const auto list = certstore({QStringLiteral("list")});
        QVERIFY2(list.out.contains("winkill01") && list.out.contains(serial.toLatin1()), list.out.constData());
        QCOMPARE(windowsStep(QStringLiteral("pendingSecretInTheCredentialStore"),
                             {{QStringLiteral("ENROLL_TEST_SERIAL"), serial}, {QStringLiteral("ENROLL_TEST_PENDING"), QStringLiteral("no")}})
                     .exitCode,
                 0);
    }

    // Another issuer's clientAuth certificate in MY (a VPN's, another bank's) for the same name and
    // with a later expiry, its key beside it: through issuance, ログイン, a renewal in the wizard
    // (which removes what it supersedes) and the logon task's renewal, it is never presented (the
    // bank would refuse it), never shown, never removed: at the end it is there with its key.
    void foreignCertificateInMy_neverUsedShownOrRemoved()
    {
        newPrefix(QStringLiteral("pc5"));
        const auto user = QStringLiteral("winfor01");
        // the other issuer's certificate, made with openssl, imported as any program would
        const auto other = makeForeignClientCertificate(dir_.filePath(QStringLiteral("other")), user, 1500);
        QVERIFY(!other.pkcs12File.isEmpty());
        QProcess import;
        import.setProcessEnvironment(wineEnvironment({}));
        import.start(QStringLiteral(ENROLL_RUN_IN_WINE), {kWindowsBuild + QStringLiteral("/bin/enroll-certstore.exe"), QStringLiteral("import"),
                                                          QStringLiteral("--p12"), winPath(other.pkcs12File),
                                                          QStringLiteral("--password-stdin")});
        import.waitForStarted();
        import.write("other1\n");
        import.closeWriteChannel();
        import.waitForFinished(120000);
        const auto foreign = QString::fromLatin1(import.readAllStandardOutput()).trimmed();
        QVERIFY2(import.exitCode() == 0 && foreign.size() == 40, import.readAllStandardError().constData());
        auto foreignKept = [this, &foreign] {
            const auto check = certstore({QStringLiteral("check"), QStringLiteral("--thumbprint"), foreign});
            return check.exitCode == 0 && check.out.contains("key usable");
        };

        // issuance: shown alone on the start page, the bank's certificate beside the other one
        QVERIFY(server_->addContract(QStringLiteral("92000007"), QStringLiteral("Ab1!cd2#")));
        setClockOffsetDays(-340);
        const auto enrolled = windowsStep(QStringLiteral("masterFlow"),
                                          {{QStringLiteral("ENROLL_TEST_CONTRACT"), QStringLiteral("92000007")},
                                           {QStringLiteral("ENROLL_TEST_USER"), user},
                                           {QStringLiteral("ENROLL_TEST_PASSWORD"), kPassword},
                                           {QStringLiteral("ENROLL_TEST_EMAIL"), QStringLiteral("winforeign@example.co.jp")}});
        setClockOffsetDays(0);
        QCOMPARE(enrolled.exitCode, 0);
        QVERIFY(foreignKept());
        // ログイン: the bank's certificate presented (the other one, newer, would be refused)
        QCOMPARE(windowsStep(QStringLiteral("signInOnly"), {{QStringLiteral("ENROLL_TEST_USER"), user}}).exitCode, 0);
        // the logon task's renewal (26 days left): renewed, the old one removed, the other left
        const auto run = renewAtLogon(server_->url({}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("renewed: "), run.out.constData());
        QVERIFY(foreignKept());
        QString firstRenewal; // the bank's one now in MY
        for (const auto& line : QString::fromLatin1(certstore({QStringLiteral("list")}).out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!line.startsWith(foreign)) {
                firstRenewal = line.section(QLatin1Char('\t'), 0, 0).trimmed();
            }
        }
        // a renewal in the wizard, inside the window by the bank's clock: the same
        setClockOffsetDays(340);
        const auto renewed = windowsStep(QStringLiteral("renewal"), {{QStringLiteral("ENROLL_TEST_USER"), user}});
        setClockOffsetDays(0);
        QCOMPARE(renewed.exitCode, 0);
        QVERIFY(foreignKept());
        const auto list = certstore({QStringLiteral("list")});
        QVERIFY2(firstRenewal.size() == 40 && !list.out.contains(firstRenewal.toLatin1()), list.out.constData());
        QCOMPARE(list.out.count('\n'), 2); // the bank's newest and the other issuer's
        inPrefix(QStringLiteral("wineserver -k; wineserver -w"));
    }

    // The proxy of the PC's Internet Options (the prefix user's settings, as Windows keeps them), a
    // real squid: the wizard's issuance (Qt), its ログイン (WinHTTP with the store's key) and the
    // real RokinEnroll.exe --renew all go through it, and so do they when a PAC file served on
    // this machine names it. With the proxy down, ログイン names the proxy.
    void proxyOfInternetOptions_everyRequestGoesThroughIt()
    {
        newPrefix(QStringLiteral("pc4"));
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Open, QUrl(server_->url({})).port()));
        QCOMPARE(setInternetOptions(2, proxy.address().toLatin1()), 0);
        auto tunnels = [&proxy] { return proxy.accessLog().count(QStringLiteral(" CONNECT localhost:")); };

        QVERIFY(server_->addContract(QStringLiteral("92000006"), QStringLiteral("Ab1!cd2#")));
        setClockOffsetDays(-340);
        const auto enrolled = windowsStep(QStringLiteral("masterFlow"),
                                          {{QStringLiteral("ENROLL_TEST_CONTRACT"), QStringLiteral("92000006")},
                                           {QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winproxy1")},
                                           {QStringLiteral("ENROLL_TEST_PASSWORD"), kPassword},
                                           {QStringLiteral("ENROLL_TEST_EMAIL"), QStringLiteral("winproxy@example.co.jp")}});
        setClockOffsetDays(0);
        QCOMPARE(enrolled.exitCode, 0);
        auto seen = tunnels();
        QVERIFY2(seen >= 1, qPrintable(proxy.accessLog()));

        QCOMPARE(windowsStep(QStringLiteral("signInOnly"), {{QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winproxy1")}}).exitCode, 0);
        QVERIFY2(tunnels() > seen, qPrintable(proxy.accessLog()));
        seen = tunnels();

        // the installed RokinEnroll.exe itself, by its window: [ログイン] (the start page's first
        // button has the focus) signs in with the certificate, through the proxy
        QVERIFY(installedWindowReaches({QStringLiteral("--server"), server_->url({})}, {QStringLiteral("space")},
                                       QStringLiteral("契約ユーザー情報"), QStringLiteral("installed-signed-in.png")));
        QVERIFY2(tunnels() > seen, qPrintable(proxy.accessLog()));
        seen = tunnels();

        // an inspecting proxy (ssl_bump): --renew and --doctor stop at the handshake, send nothing
        // past the CONNECT, and say what to ask the IT administrator
        {
            SquidProxy bump;
            QVERIFY(bump.start(SquidProxy::Mode::Bump, QUrl(server_->url({})).port()));
            QCOMPARE(setInternetOptions(2, bump.address().toLatin1()), 0);
            const auto refused = renewAtLogon(server_->url({}));
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.out.contains("HTTPS検査の対象から除外"), refused.out.constData());
            const auto doctor = installedRun({QStringLiteral("--doctor"), QStringLiteral("--server"), server_->url({})});
            QCOMPARE(doctor.exitCode, 1);
            QVERIFY2(doctor.out.contains("[NG] ") && doctor.out.contains("HTTPS検査の対象から除外"), doctor.out.constData());
            QTest::qWait(500);
            const auto log = bump.accessLog();
            QVERIFY2(log.contains(QStringLiteral("CONNECT localhost:")) && !log.contains(QStringLiteral("https://")), qPrintable(log));
            QCOMPARE(setInternetOptions(2, proxy.address().toLatin1()), 0);
        }

        const auto run = renewAtLogon(server_->url({}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("renewed: "), run.out.constData());
        QVERIFY2(tunnels() > seen, qPrintable(proxy.accessLog()));
        seen = tunnels();

        // a PAC file, served over HTTP on this machine, names the same proxy
        const auto pacDir = dir_.filePath(QStringLiteral("pac"));
        QDir().mkpath(pacDir);
        writeFile(pacDir + QStringLiteral("/proxy.pac"),
                  "function FindProxyForURL(url, host) { return \"PROXY " + proxy.address().toLatin1() + "; DIRECT\"; }\n");
        const int pacPort = freeLoopbackPort();
        QProcess pacServer;
        pacServer.start(QStringLiteral("python3"), {QStringLiteral("-m"), QStringLiteral("http.server"), QString::number(pacPort),
                                                    QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--directory"), pacDir});
        QVERIFY(pacServer.waitForStarted());
        QTest::qWait(1000);
        QCOMPARE(setInternetOptions(4, {}, {}, QStringLiteral("http://127.0.0.1:%1/proxy.pac").arg(pacPort).toLatin1()), 0);
        QCOMPARE(windowsStep(QStringLiteral("signInOnly"), {{QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winproxy1")}}).exitCode, 0);
        pacServer.terminate();
        pacServer.waitForFinished();
        QVERIFY2(tunnels() > seen, qPrintable(proxy.accessLog()));

        // the proxy down: named on the page
        proxy.stop();
        QCOMPARE(setInternetOptions(2, proxy.address().toLatin1()), 0);
        QCOMPARE(windowsStep(QStringLiteral("signInFailsNamingTheProxy"), pictures({{QStringLiteral("ENROLL_TEST_PROXY"), proxy.address()}})).exitCode,
                 0);
        inPrefix(QStringLiteral("wineserver -k; wineserver -w"));
    }

    // Every page of the Windows set but the proxy's, in English on one PC and in Japanese at 150 %
    // (the prefix's display at 144 dpi, as Windows' "150 %" sets it: a clerk's enlarged display) on
    // another: the master flow, the signed-in pages (契約ユーザー情報, the users page registering a
    // general user), the general user's パスワード変更, the server down; then on two fresh PCs the
    // import failure and the lock and 閉塞 of another user. Every page's checks (checkPage) under
    // the Windows platform and style, as the Japanese walks at 100 % have them, and the pictures
    // of windows/en and windows/150. The two PCs walk at once, each on a display of its own.
    void inEnglishAndEnlarged_everyPageChecked()
    {
        struct Walk
        {
            QString lang, scale, shots, prefix, user, general, importPrefix, importUser, lockUser;
            QString contract; // the first of four: the master's, the import's, the lock's
        };
        const QList<Walk> walks{{QStringLiteral("en"), {}, {}, QStringLiteral("pc6"), QStringLiteral("winen1"), QStringLiteral("winengen1"),
                                 QStringLiteral("pc9"), QStringLiteral("winenimp1"), QStringLiteral("winenlock1"), QStringLiteral("92000020")},
                                {QStringLiteral("ja"), QStringLiteral("1.5"), QStringLiteral("/150"), QStringLiteral("pc7"),
                                 QStringLiteral("win150a"), QStringLiteral("win150gen1"), QStringLiteral("pc10"), QStringLiteral("win150imp1"),
                                 QStringLiteral("win150lk1"), QStringLiteral("92000024")}};
        auto contract = [](const Walk& walk, int n) { return QString::number(walk.contract.toLongLong() + n); };
        auto extraOf = [&contract](const Walk& walk, const QString& user) {
            return pictures({{QStringLiteral("ENROLL_TEST_CONTRACT"), contract(walk, 0)},
                             {QStringLiteral("ENROLL_TEST_USER"), user},
                             {QStringLiteral("ENROLL_TEST_PASSWORD"), kPassword},
                             {QStringLiteral("ENROLL_TEST_EMAIL"), user + QStringLiteral("@example.co.jp")},
                             {QStringLiteral("ENROLL_TEST_GENERAL_USER"), walk.general},
                             {QStringLiteral("ENROLL_TEST_LOCK_USER"), walk.lockUser},
                             {QStringLiteral("ENROLL_TEST_DEAD_SERVER"), QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort())},
                             {QStringLiteral("ENROLL_TEST_LANG"), walk.lang}},
                            walk.shots);
        };
        for (const auto& walk : walks) {
            for (const auto& prefix : {walk.prefix, walk.importPrefix}) {
                newPrefix(prefix);
                if (!walk.scale.isEmpty()) {
                    QCOMPARE(inPrefix(QStringLiteral("wine reg add 'HKCU\\Control Panel\\Desktop' /v LogPixels /t REG_DWORD /d 144 /f "
                                                     ">/dev/null && wineserver -w")),
                             0);
                }
            }
            QVERIFY(server_->addContract(contract(walk, 0), QStringLiteral("Ab1!cd2#")));
            QVERIFY(server_->registeredMaster(contract(walk, 1), walk.importUser, kPassword, walk.importUser + QStringLiteral("@example.co.jp")));
            QVERIFY(server_->registeredMaster(contract(walk, 2), walk.lockUser, kPassword, walk.lockUser + QStringLiteral("@example.co.jp")));
        }
        // both PCs at once (startStep takes the prefix current when it starts)
        auto both = [&](const QString& steps, bool fresh) {
            std::vector<RunningStep> running;
            for (const auto& walk : walks) {
                prefix_ = dir_.filePath(fresh ? walk.importPrefix : walk.prefix);
                running.push_back(startStep(steps, extraOf(walk, fresh ? walk.importUser : walk.user), true));
            }
            std::vector<ProcessResult> results;
            for (auto& step : running) {
                results.push_back(finishStep(step));
            }
            return results;
        };
        const auto enrolled = both(QStringLiteral("masterFlow"), false);
        for (std::size_t i = 0; i < enrolled.size(); ++i) {
            QCOMPARE(enrolled[i].exitCode, 0);
            QCOMPARE(field(enrolled[i].out, QStringLiteral("SCALE")), walks[i].scale.isEmpty() ? QStringLiteral("1") : walks[i].scale);
        }
        for (const auto& run : both(QStringLiteral("signedIn generalUserChangesThePassword serverDown"), false)) {
            QCOMPARE(run.exitCode, 0);
        }
        for (const auto& run : both(QStringLiteral("importFailure wrongPasswordsLockThenBlock"), true)) {
            QCOMPARE(run.exitCode, 0);
        }
        for (const auto& walk : walks) {
            for (const auto& prefix : {walk.prefix, walk.importPrefix}) {
                prefix_ = dir_.filePath(prefix);
                inPrefix(QStringLiteral("wineserver -k; wineserver -w"));
            }
        }
    }

    // The import failing under Wine's CryptoAPI, said with its own heading, then finished by
    // [再試行] (TestWizardWindows.exe importFailure): the certificate in MY, issued once.
    void importFailure_saidThenFinishedByTryAgain()
    {
        newPrefix(QStringLiteral("pc8"));
        QVERIFY(server_->registeredMaster(QStringLiteral("92000019"), QStringLiteral("winimp1"), kPassword,
                                          QStringLiteral("winimp1@example.co.jp")));
        QCOMPARE(windowsStep(QStringLiteral("importFailure"), pictures({{QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winimp1")},
                                                                         {QStringLiteral("ENROLL_TEST_PASSWORD"), kPassword},
                                                                         {QStringLiteral("ENROLL_TEST_EMAIL"), QStringLiteral("winimp1@example.co.jp")}}))
                     .exitCode,
                 0);
        QCOMPARE(certstore({QStringLiteral("list")}).out.count('\n'), 1);
        const auto issued = certificates(QStringLiteral("winimp1"));
        QVERIFY2(issued.count("\twinimp1\t") == 1 && issued.contains("\twinimp1\tactive"), issued.constData());
        inPrefix(QStringLiteral("wineserver -k; wineserver -w"));
    }

    // The logon task on a PC whose certificate the bank issued 340 days ago (26 days left): the
    // real RokinEnroll.exe --renew, no window, one line each time.
    void logonTask_renewsByItself_byTheBanksPolicy()
    {
        newPrefix(QStringLiteral("pc3"));
        QVERIFY(server_->addContract(QStringLiteral("92000005"), QStringLiteral("Ab1!cd2#")));
        setClockOffsetDays(-340);
        const auto enrolled = windowsStep(QStringLiteral("masterFlow"),
                                          {{QStringLiteral("ENROLL_TEST_CONTRACT"), QStringLiteral("92000005")},
                                           {QStringLiteral("ENROLL_TEST_USER"), QStringLiteral("winrenew1")},
                                           {QStringLiteral("ENROLL_TEST_PASSWORD"), kPassword},
                                           {QStringLiteral("ENROLL_TEST_EMAIL"), QStringLiteral("winrenew@example.co.jp")}});
        setClockOffsetDays(0);
        QCOMPARE(enrolled.exitCode, 0);
        const auto oldSerial = field(enrolled.out, QStringLiteral("SERIAL"));
        const auto oldThumbprint = field(enrolled.out, QStringLiteral("THUMBPRINT"));
        auto records = [this] { return certificates(QStringLiteral("winrenew1")); };

        // the bank down: the certificate stays, one line, not 0
        auto run = renewAtLogon(QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort()));
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.out.count('\n'), 1);
        QVERIFY2(run.out.startsWith("failed: "), run.out.constData());
        QVERIFY(certstore({QStringLiteral("list")}).out.contains(oldThumbprint.toLatin1()));

        // the bank's policy says by hand only: told, nothing changed
        server_->stop();
        server_->setSetting(QStringLiteral("renewal.silent"), QStringLiteral("false"));
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        run = renewAtLogon(server_->url({}));
        server_->stop();
        server_->setSetting(QStringLiteral("renewal.silent"), QStringLiteral("true"));
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        QCOMPARE(run.exitCode, 10);
        QVERIFY2(run.out.startsWith("not allowed: "), run.out.constData());
        QVERIFY(certstore({QStringLiteral("list")}).out.contains(oldThumbprint.toLatin1()));
        QVERIFY2(records().contains((oldSerial + QStringLiteral("\twinrenew1\tactive")).toUtf8()), records().constData());

        // allowed: renewed, imported with a key that cannot be exported, confirmed, the old one gone
        run = renewAtLogon(server_->url({}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("renewed: the certificate of winrenew1 (serial "), run.out.constData());
        const auto list = certstore({QStringLiteral("list")});
        QCOMPARE(list.out.count('\n'), 1);
        QVERIFY2(!list.out.contains(oldThumbprint.toLatin1()), list.out.constData());
        const auto thumbprint = QString::fromLatin1(list.out).section(QLatin1Char('\t'), 0, 0).trimmed();
        const auto check = certstore({QStringLiteral("check"), QStringLiteral("--thumbprint"), thumbprint});
        QVERIFY2(check.out.contains("key usable; not exportable"), check.out.constData());
        const auto serial = QString::fromLatin1(run.out).section(QStringLiteral("(serial "), 1).section(QLatin1Char(')'), 0, 0);
        QVERIFY2(records().contains((serial + QStringLiteral("\twinrenew1\tactive")).toUtf8()), records().constData());
        QVERIFY2(records().contains((oldSerial + QStringLiteral("\twinrenew1\trevoked")).toUtf8()), records().constData());

        // the next logon: nothing due, at once
        run = renewAtLogon(server_->url({}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("ok: "), run.out.constData());

        // killed between the bank's issuance and the import (the server's clock in the window
        // again): the next logon finishes the import and the confirmation
        setClockOffsetDays(340);
        const auto issued = killAfterIssued(QStringLiteral("renewThenWaitForKill"), {});
        QVERIFY(!issued.isEmpty());
        QVERIFY2(records().contains((issued + QStringLiteral("\twinrenew1\tpending")).toUtf8()), records().constData());
        run = renewAtLogon(server_->url({}));
        setClockOffsetDays(0);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("resumed: "), run.out.constData());
        QVERIFY2(records().contains((issued + QStringLiteral("\twinrenew1\tactive")).toUtf8()), records().constData());
        QVERIFY2(records().contains((serial + QStringLiteral("\twinrenew1\trevoked")).toUtf8()), records().constData());
        const auto after = certstore({QStringLiteral("list")});
        QCOMPARE(after.out.count('\n'), 1);
        QVERIFY2(!after.out.contains(thumbprint.toLatin1()), after.out.constData());

        // --doctor on this PC with the logon task as the MSI registers it: every line passes; the
        // task removed, its line fails and the exit code says so
        QCOMPARE(inPrefix(QStringLiteral("wine reg add 'HKLM\\Software\\Rokin\\Enroll' /v AutoRenew /t REG_SZ /d 1 /f >/dev/null && "
                                         "wine reg add 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' /v RokinEnrollRenew /t REG_SZ "
                                         "/d '\"C:\\Program Files\\Rokin\\Enroll\\RokinEnroll.exe\" --renew' /f >/dev/null && wineserver -w")),
                 0);
        auto doctor = installedRun({QStringLiteral("--doctor"), QStringLiteral("--server"), server_->url({})});
        QCOMPARE(doctor.exitCode, 0);
        QCOMPARE(doctor.out.count("[OK] "), 8);
        QVERIFY2(doctor.out.contains("エクスポート不可") && doctor.out.contains("OCSP"), doctor.out.constData());
        QCOMPARE(inPrefix(QStringLiteral("wine reg delete 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' /v RokinEnrollRenew /f "
                                         ">/dev/null && wineserver -w")),
                 0);
        doctor = installedRun({QStringLiteral("--doctor"), QStringLiteral("--server"), server_->url({}), QStringLiteral("--lang"), QStringLiteral("en")});
        QCOMPARE(doctor.exitCode, 1);
        QVERIFY2(doctor.out.contains("[NG] Automatic renewal: the logon task is missing."), doctor.out.constData());
        inPrefix(QStringLiteral("wineserver -k; wineserver -w"));
    }
};

QTEST_GUILESS_MAIN(TestWindowsWizard)
#include "TestWindowsWizard.moc"
