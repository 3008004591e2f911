#include "pages/MasterPages.h"

#include "enroll/Protocol.h"
#include "enroll/RuleText.h"
#include "flow/FlowText.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace enroll::client {

// --- ろうきん賃金控除事務支援システム ---------------------------------------------------------------

StartPage::StartPage(WizardSession& session, QWidget* parent)
    : PageBase(session, QStringLiteral("startPage"), parent)
{
    setTitle(tr("Rokin Wage Deduction Administration Support System"));
    setSubTitle(tr("Choose what you want to do."));
    status_ = addText({}, QStringLiteral("certificateStatus"));
    status_->setAccessibleName(tr("Certificate of this Windows account"));
    auto* login = new QPushButton(tr("Log in"), this);
    login->setObjectName(QStringLiteral("loginButton"));
    auto* master = new QPushButton(tr("Initial registration of the master user"), this);
    master->setObjectName(QStringLiteral("masterRegistrationButton"));
    auto* general = new QPushButton(tr("Initial registration of a general user"), this);
    general->setObjectName(QStringLiteral("generalRegistrationButton"));
    auto* issue = new QPushButton(tr("Issue electronic certificate"), this);
    issue->setObjectName(QStringLiteral("issueCertificateButton"));
    const QString toAuthentication = tr("Shows the user authentication screen for issuing an electronic certificate.");
    describe(login, tr("Logs in with the electronic certificate of this Windows account and shows your user "
                       "information."));
    describe(master, tr("Shows the initial registration login screen of the master user."));
    describe(general, toAuthentication);
    describe(issue, toAuthentication);
    for (auto* button : {login, master, general, issue}) {
        button->setMinimumHeight(40);
        body_->addWidget(button);
    }
    auto* diagnose = new QPushButton(tr("Connection check"), this);
    diagnose->setObjectName(QStringLiteral("diagnoseButton"));
    describe(diagnose, tr("Checks the connection to the bank, this PC's certificate and its automatic renewal, for the "
                          "bank's help desk."));
    body_->addWidget(diagnose, 0, Qt::AlignRight);
    // the manual's ■ご用意ください (with the ID and password rules of common/) and its one-master rule
    const auto language = session_.language();
    addNotes({tr("Before the initial setup, please have ready: ① the \"Notice of start of use (change)\" from the "
                 "bank, ② the initial password the contractor applied for at the bank when signing the contract, ③ an "
                 "e-mail address, ④ the user ID and password you will use."),
              tr("User ID: %1").arg(flowText(fieldRuleText(Field::UserId, language))),
              tr("Password: %1").arg(flowText(fieldRuleText(Field::Password, language))),
              tr("Only one master user can be registered per employer.")});
    connect(diagnose, &QPushButton::clicked, this, &StartPage::diagnosisRequested);
    connect(login, &QPushButton::clicked, this, &StartPage::signInRequested);
    connect(master, &QPushButton::clicked, this, &StartPage::masterRegistrationRequested);
    // A general user enrols with the issuance flow, as the manual's button does.
    connect(general, &QPushButton::clicked, this, &StartPage::issuanceRequested);
    connect(issue, &QPushButton::clicked, this, &StartPage::issuanceRequested);
    connect(&session_, &WizardSession::certificateStatusChanged, this, &StartPage::enter);
}

void StartPage::enter()
{
    const auto status = session_.certificateStatus();
    if (!status.present) {
        status_->setText(tr("This Windows account holds no electronic certificate from the bank yet."));
        return;
    }
    const auto expiry = shownJapanTime(status.notAfter, JapanTimeText::Minutes);
    QString text = tr("Electronic certificate of %1, valid until %2.").arg(status.userId, expiry);
    if (status.expired) {
        text = tr("The electronic certificate of %1 expired on %2. Please issue a new one.").arg(status.userId, expiry);
    } else if (session_.memo().renewsByItself()) {
        // the logon task (rokin-enroll --renew) renews it on the first logon of the window
        text += QLatin1Char('\n') +
                (status.renewalOpen
                     ? tr("This PC renews the certificate by itself at your next Windows logon.")
                     : tr("This PC renews the certificate by itself at your first Windows logon from %1.")
                           .arg(shownJapanTime(status.renewableFrom, JapanTimeText::Date)));
    } else if (status.renewalOpen) {
        text += QLatin1Char('\n') + tr("Renewal is open: use [Issue electronic certificate].");
    }
    status_->setText(text);
}

// --- 初期登録ログイン ------------------------------------------------------------------------------

ContractLoginPage::ContractLoginPage(WizardSession& session, RegistrationController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("contractLoginPage"), parent)
{
    setTitle(tr("Initial registration login"));
    setSubTitle(tr("Enter the contract number and the initial password, then press [Next]."));
    auto* number = addField(Field::ContractNumber);
    number->setMaxLength(8);
    auto* password = addField(Field::InitialPassword, Echo::Password);
    addNotes({tr("For the contract number, enter the contract number written in the \"Notice of start (change) of "
                 "use\"."),
              tr("For the initial password, enter the password the contractor applied for at the bank at contract "
                 "time."),
              tr("After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted "
                 "after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more "
                 "(block) and you can no longer log in."),
              tr("If you are blocked, please contact the bank (Rokin).")});
    addCancelButton(tr("Stops the initial registration login and shows the start screen."));
    auto* next = addButton(tr("Next"), QStringLiteral("nextButton"), tr("Runs the initial registration login."));
    next->setDefault(true);
    connect(next, &QPushButton::clicked, this,
            [this, number, password] { flow_.submitContractLogin(number->text(), password->text()); });
}

