#include "pages/IssuancePages.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace enroll::client {
namespace {

QString jst(const QDateTime& time)
{
    return time.toTimeZone(QTimeZone(9 * 3600)).toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"));
}

} // namespace

// --- ① ユーザー認証 --------------------------------------------------------------------------------

UserAuthenticationPage::UserAuthenticationPage(EnrollmentController& controller, QWidget* parent)
    : PageBase(controller, QStringLiteral("userAuthenticationPage"), parent)
{
    setTitle(tr("Electronic certificate issuance: user authentication"));
    setSubTitle(tr("Enter your user ID and password, then press [Authenticate]."));
    auto* userId = addField(Field::UserId, tr("User ID"), tr("6-12 half-width characters, letters and digits both required"));
    auto* password = addField(Field::Password, tr("Password"),
                              tr("8-12 half-width characters: upper- and lower-case letters, digits and symbols"), true);
    addText(tr("An authentication code will be sent to your registered e-mail address. If a certificate was already "
               "issued to you, authentication is possible only from 30 days before it expires."));
    addCancelButton();
    auto* authenticate = addButton(tr("Authenticate"), QStringLiteral("authenticateButton"));
    authenticate->setDefault(true);
    connect(authenticate, &QPushButton::clicked, this,
            [this, userId, password] { controller_.submitAuthentication(userId->text(), password->text()); });
}

void UserAuthenticationPage::enter()
{
    clearFields();
    edit(Field::UserId)->setText(controller_.userId());
    (controller_.userId().isEmpty() ? edit(Field::UserId) : edit(Field::Password))->setFocus();
}

// --- パスワード変更 ---------------------------------------------------------------------------------

PasswordChangePage::PasswordChangePage(EnrollmentController& controller, QWidget* parent)
    : PageBase(controller, QStringLiteral("passwordChangePage"), parent)
{
    setTitle(tr("Change your password"));
    setSubTitle(tr("This is your first use: replace the initial password your master user gave you."));
    addText(tr("Choose a password that only you know. You will use it to issue and renew your certificate."));
    auto* next = addField(Field::NewPassword, tr("New password"),
                          tr("8-12 half-width characters: upper- and lower-case letters, digits and symbols"), true);
    auto* again = addField(Field::NewPasswordAgain, tr("New password (again)"), tr("The same password again, to confirm it"), true);
    addCancelButton();
    auto* change = addButton(tr("Change"), QStringLiteral("changePasswordButton"));
    change->setDefault(true);
    connect(change, &QPushButton::clicked, this,
            [this, next, again] { controller_.submitPasswordChange(next->text(), again->text()); });
}

void PasswordChangePage::enter()
{
    clearFields();
    edit(Field::NewPassword)->setFocus();
}

// --- ② 認証コード入力 --------------------------------------------------------------------------------

CodeEntryPage::CodeEntryPage(EnrollmentController& controller, QWidget* parent)
    : PageBase(controller, QStringLiteral("codeEntryPage"), parent)
{
    setTitle(tr("Enter the authentication code"));
    setSubTitle(tr("Enter the code from the e-mail, then press [Authenticate]."));
    sentTo_ = addText({}, QStringLiteral("codeSentTo"));
    expiry_ = addText({}, QStringLiteral("codeExpiry"));
    connect(&controller_, &EnrollmentController::codeExpiryChanged, this, &CodeEntryPage::showExpiry);
    auto* code = addField(Field::Code, tr("Authentication code"), tr("6 half-width digits, valid for 30 minutes"));
    code->setMaxLength(6);
    addText(tr("If the e-mail does not arrive, check the registered address, or ask for a new code."));
    addCancelButton();
    auto* resend = addButton(tr("Send a new code"), QStringLiteral("resendButton"));
    resend->setAutoDefault(false);
    connect(resend, &QPushButton::clicked, &controller_, &EnrollmentController::resendCode);
    auto* verify = addButton(tr("Authenticate"), QStringLiteral("verifyButton"));
    verify->setDefault(true);
    connect(verify, &QPushButton::clicked, this, [this, code] { controller_.submitCode(code->text()); });
}

void CodeEntryPage::enter()
{
    clearFields();
    sentTo_->setText(tr("An authentication code was sent to %1.").arg(controller_.maskedEmail()));
    showExpiry();
    edit(Field::Code)->setFocus();
}

void CodeEntryPage::showExpiry()
{
    const auto end = controller_.codeExpiresAt();
    expiry_->setText(end.isValid() ? tr("Valid until %1").arg(end.toLocalTime().toString(QStringLiteral("HH:mm"))) : QString());
    expiry_->setVisible(end.isValid());
}

// --- ③ 発行 ---------------------------------------------------------------------------------------

