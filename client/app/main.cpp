// rokin-enroll: settings and translation, this OS user's certificate store, pending imports and
// renewal memo, the wizard's flows and the window; at start it shows what the logon task left to
// say and finishes an import that a closed window interrupted. --renew is the logon task itself
// (no window); --check-renewal only reports; --doctor runs the help desk's checks (Doctor.h).
#include "app/AgentPlatform.h"
#include "app/ClientSettings.h"
#include "app/EventLog.h"
#include "flow/ApiClient.h"
#include "flow/Doctor.h"
#include "flow/RenewalAgent.h"
#include "flow/SilentRenewal.h"
#include "flow/WizardFlows.h"
#include "pages/MainWindow.h"
#include "pages/Translations.h"
#include "pages/UiFont.h"
#include "store/BankCertificates.h"
#include "store/PendingImport.h"
#include "store/RenewalMemo.h"
#include "store/portable/PortableCertificateStore.h"
#ifdef Q_OS_WIN
#include "store/windows/WindowsCertificateStore.h"
#include "store/windows/WindowsCredentialVault.h"
#endif

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

using namespace enroll;
using namespace enroll::client;

namespace {

void nameTheApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Rokin"));
    QCoreApplication::setApplicationName(QStringLiteral("Enroll"));
}

// On Windows: HKLM\Software\Rokin\Enroll, written by the MSI; then the command line. Options the
// administrator did not allow are said on the console and in the event log.
SettingsResult settingsOfThisPc()
{
    const QSettings machine(QSettings::NativeFormat, QSettings::SystemScope, QStringLiteral("Rokin"), QStringLiteral("Enroll"));
    auto result = resolveSettings(machine, QCoreApplication::arguments());
    if (const auto line = result.ignoredLine(); !line.isEmpty()) {
        std::cerr << "rokin-enroll: " << line.toStdString() << '\n';
        writeEventLog(EventLevel::Warning, line);
    }
    return result;
}

// This OS user's side of the PC: its certificates, the imports waiting, the renewal memo. All of
// it stays on this PC: the local application data (on Windows %LOCALAPPDATA%, never the roaming
// profile) and a vault for this user on this PC.
struct ThisUser
{
    explicit ThisUser(const ClientSettings& settings)
        : dataDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)),
#ifndef Q_OS_WIN
          platformStore(dataDir + QStringLiteral("/certificates"), vault),
#endif
          store(platformStore, readIssuerBundle(settings.issuerBundle), dataDir + QStringLiteral("/certificates.ini")),
          pending(dataDir + QStringLiteral("/pending"), vault),
          memo(dataDir + QStringLiteral("/renewal.ini"), settings.autoRenew)
    {
        // what an older version kept in the roaming profile comes home
        const auto roaming = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        pending.adoptFrom(roaming + QStringLiteral("/pending"));
        if (roaming != dataDir && !QFile::exists(dataDir + QStringLiteral("/renewal.ini"))) {
            QFile::rename(roaming + QStringLiteral("/renewal.ini"), dataDir + QStringLiteral("/renewal.ini"));
        }
    }
    QString dataDir;
#ifdef Q_OS_WIN
    WindowsCredentialVault vault; // Credential Manager, this PC only
#else
    KeychainVault vault; // the Secret Service
#endif
#ifdef Q_OS_WIN
    WindowsCertificateStore platformStore; // current user's "MY", key not exportable
#else
    PortableCertificateStore platformStore;
#endif
    BankCertificates store; // of those, the bank's alone
    PendingImports pending;
    RenewalMemo memo;
};

// --check-renewal: no window, one line, exit 0 / 10 / 20.
int checkRenewalAndExit(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    nameTheApplication();
    ThisUser user(settingsOfThisPc().settings);
    const auto check = checkRenewal(certificateStatusOf(user.store.find({}), QDateTime::currentDateTimeUtc()));
    std::cout << check.line.toStdString() << '\n';
    return check.exitCode;
}

// One renewal check's line on stdout and in the event log; its exit code.
int report(const SilentRenewalResult& result)
{
    std::cout << result.line.toStdString() << '\n' << std::flush;
    const auto level = result.exitCode() == 0 ? EventLevel::Information
                       : result.exitCode() == 1 ? EventLevel::Error
                                                : EventLevel::Warning;
    writeEventLog(level, result.line);
    return result.exitCode();
}

