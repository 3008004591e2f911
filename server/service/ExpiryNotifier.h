// SPEC §4.3/§5: the e-mails 30 and 10 days before a certificate expires, each sent once per
// certificate — claimed in the database first, so restarts and several instances never repeat one.
#pragma once

#include "mail/Mailer.h"
#include "service/Clock.h"
#include "store/Store.h"

namespace enroll::server {

class ExpiryNotifier
{
public:
    // `silentRenewal`: the bank's policy (renewal.silent); the mails then say the PC renews by itself.
    ExpiryNotifier(Store& store, Mailer& mailer, const Clock& clock, bool silentRenewal)
        : store_(store), mailer_(mailer), clock_(clock), silentRenewal_(silentRenewal)
    {
    }
    // Sends what is due now; the number of mails sent.
    int sendDueNotices();

private:
    Store& store_;
    Mailer& mailer_;
    const Clock& clock_;
    bool silentRenewal_;
};

} // namespace enroll::server
