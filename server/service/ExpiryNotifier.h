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
    ExpiryNotifier(Store& store, Mailer& mailer, const Clock& clock) : store_(store), mailer_(mailer), clock_(clock) {}
    // Sends what is due now; the number of mails sent.
    int sendDueNotices();

private:
    Store& store_;
    Mailer& mailer_;
    const Clock& clock_;
};

} // namespace enroll::server
