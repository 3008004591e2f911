// The employer's proxy, a real squid on loopback (tests/fixtures/squid-proxy.sh), between the real
// widgets and a real enroll-server: the wizard goes the way the PC's settings say (here the
// environment), through a proxy that asks for a password (the clerk is asked, and the PC keeps it
// only when told), and every way it can fail ends in a Japanese sentence that names the proxy,
// never "the server is down". A TLS-inspecting proxy (ssl_bump) gets nothing past its CONNECT.
#include "WizardApp.h"
#include "ServerHarness.h"
#include "WizardDriver.h"

#include "pages/Translations.h"
#include "pages/UiFont.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QtTest>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

// The process' proxy environment for one test (the Linux PC's settings), put back after it.
class ProxyEnvironment
{
public:
    explicit ProxyEnvironment(const QString& proxy, const QString& noProxy = {})
    {
        qputenv("https_proxy", proxy.toUtf8());
        qputenv("no_proxy", noProxy.toUtf8());
    }
    ~ProxyEnvironment()
    {
        qunsetenv("https_proxy");
        qunsetenv("no_proxy");
    }
    ProxyEnvironment(const ProxyEnvironment&) = delete;
    ProxyEnvironment& operator=(const ProxyEnvironment&) = delete;
};

// The proxy's sign-in dialog, once it is open.
QDialog* proxyDialog()
{
    QDialog* found = nullptr;
    for (auto* widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == QLatin1String("proxyLoginDialog") && widget->isVisible()) {
            found = qobject_cast<QDialog*>(widget);
        }
    }
    return found;
}

// The contract login's [次へ]: the first request to the bank.
void contractLogin(App& app, const QString& contract)
{
    click(app.find<QPushButton>("masterRegistrationButton"));
    type(app.find<QLineEdit>("contractNumberEdit"), contract);
    type(app.find<QLineEdit>("initialPasswordEdit"), QStringLiteral("Ab1!cd2#"));
    click(app.find<QPushButton>("nextButton"));
}

// The lines of squid's log that carried a request of `method` (CONNECT, POST…).
int logged(const SquidProxy& proxy, const QString& method)
{
    return int(proxy.accessLog().count(QRegularExpression(QStringLiteral(" %1 ").arg(method))));
}

void answerProxyDialog(const QString& user, const QString& password, bool remember)
{
    QTRY_VERIFY_WITH_TIMEOUT(proxyDialog() != nullptr, 10000);
    auto* dialog = proxyDialog();
    type(dialog->findChild<QLineEdit*>(QStringLiteral("proxyUserEdit")), user);
    type(dialog->findChild<QLineEdit*>(QStringLiteral("proxyPasswordEdit")), password);
    dialog->findChild<QCheckBox*>(QStringLiteral("proxyRememberBox"))->setChecked(remember);
    click(dialog->findChild<QPushButton*>(QStringLiteral("proxyOkButton")));
}

} // namespace

class TestProxy : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;
    QTemporaryDir home_;
    int homes_ = 0;
    int contracts_ = 0;

    QString newHome() { return home_.filePath(QStringLiteral("pc%1").arg(++homes_)); }
    int bankPort() const { return QUrl(server_->url({})).port(); }
    QString newContract()
    {
        const auto contract = QStringLiteral("9300%1").arg(++contracts_, 4, 10, QLatin1Char('0'));
        server_->addContract(contract, QStringLiteral("Ab1!cd2#"));
        return contract;
    }

