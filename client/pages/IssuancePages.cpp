#include "pages/IssuancePages.h"

#include "flow/FlowText.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace enroll::client {

// --- ① ユーザー認証 --------------------------------------------------------------------------------

UserAuthenticationPage::UserAuthenticationPage(WizardSession& session, IssuanceController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("userAuthenticationPage"), parent)
{
    setTitle(tr("Electronic certificate issuance: user authentication"));
    setSubTitle(tr("Enter your user ID and password, then press [Authenticate]."));
    addText(tr("[Authenticate] checks the user ID and password and sends an authentication code to your registered "
               "e-mail address."));
    auto* userId = addField(Field::UserId);
    auto* password = addField(Field::Password, Echo::Password);
    addNotes({tr("Enter the user ID and password registered in the initial registration of the master user. A general "
                 "user enters the user ID and initial password the master user gave."),
              tr("After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted "
                 "after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more "
                 "(block) and the user ID entered can no longer be authenticated."),
              tr("If an electronic certificate has already been issued to you, authentication is not possible; it "
                 "becomes possible from 30 days before the certificate expires."),
              tr("When a lock or block happens, a notice is sent by e-mail to your registered address."),
              tr("If the master user is blocked, please contact the bank (Rokin).")});
    addCancelButton(tr("Stops the user authentication and shows the start screen."));
    auto* authenticate = addButton(tr("Authenticate"), QStringLiteral("authenticateButton"),
                                   tr("Runs the user authentication and sends an authentication code to your e-mail "
                                      "address."));
    authenticate->setDefault(true);
    connect(authenticate, &QPushButton::clicked, this,
            [this, userId, password] { flow_.submitAuthentication(userId->text(), password->text()); });
}

void UserAuthenticationPage::enter()
{
    clearFields();
    edit(Field::UserId)->setText(flow_.userId());
    (flow_.userId().isEmpty() ? edit(Field::UserId) : edit(Field::Password))->setFocus();
}

// --- パスワード変更 ---------------------------------------------------------------------------------

PasswordChangePage::PasswordChangePage(WizardSession& session, IssuanceController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("passwordChangePage"), parent)
{
    setTitle(tr("Change your password"));
    setSubTitle(tr("This is your first use: replace the initial password your master user gave you."));
    addText(tr("Choose a password that only you know. You will use it to issue and renew your certificate."));
    auto* next = addField(Field::NewPassword, Echo::Password);
    auto* again = addField(Field::NewPasswordAgain, Echo::Password);
    addCancelButton(tr("Stops the password change and shows the start screen."));
    auto* change = addButton(tr("Change"), QStringLiteral("changePasswordButton"), tr("Changes the password."));
    change->setDefault(true);
    connect(change, &QPushButton::clicked, this,
            [this, next, again] { flow_.submitPasswordChange(next->text(), again->text()); });
}

void PasswordChangePage::enter()
{
    clearFields();
    edit(Field::NewPassword)->setFocus();
}

// --- ② 認証コード入力 --------------------------------------------------------------------------------

CodeEntryPage::CodeEntryPage(WizardSession& session, IssuanceController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("codeEntryPage"), parent)
{
    setTitle(tr("Enter the authentication code"));
    setSubTitle(tr("Enter the code from the e-mail, then press [Authenticate]."));
    sentTo_ = addText({}, QStringLiteral("codeSentTo"));
    expiry_ = addText({}, QStringLiteral("codeExpiry"));
    connect(&flow_, &IssuanceController::codeExpiryChanged, this, &CodeEntryPage::showExpiry);
    auto* code = addField(Field::Code);
    code->setMaxLength(6);
    addNotes({tr("Enter the authentication code sent to your e-mail address."),
              tr("If the e-mail with the code does not arrive, please check the registered e-mail address again. "
                 "[Send a new code] sends another one."),
              // the manual's [キャンセル] goes back to ユーザー認証; this one to the start (a new code each time)
              tr("Unlike the manual, [Cancel] goes back to the start screen, not to the user authentication screen. "
                 "To continue later, start again with [Issue electronic certificate].")});
    addCancelButton(tr("Stops the process and shows the start screen."));
    auto* resend = addButton(tr("Send a new code"), QStringLiteral("resendButton"),
                             tr("Sends a new authentication code to your e-mail address."));
    resend->setAutoDefault(false);
    connect(resend, &QPushButton::clicked, &flow_, &IssuanceController::resendCode);
    auto* verify = addButton(tr("Authenticate"), QStringLiteral("verifyButton"), tr("Runs the two-step authentication."));
    verify->setDefault(true);
    connect(verify, &QPushButton::clicked, this, [this, code] { flow_.submitCode(code->text()); });
}

