#include "pages/MainWindow.h"

#include "pages/IssuancePages.h"
#include "pages/MasterPages.h"
#include "pages/ProxyLoginDialog.h"
#include "pages/SignedInPages.h"

#include "flow/Doctor.h"

#include <QApplication>
#include <QMessageBox>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace enroll::client {

using Page = WizardSession::Page;

MainWindow::MainWindow(WizardFlows& wizard, QWidget* parent) : QWidget(parent), session_(wizard.session)
{
    setObjectName(QStringLiteral("mainWindow"));
    resize(860, 700);
    auto* layout = new QVBoxLayout(this);
    stepBar_ = new QLabel(this);
    stepBar_->setObjectName(QStringLiteral("stepBar"));
    stepBar_->setTextFormat(Qt::RichText);
    stepBar_->setWordWrap(true);
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("pageTitle"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    subtitle_ = new QLabel(this);
    subtitle_->setObjectName(QStringLiteral("pageSubtitle"));
    subtitle_->setWordWrap(true);
    stack_ = new QStackedWidget(this);
    layout->addWidget(stepBar_);
    layout->addWidget(title_);
    layout->addWidget(subtitle_);
    layout->addWidget(stack_, 1);

    // a proxy that asks for a password asks the clerk, over this window
    session_.api().setProxyLoginPrompt(proxyLoginPrompt(this));

    auto& issuance = wizard.issuance;
    auto* start = new StartPage(session_, this);
    connect(start, &StartPage::signInRequested, &wizard.account, &AccountController::signIn);
    connect(start, &StartPage::masterRegistrationRequested, &wizard.registration, &RegistrationController::start);
    connect(start, &StartPage::issuanceRequested, &issuance, [&issuance] { issuance.start(); });
    connect(start, &StartPage::diagnosisRequested, this, &MainWindow::diagnose);
    auto* importPage = new ImportPage(session_, issuance, this);
    pages_ = {
        {Page::Start, start},
        {Page::ContractLogin, new ContractLoginPage(session_, wizard.registration, this)},
        {Page::Registration, new RegistrationPage(session_, wizard.registration, this)},
        {Page::RegistrationResult, new RegistrationResultPage(session_, wizard.registration, this)},
        {Page::UserAuthentication, new UserAuthenticationPage(session_, issuance, this)},
        {Page::PasswordChange, new PasswordChangePage(session_, issuance, this)},
        {Page::CodeEntry, new CodeEntryPage(session_, issuance, this)},
        {Page::Issue, new IssuePage(session_, issuance, this)},
        {Page::Issuing, new IssuingPage(session_, issuance, this)},
        {Page::IssueResult, new IssueResultPage(session_, issuance, this)},
        {Page::Import, importPage},
        {Page::Done, importPage},
        {Page::Account, new AccountPage(session_, wizard.account, this)},
        {Page::Users, new UsersPage(session_, wizard.users, this)},
    };
    for (const auto& [page, widget] : pages_) {
        if (stack_->indexOf(widget) < 0) {
            stack_->addWidget(widget);
            connect(widget, &PageBase::headingChanged, this, [this, widget = widget] {
                if (currentPage() == widget) {
                    showHeading();
                }
            });
        }
    }

    connect(&session_, &WizardSession::pageChanged, this, &MainWindow::showPage);
    connect(&session_, &WizardSession::fieldErrorsChanged, this,
            [this](const FieldErrors& errors) { currentPage()->showFieldErrors(errors); });
    connect(&session_, &WizardSession::messageChanged, this,
            [this](const QString& message) { currentPage()->showMessage(message); });
    connect(&session_, &WizardSession::noticeChanged, this,
            [this](const QString& notice) { currentPage()->showNotice(notice); });
    connect(&session_, &WizardSession::busyChanged, this, [this](bool busy) {
        updateStepBar(); // ⑤ 登録実行 while the bank registers
        stack_->setEnabled(!busy || currentPage()->showsProgress());
        if (busy) {
            QApplication::setOverrideCursor(Qt::BusyCursor);
        } else {
            QApplication::restoreOverrideCursor();
        }
    });
    showPage(session_.page());
}

void MainWindow::setDiagnosis(QByteArray issuersPem, bool logonTaskInstalled, std::function<bool()> logonTaskFound)
{
    issuersPem_ = std::move(issuersPem);
    logonTaskInstalled_ = logonTaskInstalled;
    logonTaskFound_ = std::move(logonTaskFound);
}

void MainWindow::diagnose()
{
    if (session_.busy()) {
        return;
    }
    session_.setBusy(true);
    auto* doctor = new Doctor({session_.api(), session_.store(), issuersPem_, session_.memo(), logonTaskInstalled_, logonTaskFound_,
                               session_.language()},
                              this);
    connect(doctor, &Doctor::finished, this, [this, doctor](const DoctorReport& report) {
        doctor->deleteLater();
        session_.setBusy(false);
        auto* box = new QMessageBox(report.allPassed() ? QMessageBox::Information : QMessageBox::Warning, tr("Connection check"),
                                    report.allPassed() ? tr("Every check passed.") : tr("Some checks failed. Please tell the bank's help desk these lines."),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("doctorReport"));
        box->setInformativeText(report.text());
        box->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    doctor->run();
}

PageBase* MainWindow::currentPage() const
{
    return pages_.at(session_.page());
}

void MainWindow::showPage(Page page)
{
    auto* widget = pages_.at(page);
    stack_->setCurrentWidget(widget);
    stack_->setEnabled(!session_.busy() || widget->showsProgress());
    widget->enter();
    showHeading();
    updateStepBar();
}

void MainWindow::showHeading()
{
    const auto* widget = currentPage();
    title_->setText(widget->title());
    subtitle_->setText(widget->subTitle());
    // the page in the window's title too, for the taskbar, Alt+Tab and screen readers (Qt adds the
    // program's name after it)
    setWindowTitle(session_.page() == Page::Start ? tr("Rokin Enroll") : widget->title());
}

void MainWindow::updateStepBar()
{
    using Flow = WizardSession::Flow;
    const auto step = session_.step();
    if (step.flow == Flow::None) {
        stepBar_->clear();
        stepBar_->hide();
        return;
    }
    // the manual's step bars with the manual's numbers, under the name of the flow
    // (■マスターユーザーの初期登録 ③④⑤⑥ — ①② are the browser's — / ■電子証明書発行 ①…⑥)
    const bool master = step.flow == Flow::MasterRegistration;
    const QString flow = master ? tr("Initial registration of the master user") : tr("Electronic certificate issuance");
    const int first = master ? 3 : 1;
    const QStringList names = master ? QStringList{tr("Initial registration login"), tr("Enter registration details"),
                                                   tr("Run the registration"), tr("Registration result")}
                                     : QStringList{tr("User authentication"), tr("Enter code"), tr("Issue"), tr("Issuing"),
                                                   tr("Issuance result"), tr("Import")};
    QStringList parts;
    for (int i = 0; i < names.size(); ++i) {
        const int number = first + i;
        const auto item = QString(QChar(0x2460 + number - 1)) + QLatin1Char(' ') + names.at(i).toHtmlEscaped();
        parts << (number == step.number ? QStringLiteral("<b><u>%1</u></b>").arg(item)
                                        : QStringLiteral("<span style='color:#666'>%1</span>").arg(item));
    }
    stepBar_->setText(QStringLiteral("<b>■ %1</b><br>%2").arg(flow.toHtmlEscaped(), parts.join(QStringLiteral("&nbsp;&nbsp; "))));
    stepBar_->setAccessibleName(tr("%1, step %2: %3").arg(flow).arg(step.number).arg(names.at(step.number - first)));
    stepBar_->show();
}

} // namespace enroll::client
