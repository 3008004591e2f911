// The client's settings: stored values (as the MSI writes them), overridden by the command line;
// unusable values are refused, never guessed.
#include "app/ClientSettings.h"
#include "flow/ApiClient.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll;
using namespace enroll::client;

class TestClientSettings : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;

    QSettings stored(const QVariantMap& values)
    {
        QSettings settings(dir_.filePath(QStringLiteral("s%1.ini").arg(counter_++)), QSettings::IniFormat);
        for (auto it = values.begin(); it != values.end(); ++it) {
            settings.setValue(it.key(), it.value());
        }
        return QSettings(settings.fileName(), QSettings::IniFormat);
    }
    int counter_ = 0;

private slots:
    void defaults_japaneseAndLocalhost()
    {
        const auto result = resolveSettings(stored({}), {QStringLiteral("rokin-enroll")});
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.settings.serverUrl, QUrl(QStringLiteral("https://localhost:8443")));
        QCOMPARE(result.settings.language, Language::Japanese);
        QVERIFY(result.settings.caBundle.isEmpty());
        QCOMPARE(result.settings.keyType, KeyType::Rsa2048);
        QVERIFY(!result.settings.development);
        QVERIFY(!result.settings.autoRenew); // no installer, no logon task: the start page promises nothing
    }

    // AutoRenew as the MSI writes it ("1" by default, "0" with AUTO_RENEW=0); anything else refused.
    void autoRenew_asTheInstallerWritesIt()
    {
        QVERIFY(resolveSettings(stored({{settingsKey::kAutoRenew, "1"}}), {QStringLiteral("rokin-enroll")}).settings.autoRenew);
        QVERIFY(!resolveSettings(stored({{settingsKey::kAutoRenew, "0"}}), {QStringLiteral("rokin-enroll")}).settings.autoRenew);
        QVERIFY(!resolveSettings(stored({{settingsKey::kAutoRenew, "yes"}}), {QStringLiteral("rokin-enroll")}).error.isEmpty());
    }

    // PROXY= and PROXY_BYPASS= as the MSI writes them (HKLM Proxy, ProxyBypass).
    void proxyPolicy_asTheInstallerWritesIt()
    {
        const auto result = resolveSettings(stored({{settingsKey::kProxy, " proxy.corp:8080 "}, {settingsKey::kProxyBypass, "<local>"}}),
                                            {QStringLiteral("rokin-enroll")});
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.settings.proxyPolicy, QStringLiteral("proxy.corp:8080"));
        QCOMPARE(result.settings.proxyPolicyBypass, QStringLiteral("<local>"));
        QVERIFY(resolveSettings(stored({}), {QStringLiteral("rokin-enroll")}).settings.proxyPolicy.isEmpty());
    }

    // Only the bank's bundle makes the client trust a server: without one it refuses to run (the
    // installer's CaBundle is missing), unless --dev says this is a development run.
    void withoutCaBundle_onlyADevelopmentRunTrustsAnything()
    {
        const auto plain = resolveSettings(stored({}), {QStringLiteral("rokin-enroll")});
        QVERIFY(!ApiClient(plain.settings).trustConfigured());
        const auto dev = resolveSettings(stored({}), {QStringLiteral("rokin-enroll"), QStringLiteral("--dev")}, true);
        QVERIFY(dev.error.isEmpty());
        QVERIFY(dev.settings.development);
        QVERIFY(ApiClient(dev.settings).trustConfigured());
        QTemporaryDir dir;
        const auto unreadable = resolveSettings(stored({}), {QStringLiteral("rokin-enroll"), QStringLiteral("--dev"), QStringLiteral("--ca"),
                                                             dir.filePath(QStringLiteral("missing.pem"))},
                                                 true);
        QVERIFY(!ApiClient(unreadable.settings).trustConfigured()); // a bundle named but unreadable is never waved through
        // a missing file is read as a missing file, not as a folder to walk: QSslCertificate::fromPath
        // walks the folder of a path that is no file, every folder under it, following links (under
        // Wine Z: links back to the whole disk); here a link to the folder itself
        const auto folder = dir.filePath(QStringLiteral("bundle-folder"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/ca")));
        QVERIFY(QFile::link(folder, folder + QStringLiteral("/ca/again")));
        auto missing = dev.settings;
        missing.caBundle = folder + QStringLiteral("/missing.pem");
        QVERIFY(!ApiClient(missing).trustConfigured());
    }

    void stored_valuesAreUsed()
    {
        const auto result = resolveSettings(stored({{settingsKey::kServerUrl, "https://enroll.rokin.example:443"},
                                                    {settingsKey::kCaBundle, "C:/ca.pem"},
                                                    {settingsKey::kLanguage, "en"}}),
                                            {QStringLiteral("rokin-enroll")});
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.settings.serverUrl.host(), QStringLiteral("enroll.rokin.example"));
        QCOMPARE(result.settings.caBundle, QStringLiteral("C:/ca.pem"));
        QCOMPARE(result.settings.language, Language::English);
    }

    // The release program (not a development build) keeps the installed server and CA: --server,
    // --ca and --dev are ignored and named, unless the administrator allowed them (AllowOverrides=1).
    void releaseProgram_keepsTheInstalledBank_unlessAllowed()
    {
        const QStringList arguments{QStringLiteral("rokin-enroll"), QStringLiteral("--server"), QStringLiteral("https://other.example"),
                                    QStringLiteral("--ca"), QStringLiteral("/tmp/other.pem"), QStringLiteral("--dev"),
                                    QStringLiteral("--lang"), QStringLiteral("en")};
        const QVariantMap installed{{settingsKey::kServerUrl, "https://enroll.rokin.example"}, {settingsKey::kCaBundle, "C:/ca.pem"}};
        const auto release = resolveSettings(stored(installed), arguments, false);
        QVERIFY(release.error.isEmpty());
        QCOMPARE(release.settings.serverUrl.host(), QStringLiteral("enroll.rokin.example"));
        QCOMPARE(release.settings.caBundle, QStringLiteral("C:/ca.pem"));
        QVERIFY(!release.settings.development);
        QCOMPARE(release.settings.language, Language::English); // the clerk's language is theirs to choose
        QCOMPARE(release.ignored, (QStringList{QStringLiteral("--server"), QStringLiteral("--ca"), QStringLiteral("--dev")}));
        QVERIFY(release.ignoredLine().contains(QStringLiteral("--server, --ca, --dev")));

        auto allowedValues = installed;
        allowedValues.insert(settingsKey::kAllowOverrides, "1");
        const auto allowed = resolveSettings(stored(allowedValues), arguments, false);
        QVERIFY(allowed.ignored.isEmpty());
        QCOMPARE(allowed.settings.serverUrl.host(), QStringLiteral("other.example"));
        QCOMPARE(allowed.settings.caBundle, QStringLiteral("/tmp/other.pem"));
        QVERIFY(allowed.settings.development);
        QVERIFY(resolveSettings(stored(installed), {QStringLiteral("rokin-enroll")}, false).ignoredLine().isEmpty());
    }

    void commandLine_overridesStored()
    {
        const auto result = resolveSettings(
            stored({{settingsKey::kServerUrl, "https://a.example"}, {settingsKey::kLanguage, "en"}}),
            {QStringLiteral("rokin-enroll"), QStringLiteral("--server"), QStringLiteral("https://127.0.0.1:9443"),
             QStringLiteral("--ca"), QStringLiteral("/tmp/chain.pem"), QStringLiteral("--lang"), QStringLiteral("ja"),
             QStringLiteral("--key-type"), QStringLiteral("ec")},
            true);
        QVERIFY(result.error.isEmpty());
        QVERIFY(result.ignored.isEmpty());
        QCOMPARE(result.settings.serverUrl, QUrl(QStringLiteral("https://127.0.0.1:9443")));
        QCOMPARE(result.settings.caBundle, QStringLiteral("/tmp/chain.pem"));
        QCOMPARE(result.settings.language, Language::Japanese);
        QCOMPARE(result.settings.keyType, KeyType::EcP256);
    }

    // the renewal agent's interval: the MSI's RENEW_INTERVAL_HOURS on the Run entry (1-168); the
    // tests' seconds only where overrides are allowed, so a shortcut cannot make PCs hammer the bank
    void renewInterval_hoursAlways_secondsWhereAllowed()
    {
        const QStringList hours{QStringLiteral("rokin-enroll"), QStringLiteral("--renew"), QStringLiteral("--stay"),
                                QStringLiteral("--interval-hours"), QStringLiteral("12")};
        QCOMPARE(resolveSettings(stored({}), {QStringLiteral("rokin-enroll")}, false).settings.renewInterval, std::chrono::seconds(8 * 3600));
        QCOMPARE(resolveSettings(stored({}), hours, false).settings.renewInterval, std::chrono::seconds(12 * 3600));
        for (const auto* bad : {"0", "169", "x"}) {
            QVERIFY(!resolveSettings(stored({}), {QStringLiteral("rokin-enroll"), QStringLiteral("--interval-hours"), QString::fromLatin1(bad)},
                                     false)
                         .error.isEmpty());
        }
        const QStringList seconds{QStringLiteral("rokin-enroll"), QStringLiteral("--interval-seconds"), QStringLiteral("5")};
        const auto release = resolveSettings(stored({}), seconds, false);
        QCOMPARE(release.settings.renewInterval, std::chrono::seconds(8 * 3600));
        QCOMPARE(release.ignored, QStringList{QStringLiteral("--interval-seconds")});
        QCOMPARE(resolveSettings(stored({{settingsKey::kAllowOverrides, "1"}}), seconds, false).settings.renewInterval,
                 std::chrono::seconds(5));
    }

    void refused_plainHttpAndUnknownLanguage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("http") << QStringList{"rokin-enroll", "--server", "http://localhost:8443"};
        QTest::newRow("no host") << QStringList{"rokin-enroll", "--server", "https://"};
        QTest::newRow("language") << QStringList{"rokin-enroll", "--lang", "fr"};
        QTest::newRow("key type") << QStringList{"rokin-enroll", "--key-type", "dsa"};
    }
    void refused_plainHttpAndUnknownLanguage()
    {
        QFETCH(QStringList, arguments);
        // a build that obeys --server (the release program ignores it: releaseProgram_…)
        QVERIFY(!resolveSettings(stored({}), arguments, true).error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClientSettings)
#include "TestClientSettings.moc"