void CodeEntryPage::enter()
{
    clearFields();
    sentTo_->setText(tr("An authentication code was sent to %1.").arg(flow_.maskedEmail()));
    showExpiry();
    edit(Field::Code)->setFocus();
}

void CodeEntryPage::showExpiry()
{
    const auto end = flow_.codeExpiresAt();
    expiry_->setText(end.isValid() ? tr("Valid until %1").arg(shownJapanTime(end, JapanTimeText::TimeOfDay)) : QString());
    expiry_->setVisible(end.isValid());
}

// --- ③ 発行 ---------------------------------------------------------------------------------------

IssuePage::IssuePage(WizardSession& session, IssuanceController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("issuePage"), parent)
{
    setTitle(tr("Issue the electronic certificate"));
    setSubTitle(tr("Press [Issue]."));
    addText(tr("The secret key of your certificate is made on this PC and never leaves it."));
    addNotes({tr("The electronic certificate is imported to this PC. You can log in to the system only from the PC "
                 "where the certificate was imported."),
              tr("The certificate is imported for each Windows logon account: issue it with the logon account you "
                 "use the system with."),
              tr("Only one electronic certificate can be issued per user."),
              renewalNote()});
    addCancelButton(tr("Stops the electronic certificate issuance and shows the start screen."));
    auto* issue = addButton(tr("Issue"), QStringLiteral("issueButton"), tr("Runs the electronic certificate issuance."));
    issue->setDefault(true);
    connect(issue, &QPushButton::clicked, &flow_, &IssuanceController::issue);
}

// --- ④ 発行中 -------------------------------------------------------------------------------------

IssuingPage::IssuingPage(WizardSession& session, IssuanceController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("issuingPage"), parent)
{
    setTitle(tr("Issuing the electronic certificate"));
    setSubTitle(tr("The electronic certificate is being issued. Please wait."));
    step_ = addText({}, QStringLiteral("issuingStep"));
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("issuingProgress"));
    progress_->setAccessibleName(tr("Issuance progress"));
    progress_->setRange(0, 100);
    // drawn the same on every PC: the platform's bar animates a glow that a picture catches as a dark
    // sliver (Windows style under Wine). Black text reads on both parts (6:1 on the bar, which
    // stands 3:1 from the white).
    progress_->setStyleSheet(QStringLiteral("QProgressBar { border: 1px solid #767676; background: #ffffff; color: #000000; "
                                            "text-align: center; min-height: 22px; }"
                                            "QProgressBar::chunk { background: #4a90e2; }"));
    body_->addWidget(progress_);
    addNotes({tr("Issuing the electronic certificate can take some tens of seconds.")});
    connect(&flow_, &IssuanceController::progressChanged, this, [this](int percent, const QString& step) {
        progress_->setValue(percent);
        step_->setText(step);
    });
    auto* cancel = addCancelButton(tr("Stops the electronic certificate issuance and shows the start screen."));
    connect(&session_, &WizardSession::messageChanged, cancel, [cancel](const QString& m) {
        cancel->setText(m.isEmpty() ? tr("Cancel") : tr("Back to the start"));
        cancel->setAccessibleName(cancel->text());
    });
    // the page stays readable while the work goes on (showsProgress); only the button waits
    connect(&session_, &WizardSession::busyChanged, cancel, [cancel](bool busy) { cancel->setEnabled(!busy); });
}

void IssuingPage::enter()
{
    progress_->setValue(0);
}

// --- ⑤ 発行結果 -----------------------------------------------------------------------------------