void ContractLoginPage::enter()
{
    clearFields();
}

// --- 登録内容入力 ----------------------------------------------------------------------------------

RegistrationPage::RegistrationPage(WizardSession& session, RegistrationController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("registrationPage"), parent)
{
    setTitle(tr("Enter registration details"));
    setSubTitle(tr("Enter each item, check it, then press [Register]."));
    employer_ = addText({}, QStringLiteral("employerName"));
    addField(Field::UserId);
    addField(Field::Password, Echo::Password);
    addField(Field::PasswordAgain, Echo::Password);
    addField(Field::UserName);
    addField(Field::Email);
    addField(Field::EmailAgain);
    carrierWarning_ = new QLabel(this);
    carrierWarning_->setObjectName(QStringLiteral("carrierWarning"));
    carrierWarning_->setWordWrap(true);
    carrierWarning_->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    carrierWarning_->hide();
    body_->addWidget(carrierWarning_);
    addNotes({tr("Enter the registration details in each item. Please check the explanation under each item."),
              tr("The master user uses the user ID to issue (and reissue) the electronic certificate."),
              tr("The master user uses the password to issue the electronic certificate and to log in."),
              tr("A user ID that already exists cannot be registered: please register with another ID."),
              tr("Take care not to forget the user ID and password, and keep them strictly so that no third party "
                 "learns them."),
              tr("Notices are e-mailed to the registered address: the registration, authentication codes, locks, "
                 "the issued certificate and its coming expiry.")});
    addCancelButton(tr("Stops the initial registration and shows the start screen."));
    // [登録] can always be pressed: what is missing or wrong is then said under each field
    register_ = addButton(tr("Register"), QStringLiteral("registerButton"),
                          tr("Runs the registration. What is missing or wrong is shown under its item."));
    register_->setDefault(true);
    for (auto field : {Field::UserId, Field::Password, Field::PasswordAgain, Field::UserName, Field::Email,
                       Field::EmailAgain}) {
        connect(edit(field), &QLineEdit::textChanged, this, &RegistrationPage::validateLive);
    }
    connect(register_, &QPushButton::clicked, this, [this] {
        pressed_ = true;
        flow_.submitRegistration(form());
    });
}

RegistrationForm RegistrationPage::form() const
{
    return {edit(Field::UserId)->text(),   edit(Field::Password)->text(), edit(Field::PasswordAgain)->text(),
            edit(Field::UserName)->text(), edit(Field::Email)->text(),    edit(Field::EmailAgain)->text()};
}

void RegistrationPage::validateLive()
{
    const auto f = form();
    const protocol::RegistrationRequest request{f.userId.toStdString(), SecureString(f.password.toStdString()),
                                                f.userName.toStdString(), f.email.toStdString()};
    const auto errors = protocol::validateRegistrationForm(request, f.passwordAgain.toStdString(), f.emailAgain.toStdString());
    // Say what is wrong with what was typed; an empty field is "required" once [Register] was pressed.
    FieldErrors shown;
    std::copy_if(errors.begin(), errors.end(), std::back_inserter(shown),
                 [this](const FieldError& e) { return pressed_ || !edit(e.field)->text().isEmpty(); });
    showFieldErrors(shown);
    const bool carrier = !f.email.isEmpty() && isMobileCarrierAddress(f.email.toStdString());
    carrierWarning_->setText(QString::fromUtf8(mobileCarrierWarning(session_.language()).data()));
    carrierWarning_->setVisible(carrier);
}

void RegistrationPage::enter()
{
    clearFields();
    employer_->setText(tr("Employer: %1").arg(flow_.employerName()));
    pressed_ = false;
    carrierWarning_->hide();
}

// --- 登録結果 --------------------------------------------------------------------------------------

RegistrationResultPage::RegistrationResultPage(WizardSession& session, RegistrationController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("registrationResultPage"), parent)
{
    setTitle(tr("Registration result"));
    setSubTitle(tr("The registration of the master user is complete."));
    userId_ = addValueRow(tr("User ID"), QStringLiteral("resultUserId"));
    auto* password = addValueRow(tr("Password"), QStringLiteral("resultPassword"));
    password->setText(QStringLiteral("*****"));
    userName_ = addValueRow(tr("User name"), QStringLiteral("resultUserName"));
    email_ = addValueRow(tr("E-mail address"), QStringLiteral("resultEmail"));
    addText(tr("Continue with the issuance of the electronic certificate: press [Issue electronic certificate]. "
               "To issue it later, press [To the login screen] and start the issuance from there."));
    addNotes({tr("If something was entered wrongly, it can be changed on the user information page after logging in. "
                 "(The user ID cannot be changed. To change it, please contact the bank (Rokin).)")});
    auto* toStart = addButton(tr("To the login screen"), QStringLiteral("toLoginButton"), tr("Shows the start screen."));
    toStart->setAutoDefault(false);
    connect(toStart, &QPushButton::clicked, &session_, &WizardSession::cancel);
    auto* issue = addButton(tr("Issue electronic certificate"), QStringLiteral("continueIssueButton"),
                            tr("Shows the user authentication screen for issuing an electronic certificate."));
    issue->setDefault(true);
    connect(issue, &QPushButton::clicked, &flow_, &RegistrationController::continueToIssuance);
}

void RegistrationResultPage::enter()
{
    const auto& user = flow_.registered();
    userId_->setText(user.userId);
    userName_->setText(user.userName);
    email_->setText(user.email);
}

} // namespace enroll::client
