// Which proxy a request to the bank takes: the lists as Windows and the environment write them,
// bypass lists, PAC answers, and the order of the sources (ProxyResolver.h).
#include "flow/ProxyResolver.h"

#include <QtTest>

using namespace enroll::client;

namespace {

const QUrl kBank(QStringLiteral("https://enroll.rokin-bank.example.jp/api/v1/contracts/login"));

ProxyServer at(const char* host, quint16 port)
{
    return ProxyServer{QString::fromLatin1(host), port};
}

// A PAC evaluator that records what it was asked and answers `answer`.
struct FakePacForTest
{
    std::optional<QString> answer;
    int calls = 0;
    QString lastUrl;
    PacEvaluator evaluator()
    {
        return [this](const QUrl& target, bool, const QString&) {
            ++calls;
            lastUrl = target.toString();
            return answer;
        };
    }
};

} // namespace

class TestProxyResolver : public QObject
{
    Q_OBJECT

private slots:
    void firstProxyIn_readsTheListsWindowsAndPacWrite_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("host:port") << "proxy.corp:8080" << "proxy.corp" << 8080;
        QTest::newRow("no port: 80") << "proxy.corp" << "proxy.corp" << 80;
        QTest::newRow("per scheme") << "http=web.corp:80;https=secure.corp:3128" << "secure.corp" << 3128;
        QTest::newRow("per scheme, https missing") << "http=web.corp:80;ftp=f.corp:21" << "" << 0;
        QTest::newRow("PAC answer") << "PROXY p1.corp:8080; PROXY p2.corp:8081; DIRECT" << "p1.corp" << 8080;
        QTest::newRow("PAC direct first") << "DIRECT; PROXY p1.corp:8080" << "" << 0;
        QTest::newRow("WinHTTP PAC list") << "p1.corp:8080;p2.corp:8081" << "p1.corp" << 8080;
        QTest::newRow("environment URL") << "http://proxy.corp:3128/" << "proxy.corp" << 3128;
        QTest::newRow("IPv6") << "[::1]:3128" << "::1" << 3128;
        QTest::newRow("empty") << "" << "" << 0;
        QTest::newRow("nonsense") << "socks://x:1" << "" << 0;
        QTest::newRow("bad port") << "proxy.corp:99999" << "" << 0;
    }
    void firstProxyIn_readsTheListsWindowsAndPacWrite()
    {
        QFETCH(QString, list);
        QFETCH(QString, host);
        QFETCH(int, port);
        const auto server = firstProxyIn(list, QStringLiteral("https"));
        if (host.isEmpty()) {
            QVERIFY2(!server, qPrintable(server ? server->display() : QString()));
        } else {
            QVERIFY(server);
            QCOMPARE(server->host, host);
            QCOMPARE(int(server->port), port);
        }
    }

    void bypassed_readsInternetOptionsAndNoProxy_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("bypass");
        QTest::newRow("<local> plain name") << "<local>" << "intranet" << true;
        QTest::newRow("<local> not a dotted name") << "<local>" << "enroll.rokin-bank.example.jp" << false;
        QTest::newRow("wildcard domain") << "*.rokin-bank.example.jp" << "enroll.rokin-bank.example.jp" << true;
        QTest::newRow("wildcard other domain") << "*.other.example" << "enroll.rokin-bank.example.jp" << false;
        QTest::newRow("wildcard address") << "10.*;192.168.*" << "192.168.1.5" << true;
        QTest::newRow("semicolons and spaces") << "a.example; b.example  c.example" << "c.example" << true;
        QTest::newRow("no_proxy suffix") << "localhost,.example.jp" << "enroll.rokin-bank.example.jp" << true;
        QTest::newRow("no_proxy name covers subdomains") << "example.jp" << "enroll.rokin-bank.example.jp" << true;
        QTest::newRow("not a suffix of the label") << "ample.jp" << "enroll.rokin-bank.example.jp" << false;
        QTest::newRow("star") << "*" << "anything.example" << true;
        QTest::newRow("address") << "127.0.0.1" << "127.0.0.1" << true;
        QTest::newRow("entry with port") << "bank.example:443" << "bank.example" << true;
        QTest::newRow("case") << "*.ROKIN-BANK.example.JP" << "Enroll.Rokin-Bank.Example.jp" << true;
        QTest::newRow("empty") << "" << "bank.example" << false;
    }
    void bypassed_readsInternetOptionsAndNoProxy()
    {
        QFETCH(QString, list);
        QFETCH(QString, host);
        QFETCH(bool, bypass);
        QCOMPARE(bypassed(list, host), bypass);
    }

    void nothingConfigured_direct()
    {
        FakePacForTest pac;
        const auto route = resolveProxy({}, kBank, pac.evaluator());
        QVERIFY(route.direct());
        QCOMPARE(pac.calls, 0);
    }

    // The user's Internet Options first, then the machine's WinHTTP proxy, then the MSI's policy.
    void sources_inTheirOrder()
    {
        PcProxySettings pc;
        pc.policyProxy = QStringLiteral("policy.corp:8080");
        QCOMPARE(resolveProxy(pc, kBank, {}).proxy, at("policy.corp", 8080));
        QVERIFY(resolveProxy(pc, kBank, {}).source.contains(QStringLiteral("policy")));
        pc.machineProxy = QStringLiteral("netsh.corp:8080");
        QCOMPARE(resolveProxy(pc, kBank, {}).proxy, at("netsh.corp", 8080));
        pc.httpsProxyEnv = QStringLiteral("http://env.corp:3128");
        QCOMPARE(resolveProxy(pc, kBank, {}).proxy, at("env.corp", 3128));
        pc.userProxy = QStringLiteral("user.corp:8080");
        const auto route = resolveProxy(pc, kBank, {});
        QCOMPARE(route.proxy, at("user.corp", 8080));
        QCOMPARE(route.source, QStringLiteral("Internet Options"));
    }

    // A bypass list that names the bank is an answer: direct, even with a policy below it.
    void bypass_isAnAnswer()
    {
        PcProxySettings pc;
        pc.userProxy = QStringLiteral("user.corp:8080");
        pc.userBypass = QStringLiteral("<local>;*.rokin-bank.example.jp");
        pc.policyProxy = QStringLiteral("policy.corp:8080");
        const auto route = resolveProxy(pc, kBank, {});
        QVERIFY(route.direct());
        QVERIFY(route.source.contains(QStringLiteral("bypass")));
        pc.userBypass.clear();
        pc.noProxyEnv = QStringLiteral(".rokin-bank.example.jp"); // another source's list does not count
        QCOMPARE(resolveProxy(pc, kBank, {}).proxy, at("user.corp", 8080));
    }

    void pac_answersBeforeTheFixedProxy()
    {
        PcProxySettings pc;
        pc.autoConfigUrl = QStringLiteral("http://wpad.corp/proxy.pac");
        pc.userProxy = QStringLiteral("user.corp:8080");
        FakePacForTest pac;
        pac.answer = QStringLiteral("PROXY pac.corp:3128; DIRECT");
        auto route = resolveProxy(pc, kBank, pac.evaluator());
        QCOMPARE(route.proxy, at("pac.corp", 3128));
        QVERIFY(route.source.contains(pc.autoConfigUrl));
        QCOMPARE(pac.lastUrl, kBank.toString()); // the script sees the bank's URL
        pac.answer = QString(); // DIRECT
        route = resolveProxy(pc, kBank, pac.evaluator());
        QVERIFY(route.direct());
        QVERIFY(route.source.contains(QStringLiteral("PAC")));
        // no script to be had: the fixed proxy, as Windows does
        pac.answer.reset();
        QCOMPARE(resolveProxy(pc, kBank, pac.evaluator()).proxy, at("user.corp", 8080));
    }

    void wpad_isAskedWhenAutoDetectIsOn()
    {
        PcProxySettings pc;
        pc.autoDetect = true;
        FakePacForTest pac;
        pac.answer = QStringLiteral("wpad-proxy.corp:8080");
        const auto route = resolveProxy(pc, kBank, pac.evaluator());
        QCOMPARE(route.proxy, at("wpad-proxy.corp", 8080));
        QVERIFY(route.source.contains(QStringLiteral("WPAD")));
        // without an evaluator (Linux) the auto settings are not guessed at
        QVERIFY(resolveProxy(pc, kBank, {}).direct());
    }

#ifndef Q_OS_WIN
    void environment_readAsCurlDoes()
    {
        qputenv("https_proxy", "http://lower.corp:3128");
        qputenv("HTTPS_PROXY", "http://upper.corp:3128");
        qputenv("no_proxy", "");
        qputenv("NO_PROXY", ".example.jp");
        const auto pc = readPcProxySettings(QStringLiteral("policy.corp:8080"), {});
        QCOMPARE(pc.policyProxy, QStringLiteral("policy.corp:8080"));
        QCOMPARE(pc.httpsProxyEnv, QStringLiteral("http://lower.corp:3128"));
        QCOMPARE(pc.noProxyEnv, QStringLiteral(".example.jp"));
        QVERIFY(resolveProxy(pc, kBank, {}).direct());
        qunsetenv("https_proxy");
        qunsetenv("HTTPS_PROXY");
        qunsetenv("NO_PROXY");
    }
#endif
};

QTEST_GUILESS_MAIN(TestProxyResolver)
#include "TestProxyResolver.moc"
