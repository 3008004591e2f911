// rokin-enroll --renew (SPEC §4.3, the logon task): the wizard's own renewal, with nobody at the
// screen. It finishes an import interrupted last time; with nothing due it ends at once, without
// the network; inside the renewal window, if the bank allows it, it signs in with the current
// certificate, makes a new key pair, renews, imports, confirms and removes the old certificate
// — through the same controllers the wizard's pages use. When it cannot renew (expired, missing,
// not allowed) it leaves a notice for the next start of the wizard and never touches the current
// certificate.
#pragma once

#include "flow/WizardFlows.h"

#include <QObject>
#include <QString>

namespace enroll::client {

struct SilentRenewalResult
{
    enum class Outcome {
        NothingDue, // valid, renewal not open yet (or the bank's clock says so)
        Renewed,    // a new certificate imported and confirmed, the old one removed
        Resumed,    // an import interrupted last time finished
        NotAllowed, // the bank's policy: renewal by hand only (notice left)
        Expired,    // too late for renewal: issue again (notice left)
        Missing,    // no certificate (a notice only if this account had one)
        Failed,     // the bank or the store did not answer as needed: the current one is kept
    };
    Outcome outcome = Outcome::Failed;
    QString line;   // one line for the event log ("renewed: …", "failed: <the message shown>")
    QString notice; // what the user is told, in the UI language (empty: nothing to say)
    // 0: nothing to do or done; 10: the user must renew by hand; 20: expired or missing; 1: failed
    [[nodiscard]] int exitCode() const;
};

class SilentRenewal : public QObject
{
    Q_OBJECT
public:
    explicit SilentRenewal(WizardFlows& flows, QObject* parent = nullptr);

    // Starts; finished() follows once (possibly before run() returns).
    void run();

signals:
    void finished(const enroll::client::SilentRenewalResult& result);

private:
    enum class Stage { Idle, Resuming, SigningIn, Renewing, Done };
    void checkLocally();
    void onPage(WizardSession::Page page);
    void onMessage(const QString& message);
    void finish(SilentRenewalResult::Outcome outcome, const QString& line, const QString& notice = {});

    WizardFlows& flows_;
    Stage stage_ = Stage::Idle;
};

} // namespace enroll::client
