#include "flow/SilentRenewal.h"

#include "flow/FlowText.h"

namespace enroll::client {

int SilentRenewalResult::exitCode() const
{
    switch (outcome) {
    case Outcome::NothingDue:
    case Outcome::Renewed:
    case Outcome::Resumed:
        return 0;
    case Outcome::NotAllowed:
        return 10;
    case Outcome::Expired:
    case Outcome::Missing:
        return 20;
    case Outcome::Failed:
        break;
    }
    return 1;
}

SilentRenewal::SilentRenewal(WizardFlows& flows, QObject* parent) : QObject(parent), flows_(flows)
{
    auto& session = flows_.session;
    connect(&session, &WizardSession::pageChanged, this, &SilentRenewal::onPage);
    connect(&session, &WizardSession::messageChanged, this, &SilentRenewal::onMessage);
    connect(&session, &WizardSession::certificateStatusChanged, this, [this] {
        if (stage_ == Stage::Resuming) {
            finish(SilentRenewalResult::Outcome::Resumed,
                   QStringLiteral("resumed: the import interrupted last time was finished and confirmed"));
        }
    });
}

void SilentRenewal::run()
{
    if (stage_ != Stage::Idle) {
        return;
    }
    if (!flows_.session.pending().serials().isEmpty()) {
        stage_ = Stage::Resuming; // exactly as the wizard does at its start
        flows_.issuance.resumePendingImports();
        return;
    }
    checkLocally();
}

// By this PC's clock and store only: nothing due costs no request to the bank.
void SilentRenewal::checkLocally()
{
    using Outcome = SilentRenewalResult::Outcome;
    auto& session = flows_.session;
    const auto status = session.certificateStatus();
    const auto expiry = japanTimeText(status.notAfter, JapanTimeText::Date);
    if (!status.present) {
        const auto holder = session.memo().holder();
        finish(Outcome::Missing, QStringLiteral("missing: no certificate from the bank for this user"),
               holder.isEmpty() ? QString()
                                : tr("The electronic certificate of %1 is no longer on this PC. Please issue it again "
                                     "with [Issue electronic certificate].")
                                      .arg(holder));
        return;
    }
    session.memo().setHolder(status.userId);
    if (status.expired) {
        finish(Outcome::Expired, QStringLiteral("expired: the certificate of %1 expired on %2").arg(status.userId, expiry),
               tr("The electronic certificate of %1 expired on %2. Please issue a new one with [Issue electronic "
                  "certificate].")
                   .arg(status.userId, shownJapanTime(status.notAfter, JapanTimeText::Date)));
        return;
    }
    if (!status.renewalOpen) {
        finish(Outcome::NothingDue, QStringLiteral("ok: the certificate of %1 is valid until %2, renewal not open yet")
                                        .arg(status.userId, expiry));
        return;
    }
    stage_ = Stage::SigningIn;
    flows_.account.signIn();
}

void SilentRenewal::onPage(WizardSession::Page page)
{
    using Outcome = SilentRenewalResult::Outcome;
    using Page = WizardSession::Page;
    const auto& account = flows_.session.account();
    if (stage_ == Stage::SigningIn && page == Page::Account) {
        const auto expiry = japanTimeText(account.notAfter, JapanTimeText::Date);
        if (!account.silentRenewal) {
            finish(Outcome::NotAllowed,
                   QStringLiteral("not allowed: the bank renews by hand only; the certificate of %1 expires on %2")
                       .arg(account.userId, expiry),
                   tr("The electronic certificate of %1 expires on %2. Please renew it: [Log in], then [Renew "
                      "certificate].")
                       .arg(account.userId, shownJapanTime(account.notAfter, JapanTimeText::Date)));
            return;
        }
        if (!account.renewalOpen) {
            finish(Outcome::NothingDue,
                   QStringLiteral("ok: the bank does not open the renewal of %1 yet").arg(account.userId));
            return;
        }
        stage_ = Stage::Renewing;
        flows_.account.renew(true);
    } else if (stage_ == Stage::Renewing && page == Page::IssueResult) {
        flows_.issuance.proceedToImport();
    } else if (stage_ == Stage::Renewing && page == Page::Done) {
        const auto& issued = flows_.issuance.issued();
        finish(Outcome::Renewed, QStringLiteral("renewed: the certificate of %1 (serial %2) is valid until %3")
                                     .arg(issued.userId, issued.serial,
                                          japanTimeText(issued.notAfter, JapanTimeText::Date)));
    }
}

void SilentRenewal::onMessage(const QString& message)
{
    if (message.isEmpty() || stage_ == Stage::Idle || stage_ == Stage::Done) {
        return; // a page change clears the message
    }
    // the bank, the network or the store refused: the current certificate stays as it is; what
    // was issued but not imported waits for the next run
    const auto line = QStringLiteral("failed: %1").arg(QString(message).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    // Nobody is asked here. A proxy's password, or a network that inspects the bank's connection,
    // needs the person at the PC: the next start of the wizard tells them.
    const auto failure = flows_.session.lastFailure();
    if (failure == ApiResult::Kind::ProxyAuth || failure == ApiResult::Kind::Untrusted) {
        finish(SilentRenewalResult::Outcome::Failed, line,
               tr("The certificate could not be renewed automatically. %1").arg(message));
        return;
    }
    finish(SilentRenewalResult::Outcome::Failed, line);
}

void SilentRenewal::finish(SilentRenewalResult::Outcome outcome, const QString& line, const QString& notice)
{
    if (stage_ == Stage::Done) {
        return;
    }
    stage_ = Stage::Done;
    SilentRenewalResult result{outcome, line, notice};
    if (!notice.isEmpty()) {
        flows_.session.memo().leaveNotice(notice);
    } else if (result.exitCode() == 0) {
        (void)flows_.session.memo().takeNotice(); // an older notice no longer holds
    }
    emit finished(result);
}

} // namespace enroll::client
