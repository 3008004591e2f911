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

    // Whether a right password ends the authentication (the counts reset) or is its first factor,
    // an e-mailed code to follow (the counts reset when the code is verified: succeeded()).
    enum class Factor { Whole, First };

    // `verify` runs outside any transaction (it is the slow Argon2id check). `notifyTo` is the
    // registered address for the lock/block mails, empty when there is none (only logged).
    // Success: Done. Failure: INVALID_CREDENTIALS, LOCKED (with until) or BLOCKED.
    Status attempt(Principal principal, const std::string& id, const std::function<bool()>& verify,
                   const std::string& notifyTo, const RequestMeta& meta, Factor factor = Factor::Whole);

    // The last factor passed, inside the caller's transaction: the counts reset. Refused (LOCKED or
    // BLOCKED, nothing changed) when the principal was locked meanwhile.
    Status succeeded(StoreTransaction& tx, Principal principal, const std::string& id, Instant at,
                     const RequestMeta& meta);

    // One failed authentication counted without a check of its own (`reason` goes to the audit
    // log): e-mailed codes whose attempts ran out count toward the same lockout. Gives what
    // attempt() would for a wrong password.
    Status countFailure(Principal principal, const std::string& id, const std::string& reason,
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