IssueResultPage::IssueResultPage(WizardSession& session, IssuanceController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("issueResultPage"), parent)
{
    setTitle(tr("Issuance result"));
    setSubTitle(tr("The electronic certificate was issued. Press [Import] to install it on this PC."));
    userId_ = addValueRow(tr("User ID"), QStringLiteral("resultUserId"));
    contract_ = addValueRow(tr("Contract number"), QStringLiteral("resultContract"));
    serial_ = addValueRow(tr("Serial number"), QStringLiteral("resultSerial"));
    validity_ = addValueRow(tr("Validity period"), QStringLiteral("resultValidity"));
    addNotes({tr("Do not close this window until the import is complete. If it is closed, this program continues "
                 "the import at its next start: unlike the manual's procedure, no revocation request to the bank is "
                 "needed."),
              renewalNote()});
    auto* import = addButton(tr("Import"), QStringLiteral("importButton"),
                             tr("Imports the electronic certificate into the certificate store of this Windows "
                                "account."));
    import->setDefault(true);
    connect(import, &QPushButton::clicked, &flow_, &IssuanceController::proceedToImport);
}

void IssueResultPage::enter()
{
    const auto& issued = flow_.issued();
    userId_->setText(issued.userId);
    contract_->setText(issued.contractNumber);
    serial_->setText(issued.serial);
    validity_->setText(shownJapanPeriod(issued.notBefore, issued.notAfter, JapanTimeText::Date));
    validity_->setAccessibleDescription(shownJapanPeriod(issued.notBefore, issued.notAfter, JapanTimeText::Seconds));
}

// --- ⑥ インポート --------------------------------------------------------------------------------

ImportPage::ImportPage(WizardSession& session, IssuanceController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("importPage"), parent)
{
    state_ = addText({}, QStringLiteral("importState"));
    QFont big = state_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    state_->setFont(big);
    // after a failure: what each button does (the reason is the page's message, under it)
    failed_ = addText(tr("[Try again] runs the import once more. [Close] keeps the issued certificate on this PC: "
                         "the import is finished the next time you start this program."),
                      QStringLiteral("importFailedHelp"));
    retry_ = addButton(tr("Try again"), QStringLiteral("retryImportButton"), tr("Runs the import once more."));
    connect(retry_, &QPushButton::clicked, &flow_, &IssuanceController::proceedToImport);
    done_ = addNotes({tr("If two or more people use the service, register the general users next: log in, then "
                         "open [Users]."),
                      tr("The electronic certificate is valid for 366 days including the day of issue; after that you "
                         "cannot log in to the system. A notice is e-mailed 30 days before it expires.")});
    close_ = addButton(tr("Close"), QStringLiteral("closeButton"),
                       tr("Closes the electronic certificate issuance result screen."));
    // [閉じる] closes the window, as the manual's closes the browser; the next start begins anew
    connect(close_, &QPushButton::clicked, this, [this] {
        session_.cancel();
        window()->close();
    });
    connect(&session_, &WizardSession::messageChanged, this, [this](const QString& m) {
        if (!m.isEmpty() && session_.page() == WizardSession::Page::Import) {
            showState(State::Failed);
        }
    });
}

void ImportPage::enter()
{
    showState(session_.page() == WizardSession::Page::Done ? State::Done : State::Importing);
}

void ImportPage::showState(State state)
{
    retry_->setVisible(state == State::Failed);
    failed_->setVisible(state == State::Failed);
    state_->setVisible(state != State::Failed); // the heading says it
    done_->setVisible(state == State::Done);
    close_->setEnabled(state != State::Importing);
    switch (state) {
    case State::Importing:
        state_->setText(tr("Importing…"));
        setHeading(tr("Import"), tr("The certificate and its private key are being installed for your Windows account."));
        break;
    case State::Failed:
        setHeading(tr("Import failed"), tr("The electronic certificate was issued and is kept on this PC, but it is not "
                                            "installed for your Windows account yet."));
        close_->setAccessibleDescription(tr("Closes the window. The issued certificate stays on this PC and is imported "
                                            "at the next start."));
        close_->setToolTip(close_->accessibleDescription());
        break;
    case State::Done:
        state_->setText(tr("Imported correctly."));
        setHeading(tr("Import"), tr("The initial setup is complete. You can now log in to the system from this PC."));
        close_->setAccessibleDescription(tr("Closes the electronic certificate issuance result screen."));
        close_->setToolTip(close_->accessibleDescription());
        break;
    }
}

} // namespace enroll::client