// What a renewal with no window needs (--renew, --renew --stay): the settings, this user's side of
// the PC and the bank's API, the proxy's credentials as the clerk kept them (never asked here).
struct Windowless
{
    Windowless() : resolved(settingsOfThisPc()), settings(resolved.settings), user(settings), api(settings)
    {
        installTranslations(settings.language);
        api.setProxyCredentialVault(&user.vault);
    }
    // The line to report instead of a renewal: the settings unusable, or the bank's CA not set up.
    [[nodiscard]] std::optional<SilentRenewalResult> refusal() const
    {
        if (!resolved.error.isEmpty()) {
            return SilentRenewalResult{SilentRenewalResult::Outcome::Failed, QStringLiteral("failed: ") + resolved.error, {}};
        }
        if (!api.trustConfigured()) {
            return SilentRenewalResult{SilentRenewalResult::Outcome::Failed,
                                       QStringLiteral("failed: the bank's CA bundle is not set up on this PC"), {}};
        }
        return std::nullopt;
    }
    [[nodiscard]] std::unique_ptr<WizardFlows> flows()
    {
        return std::make_unique<WizardFlows>(api, user.store, user.pending, user.memo, settings.language, settings.keyType);
    }

    const SettingsResult resolved;
    const ClientSettings& settings;
    ThisUser user;
    ApiClient api;
};

// --renew: the logon task. No window; one line on stdout and in the event log; the exit code of
// SilentRenewalResult.
int renewAndExit(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    nameTheApplication();
    Windowless parts;
    if (const auto refused = parts.refusal()) {
        return report(*refused);
    }
    const auto owned = parts.flows();
    auto& flows = *owned;
    SilentRenewal renewal(flows);
    int exitCode = 1;
    QObject::connect(&renewal, &SilentRenewal::finished, &app, [&](const SilentRenewalResult& result) {
        exitCode = report(result);
        QCoreApplication::exit(exitCode);
    });
    QTimer::singleShot(std::chrono::minutes(3), &app, [&] {
        exitCode = report({SilentRenewalResult::Outcome::Failed,
                           QStringLiteral("failed: the renewal did not finish within 3 minutes"), {}});
        QCoreApplication::exit(exitCode);
    });
    QTimer::singleShot(0, &renewal, &SilentRenewal::run);
    QCoreApplication::exec();
    return exitCode;
}

// --renew --stay: the renewal agent (RenewalAgent). --renew's check, then it stays with no window
// and no tray icon, one per user session, and checks again after its interval, on resume from
// sleep and when the network is back after a failure, inside the bank's hours. It ends at logoff.
int renewAndStay(int argc, char** argv)
{
#ifdef Q_OS_WIN
    QGuiApplication app(argc, argv); // for the hidden window the power broadcast is sent to
#else
    QCoreApplication app(argc, argv);
#endif
    nameTheApplication();
    Windowless parts;
    if (const auto refused = parts.refusal()) {
        return report(*refused);
    }
    QDir().mkpath(parts.user.dataDir);
    const SingleAgent single(parts.user.dataDir);
    if (!single.acquired()) {
        std::cout << "ok: the renewal agent already runs in this session\n";
        return 0;
    }
    PcEvents events;
    events.makeWindow();
    app.installNativeEventFilter(&events);
    RenewalAgent agent([&parts] { return parts.flows(); }, parts.settings.renewInterval,
                       [&parts] { return parts.user.memo.bankRenewalHours(); });
    const auto jst = [](const QDateTime& at) { return at.toOffsetFromUtc(9 * 3600).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); };
    QObject::connect(&agent, &RenewalAgent::checked, &app, [&jst](const SilentRenewalResult& result, const QDateTime& next) {
        report(result);
        std::cout << "next check: " << jst(next).toStdString() << " (Japan time)\n" << std::flush;
    });
    QObject::connect(&agent, &RenewalAgent::postponed, &app, [&jst](const QDateTime& next) {
        std::cout << "outside the bank's hours: next check " << jst(next).toStdString() << " (Japan time)\n" << std::flush;
    });
    QObject::connect(&events, &PcEvents::resumed, &agent, &RenewalAgent::resumed);
    QObject::connect(&events, &PcEvents::networkBack, &agent, &RenewalAgent::networkBack);
    QObject::connect(&events, &PcEvents::sessionEnding, &app, &QCoreApplication::quit);
    QTimer::singleShot(0, &agent, &RenewalAgent::start);
    return QCoreApplication::exec();
}