IssuePage::IssuePage(EnrollmentController& controller, QWidget* parent)
    : PageBase(controller, QStringLiteral("issuePage"), parent)
{
    setTitle(tr("Issue the electronic certificate"));
    setSubTitle(tr("Press [Issue]."));
    addText(tr("The key of your certificate is made on this PC and never leaves it. The certificate is imported "
               "for the Windows account you are using now: issue it with the account you will work with."));
    addCancelButton();
    auto* issue = addButton(tr("Issue"), QStringLiteral("issueButton"));
    issue->setDefault(true);
    connect(issue, &QPushButton::clicked, &controller_, &EnrollmentController::issue);
}

// --- ④ 発行中 -------------------------------------------------------------------------------------

IssuingPage::IssuingPage(EnrollmentController& controller, QWidget* parent)
    : PageBase(controller, QStringLiteral("issuingPage"), parent)
{
    setTitle(tr("Issuing the electronic certificate"));
    setSubTitle(tr("Please wait. Issuance can take some tens of seconds."));
    step_ = addText({}, QStringLiteral("issuingStep"));
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("issuingProgress"));
    progress_->setAccessibleName(tr("Issuance progress"));
    progress_->setRange(0, 100);
    body_->addWidget(progress_);
    connect(&controller_, &EnrollmentController::progressChanged, this, [this](int percent, const QString& step) {
        progress_->setValue(percent);
        step_->setText(step);
    });
    auto* cancel = addCancelButton();
    connect(&controller_, &EnrollmentController::messageChanged, cancel, [cancel](const QString& m) {
        cancel->setText(m.isEmpty() ? tr("Cancel") : tr("Back to the start"));
    });
    // the page stays readable while the work goes on (showsProgress); only the button waits
    connect(&controller_, &EnrollmentController::busyChanged, cancel, [cancel](bool busy) { cancel->setEnabled(!busy); });
}

void IssuingPage::enter()
{
    progress_->setValue(0);
}

// --- ⑤ 発行結果 -----------------------------------------------------------------------------------

IssueResultPage::IssueResultPage(EnrollmentController& controller, QWidget* parent)
    : PageBase(controller, QStringLiteral("issueResultPage"), parent)
{
    setTitle(tr("Issuance result"));
    setSubTitle(tr("The electronic certificate was issued. Press [Import] to install it on this PC."));
    subject_ = addValueRow(tr("Subject"), QStringLiteral("resultSubject"));
    serial_ = addValueRow(tr("Serial number"), QStringLiteral("resultSerial"));
    from_ = addValueRow(tr("Valid from"), QStringLiteral("resultValidFrom"));
    to_ = addValueRow(tr("Valid until"), QStringLiteral("resultValidTo"));
    addText(tr("The certificate is valid for 366 days including today. Renewal is possible from 30 days before "
               "it expires. If this program is closed now, it finishes the import at its next start."));
    auto* import = addButton(tr("Import"), QStringLiteral("importButton"));
    import->setDefault(true);
    connect(import, &QPushButton::clicked, &controller_, &EnrollmentController::proceedToImport);
}

void IssueResultPage::enter()
{
    const auto& issued = controller_.issued();
    subject_->setText(issued.subject);
    serial_->setText(issued.serial);
    from_->setText(jst(issued.notBefore));
    to_->setText(jst(issued.notAfter));
}

// --- ⑥ インポート --------------------------------------------------------------------------------

ImportPage::ImportPage(EnrollmentController& controller, QWidget* parent)
    : PageBase(controller, QStringLiteral("importPage"), parent)
{
    setTitle(tr("Import"));
    setSubTitle(tr("The certificate and its private key are being installed for your Windows account."));
    state_ = addText({}, QStringLiteral("importState"));
    QFont big = state_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    state_->setFont(big);
    retry_ = addButton(tr("Try again"), QStringLiteral("retryImportButton"));
    connect(retry_, &QPushButton::clicked, &controller_, &EnrollmentController::proceedToImport);
    close_ = addButton(tr("Close"), QStringLiteral("closeButton"));
    connect(close_, &QPushButton::clicked, &controller_, &EnrollmentController::cancel);
    connect(&controller_, &EnrollmentController::messageChanged, this, [this](const QString& m) {
        const bool failed = !m.isEmpty() && controller_.page() == EnrollmentController::Page::Import;
        retry_->setVisible(failed);
        close_->setEnabled(failed || controller_.page() == EnrollmentController::Page::Done);
    });
}

void ImportPage::enter()
{
    retry_->hide();
    if (controller_.page() == EnrollmentController::Page::Done) {
        state_->setText(tr("Imported correctly."));
        setSubTitle(tr("The initial setup is complete. You can now log in to the system from this PC."));
        close_->setEnabled(true);
    } else {
        state_->setText(tr("Importing…"));
        setSubTitle(tr("The certificate and its private key are being installed for your Windows account."));
        close_->setEnabled(false);
    }
}

} // namespace enroll::client
