#include "app/ClientSettings.h"

#include <QCommandLineParser>

namespace enroll::client {
namespace {

bool applyServerUrl(const QString& text, ClientSettings& settings, QString& error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        error = QStringLiteral("server URL must be an https:// address: %1").arg(text);
        return false;
    }
    settings.serverUrl = url;
    return true;
}

bool applyLanguage(const QString& text, ClientSettings& settings, QString& error)
{
    const auto tag = text.trimmed().toLower();
    if (tag == QLatin1String("ja")) {
        settings.language = Language::Japanese;
    } else if (tag == QLatin1String("en")) {
        settings.language = Language::English;
    } else {
        error = QStringLiteral("language must be ja or en: %1").arg(text);
        return false;
    }
    return true;
}

bool applyKeyType(const QString& text, ClientSettings& settings, QString& error)
{
    const auto type = text.trimmed().toLower();
    if (type == QLatin1String("rsa")) {
        settings.keyType = KeyType::Rsa2048;
    } else if (type == QLatin1String("ec")) {
        settings.keyType = KeyType::EcP256;
    } else {
        error = QStringLiteral("key type must be rsa or ec: %1").arg(text);
        return false;
    }
    return true;
}

} // namespace

QString SettingsResult::ignoredLine() const
{
    if (ignored.isEmpty()) {
        return {};
    }
    return QStringLiteral("ignored %1: this program uses the bank's settings installed on this PC (the administrator "
                          "has not allowed them to be changed)")
        .arg(ignored.join(QStringLiteral(", ")));
}

SettingsResult resolveSettings(const QSettings& stored, const QStringList& arguments, bool developmentBuild)
{
    SettingsResult result;
    auto& settings = result.settings;
    auto& error = result.error;

    if (const auto url = stored.value(settingsKey::kServerUrl).toString(); !url.isEmpty()) {
        if (!applyServerUrl(url, settings, error)) {
            return result;
        }
    }
    if (const auto ca = stored.value(settingsKey::kCaBundle).toString(); !ca.isEmpty()) {
        settings.caBundle = ca;
    }
    settings.issuerBundle = stored.value(settingsKey::kIssuerBundle).toString().trimmed();
    if (const auto lang = stored.value(settingsKey::kLanguage).toString(); !lang.isEmpty()) {
        if (!applyLanguage(lang, settings, error)) {
            return result;
        }
    }
    if (const auto type = stored.value(settingsKey::kKeyType).toString(); !type.isEmpty()) {
        if (!applyKeyType(type, settings, error)) {
            return result;
        }
    }
    if (const auto autoRenew = stored.value(settingsKey::kAutoRenew).toString().trimmed(); !autoRenew.isEmpty()) {
        if (autoRenew != QLatin1String("0") && autoRenew != QLatin1String("1")) {
            error = QStringLiteral("AutoRenew must be 0 or 1: %1").arg(autoRenew);
            return result;
        }
        settings.autoRenew = autoRenew == QLatin1String("1");
    }
    settings.proxyPolicy = stored.value(settingsKey::kProxy).toString().trimmed();
    settings.proxyPolicyBypass = stored.value(settingsKey::kProxyBypass).toString().trimmed();

    QCommandLineParser parser;
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server URL"), QStringLiteral("URL"));
    const QCommandLineOption ca(QStringLiteral("ca"), QStringLiteral("CA bundle (PEM)"), QStringLiteral("FILE"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("ja or en"), QStringLiteral("LANG"));
    const QCommandLineOption keyType(QStringLiteral("key-type"), QStringLiteral("rsa or ec"), QStringLiteral("TYPE"));
    const QCommandLineOption issuers(QStringLiteral("issuers"), QStringLiteral("the bank's issuing CAs (PEM)"), QStringLiteral("FILE"));
    const QCommandLineOption dev(QStringLiteral("dev"), QStringLiteral("development: no CA bundle needed"));
    const QCommandLineOption hours(QStringLiteral("interval-hours"), QStringLiteral("the renewal agent's interval, 1-168"),
                                   QStringLiteral("N"));
    const QCommandLineOption seconds(QStringLiteral("interval-seconds"), QStringLiteral("the same in seconds (tests)"),
                                     QStringLiteral("N"));
    parser.addOptions({server, ca, issuers, lang, keyType, dev, hours, seconds});
    // Options of later steps (and Qt's own) are not ours to refuse here.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.parse(arguments);
    const bool overridesAllowed =
        developmentBuild || stored.value(settingsKey::kAllowOverrides).toString().trimmed() == QLatin1String("1");
    if (!overridesAllowed) {
        for (const auto* option : {&server, &ca, &issuers, &dev, &seconds}) {
            if (parser.isSet(*option)) {
                result.ignored << QStringLiteral("--") + option->names().front();
            }
        }
    }
    if (overridesAllowed && parser.isSet(server) && !applyServerUrl(parser.value(server), settings, error)) {
        return result;
    }
    if (overridesAllowed && parser.isSet(ca)) {
        settings.caBundle = parser.value(ca);
    }
    if (overridesAllowed && parser.isSet(issuers)) {
        settings.issuerBundle = parser.value(issuers);
    }
    if (parser.isSet(lang) && !applyLanguage(parser.value(lang), settings, error)) {
        return result;
    }
    if (parser.isSet(keyType) && !applyKeyType(parser.value(keyType), settings, error)) {
        return result;
    }
    settings.development = overridesAllowed && parser.isSet(dev);
    if (parser.isSet(hours)) {
        bool ok = false;
        const int n = parser.value(hours).toInt(&ok);
        if (!ok || n < 1 || n > 168) {
            error = QStringLiteral("--interval-hours must be 1-168: %1").arg(parser.value(hours));
            return result;
        }
        settings.renewInterval = std::chrono::hours(n);
    }
    if (overridesAllowed && parser.isSet(seconds)) {
        bool ok = false;
        const int n = parser.value(seconds).toInt(&ok);
        if (!ok || n < 1) {
            error = QStringLiteral("--interval-seconds must be a positive number: %1").arg(parser.value(seconds));
            return result;
        }
        settings.renewInterval = std::chrono::seconds(n);
    }
    return result;
}

} // namespace enroll::client
