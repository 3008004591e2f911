// rokin-enroll: settings and translation, the certificate store of this PC, the wizard's flows and
// the window; at start it finishes an import that a closed window interrupted.
#include "app/ClientSettings.h"
#include "flow/ApiClient.h"
#include "flow/WizardFlows.h"
#include "pages/MainWindow.h"
#include "pages/Translations.h"
#include "pages/UiFont.h"
#include "store/PendingImport.h"
#include "store/portable/PortableCertificateStore.h"
#ifdef Q_OS_WIN
#include "store/windows/WindowsCertificateStore.h"
#endif

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <iostream>

using namespace enroll;
using namespace enroll::client;

namespace {

// --check-renewal: for a logon task; no window, one line, exit 0 / 10 / 20.
int checkRenewalAndExit(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Rokin"));
    QCoreApplication::setApplicationName(QStringLiteral("Enroll"));
#ifdef Q_OS_WIN
    WindowsCertificateStore store;
#else
    KeychainVault vault; // listing needs no secret
    PortableCertificateStore store(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                       QStringLiteral("/certificates"),
                                   vault);
#endif
    const auto check = checkRenewal(certificateStatusOf(store.find({}), QDateTime::currentDateTimeUtc()));
    std::cout << check.line.toStdString() << '\n';
    return check.exitCode;
}

} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--check-renewal") {
            return checkRenewalAndExit(argc, argv);
        }
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Rokin"));
    QApplication::setApplicationName(QStringLiteral("Enroll"));
    QApplication::setApplicationDisplayName(QStringLiteral("Rokin Enroll"));

    // On Windows: HKLM\Software\Rokin\Enroll, written by the MSI.
    const QSettings machine(QSettings::NativeFormat, QSettings::SystemScope, QStringLiteral("Rokin"), QStringLiteral("Enroll"));
    const auto resolved = resolveSettings(machine, QApplication::arguments());
    if (!resolved.error.isEmpty()) {
        std::cerr << "rokin-enroll: " << resolved.error.toStdString() << '\n';
        return 2;
    }
    const auto& settings = resolved.settings;

    installTranslations(settings.language);
    applyUiFont();

    const auto dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    KeychainVault vault;
#ifdef Q_OS_WIN
    WindowsCertificateStore store; // current user's "MY", key not exportable
#else
    PortableCertificateStore store(dataDir + QStringLiteral("/certificates"), vault);
#endif
    PendingImports pending(dataDir + QStringLiteral("/pending"), vault);
    ApiClient api(settings);
    if (!api.trustConfigured()) {
        // the installer writes CaBundle; without it the client would not know which server is the bank
        QMessageBox::critical(nullptr, QObject::tr("Rokin Enroll"),
                              settings.caBundle.isEmpty()
                                  ? QObject::tr("The bank's CA bundle is not set up on this PC. Please contact the bank.")
                                  : QObject::tr("The bank's CA bundle could not be read: %1").arg(settings.caBundle));
        return 2;
    }
    WizardFlows wizard(api, store, pending, settings.language, settings.keyType);
    MainWindow window(wizard);
    window.show();
    QTimer::singleShot(0, &wizard.issuance, &IssuanceController::resumePendingImports);
    return QApplication::exec();
}
