#include "pages/MainWindow.h"

#include "pages/IssuancePages.h"
#include "pages/MasterPages.h"
#include "pages/SignedInPages.h"

#include <QApplication>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace enroll::client {

using Page = EnrollmentController::Page;

MainWindow::MainWindow(EnrollmentController& controller, QWidget* parent) : QWidget(parent), controller_(controller)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Rokin Enroll"));
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

    auto* importPage = new ImportPage(controller_, this);
    pages_ = {
        {Page::Start, new StartPage(controller_, this)},
        {Page::ContractLogin, new ContractLoginPage(controller_, this)},
        {Page::Registration, new RegistrationPage(controller_, this)},
        {Page::RegistrationResult, new RegistrationResultPage(controller_, this)},
        {Page::UserAuthentication, new UserAuthenticationPage(controller_, this)},
        {Page::PasswordChange, new PasswordChangePage(controller_, this)},
        {Page::CodeEntry, new CodeEntryPage(controller_, this)},
        {Page::Issue, new IssuePage(controller_, this)},
        {Page::Issuing, new IssuingPage(controller_, this)},
        {Page::IssueResult, new IssueResultPage(controller_, this)},
        {Page::Import, importPage},
        {Page::Done, importPage},
        {Page::Account, new AccountPage(controller_, this)},
        {Page::Users, new UsersPage(controller_, this)},
    };
    for (const auto& [page, widget] : pages_) {
        if (stack_->indexOf(widget) < 0) {
            stack_->addWidget(widget);
        }
    }

    connect(&controller_, &EnrollmentController::pageChanged, this, &MainWindow::showPage);
    connect(&controller_, &EnrollmentController::fieldErrorsChanged, this,
            [this](const FieldErrors& errors) { currentPage()->showFieldErrors(errors); });
    connect(&controller_, &EnrollmentController::messageChanged, this,
            [this](const QString& message) { currentPage()->showMessage(message); });
    connect(&controller_, &EnrollmentController::noticeChanged, this,
            [this](const QString& notice) { currentPage()->showNotice(notice); });
    connect(&controller_, &EnrollmentController::busyChanged, this, [this](bool busy) {
        stack_->setEnabled(!busy || currentPage()->showsProgress());
        if (busy) {
            QApplication::setOverrideCursor(Qt::BusyCursor);
        } else {
            QApplication::restoreOverrideCursor();
        }
    });
    showPage(controller_.page());
}

PageBase* MainWindow::currentPage() const
{
    return pages_.at(controller_.page());
}

void MainWindow::showPage(Page page)
{
    auto* widget = pages_.at(page);
    stack_->setCurrentWidget(widget);
    stack_->setEnabled(!controller_.busy() || widget->showsProgress());
    widget->enter();
    title_->setText(widget->title());
    subtitle_->setText(widget->subTitle());
    updateStepBar();
}

void MainWindow::updateStepBar()
{
    const auto [step, of] = controller_.step();
    if (step == 0) {
        stepBar_->clear();
        stepBar_->hide();
        return;
    }
    // the manual's step bars, under the name of the flow (■マスターユーザーの初期登録 / ■電子証明書発行)
    const bool master = of == 3;
    const QString flow = master ? tr("Initial registration of the master user") : tr("Electronic certificate issuance");
    const QStringList names = master ? QStringList{tr("Initial registration login"), tr("Enter registration details"),
                                                   tr("Registration result")}
                                     : QStringList{tr("User authentication"), tr("Enter code"), tr("Issue"), tr("Issuing"),
                                                   tr("Issuance result"), tr("Import")};
    QStringList parts;
    for (int i = 0; i < names.size(); ++i) {
        const auto item = QString(QChar(0x2460 + i)) + QLatin1Char(' ') + names.at(i).toHtmlEscaped();
        parts << (i + 1 == step ? QStringLiteral("<b><u>%1</u></b>").arg(item)
                                : QStringLiteral("<span style='color:#666'>%1</span>").arg(item));
    }
    stepBar_->setText(QStringLiteral("<b>■ %1</b><br>%2").arg(flow.toHtmlEscaped(), parts.join(QStringLiteral("&nbsp;&nbsp; "))));
    stepBar_->setAccessibleName(tr("%1, step %2 of %3: %4").arg(flow).arg(step).arg(of).arg(names.at(step - 1)));
    stepBar_->show();
}

} // namespace enroll::client
