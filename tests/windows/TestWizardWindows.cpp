// TestWizardWindows.exe: the wizard of the Windows build, its real widgets driven by Qt Test under
// Wine, wired as RokinEnroll.exe wires them in main(): the current user's CryptoAPI store, the
// Windows credential store through QtKeychain, signed-in calls through WinHTTP. The server is the
// Linux enroll-server that TestWindowsWizard (the native test) runs on loopback; it calls one
// function at a time, in one Wine prefix, and checks the server's and the store's side itself.
// Alone (without ENROLL_TEST_SERVER) every function skips.
//
// Environment (Windows paths): ENROLL_TEST_SERVER, ENROLL_TEST_CA, ENROLL_TEST_OUTBOX, and per
// function ENROLL_TEST_CONTRACT, ENROLL_TEST_USER, ENROLL_TEST_PASSWORD, ENROLL_TEST_EMAIL,
// ENROLL_TEST_GENERAL_USER, ENROLL_TEST_LOCK_USER, ENROLL_TEST_SERIAL, ENROLL_TEST_PENDING,
// ENROLL_TEST_DEAD_SERVER;
// ENROLL_SCREENSHOT_BASELINE for the pictures (saveShot); ENROLL_TEST_LANG=en for the English wizard.
#include "Outbox.h"
#include "WizardDriver.h"

#include "app/ClientSettings.h"
#include "flow/ApiClient.h"
#include "flow/WizardFlows.h"
#include "pages/MainWindow.h"
#include "pages/Translations.h"
#include "pages/UiFont.h"
#include "store/BankCertificates.h"
#include "store/PendingImport.h"
#include "store/SecretVault.h"
#include "store/windows/WindowsCertificateStore.h"
#include "store/windows/WindowsCredentialVault.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

#include <windows.h>
#include <wincred.h>

#include <cstdio>
#include <memory>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;