private slots:
    void initTestCase()
    {
        installTranslations(Language::Japanese);
        applyUiFont();
        server_ = std::make_unique<ServerProcess>();
        QVERIFY(server_->start());
    }

    // The whole master flow through an open proxy; squid saw it all (its CONNECTs) and nothing
    // reached the bank another way (the client was given no direct route).
    void openProxy_masterFlowGoesThroughIt()
    {
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Open, bankPort()));
        const ProxyEnvironment environment(QStringLiteral("http://") + proxy.address());
        App app(*server_, newHome());
        QString serial;
        walkMasterFlow(app.wizard,
                       {newContract(), QStringLiteral("Ab1!cd2#"), QStringLiteral("proxymast1"), kPassword,
                        QStringLiteral("労金　太郎"), QStringLiteral("proxy1@example.co.jp"),
                        [this](const QString& email) { return server_->latestCode(email); }},
                       &serial);
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(!serial.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(logged(proxy, QStringLiteral("CONNECT")) >= 1, 5000);
        const auto log = proxy.accessLog();
        QVERIFY2(log.contains(QStringLiteral("TCP_TUNNEL/200")) &&
                     log.contains(QStringLiteral("CONNECT localhost:%1").arg(bankPort())),
                 qPrintable(log));
    }

    // The bypass list names the bank: straight to it, squid sees nothing.
    void bypassList_goesDirect()
    {
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Open, bankPort()));
        const ProxyEnvironment environment(QStringLiteral("http://") + proxy.address(), QStringLiteral("localhost,.example.jp"));
        App app(*server_, newHome());
        contractLogin(app, newContract());
        QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("registrationPage"), 10000);
        QCOMPARE(logged(proxy, QStringLiteral("CONNECT")), 0);
    }

    // Basic: the clerk is asked (the proxy and its realm named); wrong credentials ask again and
    // say so; right ones, kept on request, carry the flow on; the next start asks nothing.
    void basicProxy_asksTheClerkAndKeepsOnlyWhenTold()
    {
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Basic, bankPort()));
        const ProxyEnvironment environment(QStringLiteral("http://") + proxy.address());
        const auto home = newHome();
        {
            App app(*server_, home);
            app.pc.vault.remove(QStringLiteral("proxy/") + proxy.address());
            contractLogin(app, newContract());
            QTRY_VERIFY_WITH_TIMEOUT(proxyDialog() != nullptr, 10000);
            const auto prompt = proxyDialog()->findChild<QLabel*>(QStringLiteral("proxyPrompt"))->text();
            QVERIFY2(prompt.contains(proxy.address()) && prompt.contains(SquidProxy::kRealm) &&
                         prompt.contains(QStringLiteral("プロキシサーバー")),
                     qPrintable(prompt));
            saveShot(proxyDialog(), QStringLiteral("18-proxy-sign-in"));
            answerProxyDialog(SquidProxy::kUser, QStringLiteral("wrong-password"), false);
            QTRY_VERIFY_WITH_TIMEOUT(proxyDialog() != nullptr && proxyDialog()->findChild<QLabel*>(QStringLiteral("proxyRefused")), 10000);
            answerProxyDialog(SquidProxy::kUser, SquidProxy::kPassword, true);
            QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("registrationPage"), 10000);
            QVERIFY(app.pc.vault.read(QStringLiteral("proxy/") + proxy.address()).has_value());
        }
        {
            App again(*server_, home); // the same user on the same PC, the next day
            contractLogin(again, newContract());
            QTRY_COMPARE_WITH_TIMEOUT(again.page(), QStringLiteral("registrationPage"), 10000);
            QVERIFY(proxyDialog() == nullptr);
            QVERIFY(proxy.accessLog().contains(QStringLiteral("CONNECT localhost:%1 %2").arg(bankPort()).arg(SquidProxy::kUser)));
        }
        {
            // not ticked: used for this run, not kept
            App app(*server_, newHome());
            app.pc.vault.remove(QStringLiteral("proxy/") + proxy.address());
            contractLogin(app, newContract());
            answerProxyDialog(SquidProxy::kUser, SquidProxy::kPassword, false);
            QTRY_COMPARE_WITH_TIMEOUT(app.page(), QStringLiteral("registrationPage"), 10000);
            QVERIFY(!app.pc.vault.read(QStringLiteral("proxy/") + proxy.address()).has_value());
        }
    }

    // Cancelled: a sentence that names the proxy, asks for its credentials, and says nothing was sent.
    void basicProxy_cancelledIsSaidPlainly()
    {
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Basic, bankPort()));
        const ProxyEnvironment environment(QStringLiteral("http://") + proxy.address());
        App app(*server_, newHome());
        app.pc.vault.remove(QStringLiteral("proxy/") + proxy.address());
        contractLogin(app, newContract());
        QTRY_VERIFY_WITH_TIMEOUT(proxyDialog() != nullptr, 10000);
        click(proxyDialog()->findChild<QPushButton*>(QStringLiteral("proxyCancelButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!app.message().isEmpty(), 10000);
        const auto said = app.message();
        QVERIFY2(said.contains(proxy.address()) && said.contains(SquidProxy::kRealm) && said.contains(QStringLiteral("プロキシサーバー")) &&
                     said.contains(QStringLiteral("ユーザー名とパスワード")) && said.contains(QStringLiteral("送信していません")),
                 qPrintable(said));
        QCOMPARE(app.page(), QStringLiteral("contractLoginPage"));
        app.wizard.shot(QStringLiteral("19-proxy-password-needed"));
    }

    // The proxy is down: named, with what to ask the IT administrator; not "the bank's server".
    void proxyDown_isNamed()
    {
        const auto address = QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort());
        const ProxyEnvironment environment(QStringLiteral("http://") + address);
        App app(*server_, newHome());
        contractLogin(app, newContract());
        QTRY_VERIFY_WITH_TIMEOUT(!app.message().isEmpty(), 10000);
        const auto said = app.message();
        QVERIFY2(said.contains(address) && said.contains(QStringLiteral("プロキシサーバー")) &&
                     said.contains(QStringLiteral("IT管理者")) && !said.contains(QStringLiteral("労金のサーバーに接続できません")),
                 qPrintable(said));
        checkPage(app.wizard);
    }

    // The proxy refuses the bank's port: named, and what to allow.
    void proxyRefusesTheBank_isNamed()
    {
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Open, bankPort() + 1)); // its rules allow another port only
        const ProxyEnvironment environment(QStringLiteral("http://") + proxy.address());
        App app(*server_, newHome());
        contractLogin(app, newContract());
        QTRY_VERIFY_WITH_TIMEOUT(!app.message().isEmpty(), 10000);
        const auto said = app.message();
        QVERIFY2(said.contains(proxy.address()) && said.contains(QStringLiteral("localhost")) &&
                     said.contains(QStringLiteral("プロキシサーバー")) && !said.contains(QStringLiteral("労金のサーバーに接続できません")),
                 qPrintable(said));
        QVERIFY(proxy.accessLog().contains(QStringLiteral("TCP_DENIED/403")));
    }

    // An inspecting proxy re-signs the bank's certificate: the wizard stops at the handshake. Squid
    // saw the CONNECT and nothing inside it (no POST, no password, no code), and the clerk reads
    // what to ask the IT administrator.
    void inspectingProxy_getsNothingPastConnect()
    {
        SquidProxy proxy;
        QVERIFY(proxy.start(SquidProxy::Mode::Bump, bankPort()));
        const ProxyEnvironment environment(QStringLiteral("http://") + proxy.address());
        App app(*server_, newHome());
        contractLogin(app, newContract());
        QTRY_VERIFY_WITH_TIMEOUT(!app.message().isEmpty(), 15000);
        const auto said = app.message();
        QVERIFY2(said.contains(QStringLiteral("HTTPS検査の対象から除外")) && said.contains(QStringLiteral("localhost")) &&
                     said.contains(QStringLiteral("何も送信せず")),
                 qPrintable(said));
        QTest::qWait(500); // squid writes its log line when the connection ends
        const auto log = proxy.accessLog();
        QVERIFY2(log.contains(QStringLiteral("CONNECT localhost:%1").arg(bankPort())), qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("https://")) && !log.contains(QStringLiteral(" POST ")) &&
                     !log.contains(QStringLiteral(" GET ")),
                 qPrintable(log));
    }
};

QTEST_MAIN(TestProxy)
#include "TestProxy.moc"
