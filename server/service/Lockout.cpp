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

// LOCKED or BLOCKED while the state says so; nothing otherwise.
std::optional<Error> refusalOf(const std::optional<LockState>& state, Instant now, std::chrono::seconds duration)
{
    if (state && state->blocked) {
        return Error::of(ErrorCode::Blocked);
    }
    if (state && state->lockedUntil && inForce(now, *state->lockedUntil, duration)) {
        return lockedUntil(*state->lockedUntil);
    }
    return std::nullopt;
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
                        const std::string& notifyTo, const RequestMeta& meta, Factor factor)
{
    const auto now = clock_.now();
    {
        auto tx = store_.begin(Store::Mode::Read);
        if (auto refusal = refusalOf(tx->lockState(principal, id, now), now, settings_.duration)) {
            return *refusal;
        }
    }

    if (!verify()) {
        return countFailure(principal, id, "wrong password", notifyTo, meta);
    }
    auto tx = store_.begin(Store::Mode::Write);
    const auto at = clock_.now();
    if (factor == Factor::Whole) {
        auto status = succeeded(*tx, principal, id, at, meta);
        tx->commit();
        return status;
    }
    // first factor: nothing resets yet, but a lock taken meanwhile still refuses
    const auto state = tx->lockState(principal, id, at);
    if (auto refusal = refusalOf(state, at, settings_.duration)) {
        return *refusal;
    }
    tx->appendAudit({0, at, auditEvent(principal, "password.accepted"), id, "one-time code to follow", meta.remote});
    tx->commit();
    return Done{};
}

Status Lockout::succeeded(StoreTransaction& tx, Principal principal, const std::string& id, Instant at,
                          const RequestMeta& meta)
{
    if (tx.recordSuccess(principal, id, at)) {
        tx.appendAudit({0, at, auditEvent(principal, "login.success"), id, "", meta.remote});
        return Done{};
    }
    // locked or blocked by concurrent failures between the check and now
    const auto refusal = refusalOf(tx.lockState(principal, id, at), at, settings_.duration);
    return refusal ? *refusal : lockedUntil(at + settings_.duration);
}

Status Lockout::countFailure(Principal principal, const std::string& id, const std::string& reason,
                             const std::string& notifyTo, const RequestMeta& meta)
{
    auto tx = store_.begin(Store::Mode::Write);
    const auto at = clock_.now();
    auto audit = [&](const std::string& event, const std::string& detail) {
        tx->appendAudit({0, at, event, id, detail, meta.remote});
    };
    // an unknown ID counts, locks and blocks as a known one (SPEC §3); only the audit says which
    const auto [outcome, known] = tx->recordFailure(principal, id, at, settings_);
    const std::string why = known ? reason : "unknown ID";
    Status result = Error::of(ErrorCode::InvalidCredentials);
    switch (outcome) {
    case FailureOutcome::Counted:
        audit(auditEvent(principal, "login.failure"), why);
        break;
    case FailureOutcome::LockedNow:
        audit(auditEvent(principal, "login.failure"), why);
        audit(auditEvent(principal, "locked"), known ? "locked after consecutive failures" : "unknown ID locked");
        result = lockedUntil(at + settings_.duration);
        break;
    case FailureOutcome::BlockedNow:
        audit(auditEvent(principal, "login.failure"), why);
        audit(auditEvent(principal, "blocked"), known ? "blocked after repeated locks" : "unknown ID blocked");
        result = Error::of(ErrorCode::Blocked);
        break;
    case FailureOutcome::AlreadyLocked:
    case FailureOutcome::AlreadyBlocked: {
        const auto state = tx->lockState(principal, id, at);
        result = state && state->blocked ? Status(Error::of(ErrorCode::Blocked))
                                         : Status(lockedUntil(state && state->lockedUntil ? *state->lockedUntil : at));
        break;
    }
    }
    tx->commit();

    // Mail after the commit: a slow or failing mail server never holds the database.
    if (known && (outcome == FailureOutcome::LockedNow || outcome == FailureOutcome::BlockedNow)) {
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
