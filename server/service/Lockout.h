// SPEC §3 for contract login and user authentication alike: refuse while locked or blocked
// without checking or counting, verify, count the outcome atomically, mail on lock and block.
#pragma once

#include "enroll/Result.h"
#include "mail/Mailer.h"
#include "service/Clock.h"
#include "service/ServiceSettings.h"
#include "store/Store.h"

#include <functional>
#include <string>

namespace enroll::server {

class Lockout
{
public:
    Lockout(Store& store, const Clock& clock, Mailer& mailer, const LockoutSettings& settings)
        : store_(store), clock_(clock), mailer_(mailer), settings_(settings)
    {
    }

    // `verify` runs outside any transaction (it is the slow Argon2id check). `notifyTo` is the
    // registered address for the lock/block mails, empty when there is none (only logged).
    // Success: Done. Failure: INVALID_CREDENTIALS, LOCKED (with until) or BLOCKED.
    Status attempt(Principal principal, const std::string& id, const std::function<bool()>& verify,
                   const std::string& notifyTo, const RequestMeta& meta);

private:
    Store& store_;
    const Clock& clock_;
    Mailer& mailer_;
    LockoutSettings settings_;
};

// "contract.locked" / "user.locked": the audit event names per principal.
std::string auditEvent(Principal principal, const char* what);

} // namespace enroll::server