// The logon task as the MSI registers it (AUTO_RENEW=1): the per-machine Run entry.
bool logonTaskFound()
{
#ifdef Q_OS_WIN
    const QSettings run(QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
                        QSettings::NativeFormat);
    return run.value(QStringLiteral("RokinEnrollRenew")).toString().contains(QStringLiteral("--renew"));
#else
    return false; // no logon task off Windows
#endif
}

// --doctor: the help desk's checks, one line each on stdout; exit 0 only when all pass.
int doctorAndExit(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    nameTheApplication();
    const auto resolved = settingsOfThisPc();
    if (!resolved.error.isEmpty()) {
        std::cout << "[NG] " << resolved.error.toStdString() << '\n';
        return 1;
    }
    const auto& settings = resolved.settings;
    installTranslations(settings.language);
    ThisUser user(settings);
    ApiClient api(settings);
    api.setProxyCredentialVault(&user.vault); // what the clerk kept; nobody is asked here
    if (!api.trustConfigured()) {
        std::cout << "[NG] " << QObject::tr("The bank's CA bundle is not set up on this PC. Please contact the bank.").toStdString()
                  << '\n';
        return 1;
    }
    Doctor doctor({api, user.store, readIssuerBundle(settings.issuerBundle), user.memo, settings.autoRenew, logonTaskFound,
                   settings.language});
    int exitCode = 1;
    QObject::connect(&doctor, &Doctor::finished, &app, [&exitCode](const DoctorReport& report) {
        std::cout << report.text().toStdString() << '\n';
        exitCode = report.allPassed() ? 0 : 1;
        QCoreApplication::exit(exitCode);
    });
    QTimer::singleShot(0, &doctor, &Doctor::run);
    QCoreApplication::exec();
    return exitCode;
}

} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--doctor") {
            return doctorAndExit(argc, argv);
        }
        if (std::string_view(argv[i]) == "--check-renewal") {
            return checkRenewalAndExit(argc, argv);
        }
        if (std::string_view(argv[i]) == "--renew") {
            const bool stay = std::any_of(argv + 1, argv + argc, [](const char* a) { return std::string_view(a) == "--stay"; });
            return stay ? renewAndStay(argc, argv) : renewAndExit(argc, argv);
        }
    }
    QApplication app(argc, argv);
    nameTheApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Rokin Enroll"));

    const auto resolved = settingsOfThisPc();
    if (!resolved.error.isEmpty()) {
        std::cerr << "rokin-enroll: " << resolved.error.toStdString() << '\n';
        return 2;
    }
    const auto& settings = resolved.settings;

    installTranslations(settings.language);
    applyUiFont();

    ThisUser user(settings);
    ApiClient api(settings);
    if (!api.trustConfigured()) {
        // the installer writes CaBundle; without it the client would not know which server is the bank
        QMessageBox::critical(nullptr, QObject::tr("Rokin Enroll"),
                              settings.caBundle.isEmpty()
                                  ? QObject::tr("The bank's CA bundle is not set up on this PC. Please contact the bank.")
                                  : QObject::tr("The bank's CA bundle could not be read: %1").arg(settings.caBundle));
        return 2;
    }
    api.setProxyCredentialVault(&user.vault); // proxy credentials the clerk chose to keep
    WizardFlows wizard(api, user.store, user.pending, user.memo, settings.language, settings.keyType);
    MainWindow window(wizard);
    window.setDiagnosis(readIssuerBundle(settings.issuerBundle), settings.autoRenew, logonTaskFound);
    window.show();
    QTimer::singleShot(0, &wizard.session, &WizardSession::showRenewalNotice);
    QTimer::singleShot(0, &wizard.issuance, &IssuanceController::resumePendingImports);
    return QApplication::exec();
}