namespace {

QString env(const char* name)
{
    return qEnvironmentVariable(name);
}

// The wizard's language for this run: ENROLL_TEST_LANG=en walks it in English.
Language testLanguage()
{
    return env("ENROLL_TEST_LANG") == QStringLiteral("en") ? Language::English : Language::Japanese;
}

// One PC, as RokinEnroll.exe builds it (org "Rokin", app "Enroll": the same pending folder and
// keychain service, so that the real program finishes what this one leaves).
struct WindowsPc
{
    explicit WindowsPc(const QUrl& server)
        : settings(settingsFor(server)), api(settings),
          store(platformStore, readIssuerBundle(env("ENROLL_TEST_ISSUERS")),
                QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/certificates.ini")),
          pending(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/pending"), vault),
          memo(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/renewal.ini"), true),
          flows(api, store, pending, memo, testLanguage()), window(flows)
    {
        window.show();
    }
    WindowsPc() : WindowsPc(QUrl(env("ENROLL_TEST_SERVER"))) {}
    static ClientSettings settingsFor(const QUrl& server)
    {
        ClientSettings settings;
        settings.serverUrl = server;
        settings.caBundle = env("ENROLL_TEST_CA");
        return settings;
    }

    ClientSettings settings;
    WindowsCredentialVault vault;
    ApiClient api;
    WindowsCertificateStore platformStore;
    BankCertificates store; // as RokinEnroll.exe sees MY: the bank's certificates alone
    PendingImports pending;
    RenewalMemo memo;
    WizardFlows flows;
    MainWindow window;
    Wizard wizard{window, testLanguage()};
};

QString latestCode(const QString& email)
{
    return Outbox(env("ENROLL_TEST_OUTBOX")).latestCode(email);
}

// A line for the native test on standard output.
void report(const QByteArray& line)
{
    std::fputs((line + '\n').constData(), stdout);
    std::fflush(stdout);
}

// The Windows credential store's generic entry `target` (named by its key): the size of its
// secret, or -1 when there is none; `persist` its persistence.
long credentialSize(const QString& target, DWORD* persist = nullptr)
{
    PCREDENTIALW credential = nullptr;
    if (!CredReadW(reinterpret_cast<const wchar_t*>(target.utf16()), CRED_TYPE_GENERIC, 0, &credential)) {
        return -1;
    }
    const long size = static_cast<long>(credential->CredentialBlobSize);
    if (persist != nullptr) {
        *persist = credential->Persist;
    }
    CredFree(credential);
    return size;
}

} // namespace

class TestWizardWindows : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        if (env("ENROLL_TEST_SERVER").isEmpty()) {
            QSKIP("run by TestWindowsWizard (the native build) against its enroll-server");
        }
    }
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("Rokin"));
        QCoreApplication::setApplicationName(QStringLiteral("Enroll"));
        installTranslations(testLanguage());
        applyUiFont();
        qInfo("UI font: %s", qPrintable(QApplication::font().family()));
    }

    // The master flow of the manual through the real widgets; the certificate in MY with its key.
    void masterFlow()
    {
        WindowsPc pc;
        QString serial;
        walkMasterFlow(pc.wizard,
                       {env("ENROLL_TEST_CONTRACT"), QStringLiteral("Ab1!cd2#"), env("ENROLL_TEST_USER"),
                        env("ENROLL_TEST_PASSWORD"), QStringLiteral("労金　窓太郎"), env("ENROLL_TEST_EMAIL"), latestCode},
                       &serial);
        QVERIFY(!QTest::currentTestFailed());
        const auto stored = pc.store.find({});
        QCOMPARE(stored.size(), std::size_t{1});
        QCOMPARE(stored.front().serial, serial);
        QCOMPARE(stored.front().userId, env("ENROLL_TEST_USER"));
        QVERIFY(pc.pending.serials().isEmpty());
        report("SERIAL " + serial.toLatin1() + " THUMBPRINT " + stored.front().thumbprint.toLatin1() + " SCALE " +
               QByteArray::number(pc.window.devicePixelRatioF()) + " UTCOFFSET " +
               QByteArray::number(QDateTime::currentDateTime().offsetFromUtc()));
    }

    // The import refused by the real CryptoAPI: the PKCS#12 waiting in %LOCALAPPDATA% cut in half
    // on disk. The page says so with its own heading (screenshot 10a); whole again, [再試行]
    // finishes it into MY.
    void importFailure()
    {
        WindowsPc pc;
        startAndAuthenticate(pc.wizard, "issueCertificateButton", env("ENROLL_TEST_USER"), env("ENROLL_TEST_PASSWORD"));
        codeAndIssue(pc.wizard, [] { return latestCode(env("ENROLL_TEST_EMAIL")); });
        QVERIFY(!QTest::currentTestFailed());
        const QDir pending(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/pending"));
        const auto files = pending.entryList({QStringLiteral("*.p12")}, QDir::Files);
        QCOMPARE(files.size(), qsizetype{1});
        const auto path = pending.filePath(files.front());
        QByteArray whole;
        auto rewrite = [&path](const QByteArray& bytes) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(file.write(bytes), bytes.size());
        };
        importFailsThenTryAgain(
            pc.wizard,
            [&] {
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                whole = file.readAll();
                file.close();
                rewrite(whole.left(whole.size() / 2));
            },
            [&] { rewrite(whole); });
        QVERIFY(!QTest::currentTestFailed());
        const auto stored = pc.store.find({});
        QCOMPARE(stored.size(), std::size_t{1});
        QVERIFY(pc.pending.serials().isEmpty());
    }

    // ログイン through WinHTTP with the store's certificate: the account page, then the master's
    // users page registering a general user.
    void signedIn()
    {
        WindowsPc pc;
        signInToAccount(pc.wizard, env("ENROLL_TEST_USER"), pc.wizard.says("マスターユーザー", "Master user"));
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(!pc.wizard.find<QPushButton>("renewButton")->isEnabled()); // not yet in the window
        click(pc.wizard.find<QPushButton>("usersButton"));
        QTRY_COMPARE_WITH_TIMEOUT(pc.wizard.page(), QStringLiteral("usersPage"), 15000);
        QCOMPARE(pc.wizard.find<QTableWidget>("usersTable")->rowCount(), 1);
        registerGeneralUser(pc.wizard, env("ENROLL_TEST_GENERAL_USER"), QStringLiteral("Gen1!pwx"),
                            QStringLiteral("一般　窓子"), env("ENROLL_TEST_GENERAL_USER") + QStringLiteral("@example.co.jp"));
        QVERIFY(!QTest::currentTestFailed());
        columnsFit(pc.wizard, "usersTable");
        pc.wizard.shot(QStringLiteral("17-users"));
        click(pc.wizard.find<QPushButton>("backButton"));
        QCOMPARE(pc.wizard.page(), QStringLiteral("accountPage"));
        click(pc.wizard.find<QPushButton>("logoutButton"));
        QCOMPARE(pc.wizard.page(), QStringLiteral("startPage"));
    }

    // ログイン (WinHTTP, the store's key) to the account page and out again: one signed-in round.
    void signInOnly()
    {
        WindowsPc pc;
        signInToAccount(pc.wizard, env("ENROLL_TEST_USER"), QStringLiteral("マスターユーザー"));
        QVERIFY(!QTest::currentTestFailed());
        click(pc.wizard.find<QPushButton>("logoutButton"));
        QCOMPARE(pc.wizard.page(), QStringLiteral("startPage"));
    }

    // ログイン with the PC's proxy down: the page names the proxy (ENROLL_TEST_PROXY), not the bank.
    void signInFailsNamingTheProxy()
    {
        WindowsPc pc;
        click(pc.wizard.find<QPushButton>("loginButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!pc.wizard.message().isEmpty(), 60000);
        const auto said = pc.wizard.message();
        QVERIFY2(said.contains(env("ENROLL_TEST_PROXY")) && said.contains(QStringLiteral("プロキシサーバー")) &&
                     !said.contains(QStringLiteral("労金のサーバーに接続できません")),
                 qPrintable(said));
        pc.wizard.shot(QStringLiteral("20-proxy-down"), {QStringLiteral("pageMessage")}); // the proxy's port changes
    }

    // Inside the renewal window (the server's clock moved by the native test): renewed, imported,
    // the superseded certificate removed from MY by the client.
    void renewal()
    {
        WindowsPc pc;
        const auto before = pc.store.find({});
        QCOMPARE(before.size(), std::size_t{1});
        signInToAccount(pc.wizard, env("ENROLL_TEST_USER"), QStringLiteral("マスターユーザー"));
        QVERIFY(!QTest::currentTestFailed());
        QString serial;
        renewAndImport(pc.wizard, &serial);
        QVERIFY(!QTest::currentTestFailed());
        const auto after = pc.store.find({});
        QCOMPARE(after.size(), std::size_t{1});
        QCOMPARE(after.front().serial, serial);
        QVERIFY(serial != before.front().serial);
        report("SERIAL " + serial.toLatin1() + " THUMBPRINT " + after.front().thumbprint.toLatin1());
    }

    // A general user's first use (パスワード変更) up to the code page; nothing imported.
    void generalUserChangesThePassword()
    {
        WindowsPc pc;
        startAndAuthenticate(pc.wizard, "generalRegistrationButton", env("ENROLL_TEST_GENERAL_USER"), QStringLiteral("Gen1!pwx"));
        QCOMPARE(pc.wizard.page(), QStringLiteral("passwordChangePage"));
        QTimer::singleShot(0, [] { useSoftKeyboard(QStringLiteral("Mine2#pwd")); });
        click(pc.wizard.find<QPushButton>("newPasswordKeyboardButton"));
        type(pc.wizard.find<QLineEdit>("newPasswordAgainEdit"), QStringLiteral("Mine2#pwd"));
        pc.wizard.shot(QStringLiteral("15-password-change"));
        click(pc.wizard.find<QPushButton>("changePasswordButton"));
        QTRY_COMPARE_WITH_TIMEOUT(pc.wizard.page(), QStringLiteral("codeEntryPage"), 15000);
        click(pc.wizard.find<QPushButton>("cancelButton"));
        QCOMPARE(pc.wizard.page(), QStringLiteral("startPage"));
    }

    // Six wrong passwords lock the user, the third lock blocks (閉塞); the page says so each time
    // (screenshots 12 and 13). The native test runs the server with a lock of 2 seconds. The user:
    // ENROLL_TEST_LOCK_USER, else ENROLL_TEST_USER.
    void wrongPasswordsLockThenBlock()
    {
        WindowsPc pc;
        const auto user = env("ENROLL_TEST_LOCK_USER").isEmpty() ? env("ENROLL_TEST_USER") : env("ENROLL_TEST_LOCK_USER");
        for (int lock = 1; lock <= 3; ++lock) {
            for (int i = 1; i <= 6; ++i) {
                if (pc.wizard.page() != QStringLiteral("startPage")) {
                    pc.flows.session.cancel();
                }
                startAndAuthenticate(pc.wizard, "issueCertificateButton", user, QStringLiteral("Wrong1!x"));
                QVERIFY(!pc.wizard.message().isEmpty());
            }
            if (lock < 3) {
                QVERIFY2(pc.wizard.message().contains(pc.wizard.says("60分間", "60 minutes")), qPrintable(pc.wizard.message()));
                pc.wizard.shot(QStringLiteral("12-locked"));
                QTest::qWait(3200); // the lock ends
            }
        }
        QVERIFY2(pc.wizard.message().contains(pc.wizard.says("労金へお問い合わせください", "Please contact the bank")),
                 qPrintable(pc.wizard.message()));
        pc.wizard.shot(QStringLiteral("13-blocked"));
    }

    // A server that does not answer is said plainly (screenshot 14).
    void serverDown()
    {
        WindowsPc pc(QUrl(env("ENROLL_TEST_DEAD_SERVER")));
        click(pc.wizard.find<QPushButton>("masterRegistrationButton"));
        type(pc.wizard.find<QLineEdit>("contractNumberEdit"), QStringLiteral("91000001"));
        type(pc.wizard.find<QLineEdit>("initialPasswordEdit"), QStringLiteral("Ab1!cd2#"));
        click(pc.wizard.find<QPushButton>("nextButton"));
        QTRY_COMPARE_WITH_TIMEOUT(pc.wizard.message(),
                                  pc.wizard.says("労金のサーバーに接続できません。ネットワークの接続をご確認のうえ、再度お試しください。",
                                                 "The bank's server cannot be reached. Please check the network connection and try again."),
                                  20000);
        pc.wizard.shot(QStringLiteral("14-server-down"));
    }

    // Issues through the widgets, says "ISSUED <serial>", then waits to be killed before the import.
    void issueThenWaitForKill()
    {
        WindowsPc pc;
        startAndAuthenticate(pc.wizard, "issueCertificateButton", env("ENROLL_TEST_USER"), env("ENROLL_TEST_PASSWORD"));
        QCOMPARE(pc.wizard.page(), QStringLiteral("codeEntryPage"));
        type(pc.wizard.find<QLineEdit>("codeEdit"), latestCode(env("ENROLL_TEST_EMAIL")));
        click(pc.wizard.find<QPushButton>("verifyButton"));
        QTRY_COMPARE_WITH_TIMEOUT(pc.wizard.page(), QStringLiteral("issuePage"), 15000);
        click(pc.wizard.find<QPushButton>("issueButton"));
        QTRY_COMPARE_WITH_TIMEOUT(pc.wizard.page(), QStringLiteral("issueResultPage"), 30000);
        const auto serial = pc.flows.issuance.issued().serial;
        QCOMPARE(pc.pending.serials(), QStringList{serial}); // kept on disk before the user sees the result
        report("ISSUED " + serial.toLatin1());
        QTest::qWait(180000); // killed long before this ends
        QFAIL("not killed");
    }

    // Signed in inside the renewal window (the server's clock moved by the native test): renews
    // as the logon task's flow does, says "ISSUED <serial>" once the new certificate is kept
    // aside, then waits to be killed before the import.
    void renewThenWaitForKill()
    {
        WindowsPc pc;
        pc.flows.account.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(pc.flows.session.page(), WizardSession::Page::Account, 20000);
        pc.flows.account.renew();
        QTRY_COMPARE_WITH_TIMEOUT(pc.flows.session.page(), WizardSession::Page::IssueResult, 60000);
        const auto serial = pc.flows.issuance.issued().serial;
        QCOMPARE(pc.pending.serials(), QStringList{serial});
        report("ISSUED " + serial.toLatin1());
        QTest::qWait(180000); // killed long before this ends
        QFAIL("not killed");
    }

    // The pending copy's password and issuance token are in the Windows credential store, never
    // beside the copy. ENROLL_TEST_PENDING=yes: the certificate ENROLL_TEST_SERIAL is waiting;
    // =no: nothing of it is left, neither the entries nor the copy.
    void pendingSecretInTheCredentialStore()
    {
        const auto serial = env("ENROLL_TEST_SERIAL");
        QVERIFY(!serial.isEmpty());
        const auto password = QStringLiteral("pending/") + serial;
        const auto token = QStringLiteral("pending-token/") + serial;
        // this PC's folder (%LOCALAPPDATA%), never the roaming profile's
        const QDir dir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/pending"));
        const auto local = QDir::fromNativeSeparators(qEnvironmentVariable("LOCALAPPDATA"));
        QVERIFY2(!local.isEmpty() && dir.absolutePath().startsWith(local, Qt::CaseInsensitive), qPrintable(dir.absolutePath()));
        const QDir roaming(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/pending"));
        QVERIFY2(roaming.absolutePath() != dir.absolutePath(), qPrintable(roaming.absolutePath()));
        QCOMPARE(roaming.entryList(QDir::Files), QStringList{});
        if (env("ENROLL_TEST_PENDING") != QStringLiteral("yes")) {
            QCOMPARE(credentialSize(password), -1L);
            QCOMPARE(credentialSize(token), -1L);
            QCOMPARE(dir.entryList(QDir::Files), QStringList{});
            return;
        }
        // secrets for this user on this PC only: not the enterprise (roaming) persistence
        DWORD persist = 0;
        QVERIFY(credentialSize(password, &persist) > 0);
        QCOMPARE(persist, DWORD(CRED_PERSIST_LOCAL_MACHINE));
        QVERIFY(credentialSize(token, &persist) > 0);
        QCOMPARE(persist, DWORD(CRED_PERSIST_LOCAL_MACHINE));
        WindowsCredentialVault vault; // as the program reads it
        const auto secret = vault.read(password);
        QVERIFY2(secret.has_value(), qPrintable(vault.lastError()));
        QVERIFY(secret->size() >= 16);
        const auto files = dir.entryList(QDir::Files);
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const auto& name : files) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains(QByteArray(secret->data(), static_cast<qsizetype>(secret->size()))));
        }
    }
};

QTEST_MAIN(TestWizardWindows)
#include "TestWizardWindows.moc"
