#include "service/Lockout.h"

#include "mail/MailTemplates.h"

#include <Poco/Logger.h>

namespace enroll::server {
namespace {

Error lockedUntil(Instant until)
{
    auto e = Error::of(ErrorCode::Locked);
    e.until = until;
    return e;
}

std::string describe(Principal principal, const std::string& id)
{
    return principal == Principal::Contract ? "契約番号 " + id : "ユーザーID " + id;
}

} // namespace

std::string auditEvent(Principal principal, const char* what)
{
    return std::string(principal == Principal::Contract ? "contract." : "user.") + what;
}

Status Lockout::attempt(Principal principal, const std::string& id, const std::function<bool()>& verify,
                        const std::string& notifyTo, const RequestMeta& meta)
{
    const auto now = clock_.now();
    {
        auto tx = store_.begin(Store::Mode::Read);
        const auto state = tx->lockState(principal, id);
        if (state && state->blocked) {
            return Error::of(ErrorCode::Blocked, id + " is blocked");
        }
        if (state && state->lockedUntil && *state->lockedUntil > now) {
            return lockedUntil(*state->lockedUntil);
        }
    }

    const bool ok = verify();

    auto tx = store_.begin(Store::Mode::Write);
    const auto at = clock_.now();
    auto audit = [&](const std::string& event, const std::string& detail) {
        tx->appendAudit({0, at, event, id, detail, meta.remote});
    };
    if (ok) {
        if (tx->recordSuccess(principal, id, at)) {
            audit(auditEvent(principal, "login.success"), "");
            tx->commit();
            return Done{};
        }
        // locked or blocked by concurrent failures between the check and now
        const auto state = tx->lockState(principal, id);
        tx->commit();
        if (state && state->blocked) {
            return Error::of(ErrorCode::Blocked);
        }
        return lockedUntil(state && state->lockedUntil ? *state->lockedUntil : at + settings_.duration);
    }

    const auto outcome = tx->recordFailure(principal, id, at, settings_);
    Status result = Error::of(ErrorCode::InvalidCredentials);
    switch (outcome) {
    case FailureOutcome::Unknown:
        audit(auditEvent(principal, "login.failure"), "unknown ID");
        break;
    case FailureOutcome::Counted:
        audit(auditEvent(principal, "login.failure"), "wrong password");
        break;
    case FailureOutcome::LockedNow:
        audit(auditEvent(principal, "login.failure"), "wrong password");
        audit(auditEvent(principal, "locked"), "locked after consecutive failures");
        result = lockedUntil(at + settings_.duration);
        break;
    case FailureOutcome::BlockedNow:
        audit(auditEvent(principal, "login.failure"), "wrong password");
        audit(auditEvent(principal, "blocked"), "blocked after repeated locks");
        result = Error::of(ErrorCode::Blocked);
        break;
    case FailureOutcome::AlreadyLocked:
    case FailureOutcome::AlreadyBlocked: {
        const auto state = tx->lockState(principal, id);
        result = state && state->blocked ? Status(Error::of(ErrorCode::Blocked))
                                         : Status(lockedUntil(state && state->lockedUntil ? *state->lockedUntil : at));
        break;
    }
    }
    tx->commit();

    // Mail after the commit: a slow or failing mail server never holds the database.
    if (outcome == FailureOutcome::LockedNow || outcome == FailureOutcome::BlockedNow) {
        if (notifyTo.empty()) {
            Poco::Logger::get("lockout").notice("%s: no registered address for the %s notice", id,
                                                std::string(outcome == FailureOutcome::LockedNow ? "lock" : "block"));
        } else {
            const auto mail = outcome == FailureOutcome::LockedNow
                                  ? mails::locked(notifyTo, describe(principal, id), at + settings_.duration)
                                  : mails::blocked(notifyTo, describe(principal, id));
            (void)mailer_.send(mail);
        }
    }
    return result;
}

} // namespace enroll::server
