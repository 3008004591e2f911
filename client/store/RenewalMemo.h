// What this PC keeps for its user about renewal between runs (SPEC §4.3, the logon task): the
// bank's policy as the last sign-in reported it (renewal.silent), whose certificate this account
// held, and the notice `rokin-enroll --renew` leaves for the next start of the wizard when it
// could not renew by itself (expired, missing, not allowed).
#pragma once

#include "enroll/CertificateValidity.h"

#include <QString>

namespace enroll::client {

class RenewalMemo
{
public:
    // `file`: an INI file of this OS user; `logonTask`: the installer registered the logon task
    // (the MSI's AUTO_RENEW), so this PC can renew by itself at all.
    RenewalMemo(QString file, bool logonTask);

    // The PC renews by itself: the logon task is installed and the bank's policy allows it.
    [[nodiscard]] bool renewsByItself() const;
    [[nodiscard]] bool bankAllowsSilentRenewal() const; // true until a sign-in says otherwise
    void setBankAllowsSilentRenewal(bool allowed);
    // The hours (Japan time) the bank's last sign-in gave for renewing by itself; 8–20 until then.
    [[nodiscard]] RenewalHours bankRenewalHours() const;
    void setBankRenewalHours(RenewalHours hours);

    // The user ID whose certificate this account last held (empty: never one).
    [[nodiscard]] QString holder() const;
    void setHolder(const QString& userId);

    // A sentence for the user; taken (and forgotten) by the next start of the wizard.
    void leaveNotice(const QString& text);
    QString takeNotice();
    [[nodiscard]] QString peekNotice() const; // read, left for the wizard (--doctor)

private:
    QString file_;
    bool logonTask_;
};

} // namespace enroll::client
