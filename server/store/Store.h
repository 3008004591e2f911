// The repository behind the services: one unit of work per transaction, SQL kept behind this
// interface so that SQLite (default) and PostgreSQL (several instances) implement the same thing.
#pragma once

#include "store/AuditChain.h"
#include "store/Records.h"

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace enroll::server {

struct LockoutSettings
{
    int threshold = 6;                 // consecutive failures that lock
    std::chrono::seconds duration{3600};
    int locksBeforeBlock = 3;          // the 3rd lock in a row blocks
    // An unknown ID's failures are kept this long after its last one (SPEC §3: it locks and
    // blocks as a known one does, without anything being created for it); at least `duration`.
    std::chrono::seconds unknownRetention{std::chrono::hours(24 * 30)};
};

enum class FailureOutcome {
    Counted,        // one more failure, not locked
    LockedNow,      // this failure locked the principal
    BlockedNow,     // this failure's lock was the one that blocks
    AlreadyLocked,  // locked meanwhile: nothing counted
    AlreadyBlocked, // blocked meanwhile: nothing counted
};

struct FailureRecorded
{
    FailureOutcome outcome = FailureOutcome::Counted;
    bool known = true; // false: no such principal (counted in the unknown IDs' expiring table)
};

// Active certificates valid at a moment, and those of them that expire within 30 and 10 days.
struct CertificateCounts
{
    long long valid = 0;
    long long expiringWithin30Days = 0;
    long long expiringWithin10Days = 0;
};

// The database connections the store holds: in use now, and at most.
struct StorePoolStats
{
    int inUse = 0;
    int capacity = 0;
};

// One transaction. Destroying it without commit() rolls everything back.
class StoreTransaction
{
public:
    virtual ~StoreTransaction() = default;
    virtual void commit() = 0;

    // --- contracts -------------------------------------------------------------------------
    virtual std::optional<ContractRecord> contract(const std::string& number) = 0;
    virtual bool insertContract(const ContractRecord& contract) = 0; // false: the number exists
    virtual std::vector<ContractRecord> contracts() = 0;
    // A new initial password for the contract (the master was reset): the old one stops working.
    virtual bool setContractInitialPassword(const std::string& number, const std::string& hash) = 0;

    // --- users -----------------------------------------------------------------------------
    virtual std::optional<UserRecord> user(const std::string& userId) = 0;
    // The contract's master that is not disabled, if any.
    virtual std::optional<UserRecord> activeMaster(const std::string& contractNumber) = 0;
    virtual bool insertUser(const UserRecord& user) = 0; // false: the user ID is taken
    virtual std::vector<UserRecord> users(const std::optional<std::string>& contractNumber) = 0;
    virtual int activeUserCount(const std::string& contractNumber) = 0;
    virtual void disableUser(const std::string& userId) = 0;
    virtual void updateProfile(const std::string& userId, const std::string& userName, const std::string& email) = 0;
    // A new password hash; the initial-password mark is cleared.
    virtual void setPassword(const std::string& userId, const std::string& passwordHash) = 0;
    // The same password hashed again at today's cost (a user's password or a contract's initial
    // one), only if the stored hash is still `oldHash`.
    virtual bool replacePasswordHash(Principal principal, const std::string& id, const std::string& oldHash,
                                     const std::string& newHash) = 0;

    // --- lockout (SPEC §3), each step one atomic SQL statement --------------------------------
    // An unknown ID has a state too: what its failures left in the unknown IDs' table (until
    // `now` passes its retention), so that nothing tells it from a known one.
    virtual std::optional<LockState> lockState(Principal principal, const std::string& id, Instant now) = 0;
    virtual FailureRecorded recordFailure(Principal principal, const std::string& id, Instant now,
                                          const LockoutSettings& settings) = 0;
    // false: locked or blocked meanwhile (the success does not count); a user's run of wrong
    // one-time codes ends too
    virtual bool recordSuccess(Principal principal, const std::string& id, Instant now) = 0;
    virtual bool unblock(Principal principal, const std::string& id) = 0;
    // One more wrong one-time code of the user, across codes, resends and authentications: true
    // when it completes a run of `run` in a row (the run then starts again), which is one failed
    // authentication (SPEC §3).
    virtual bool countWrongCode(const std::string& userId, int run) = 0;

    // --- registration tokens (contract login → master registration) ------------------------
    virtual void insertRegistrationToken(const RegistrationTokenRecord& token) = 0;
    // The token's contract number while it is unused and its end is in `live`, spending nothing:
    // a registration is refused before any work when its token is not live.
    virtual std::optional<std::string> liveRegistrationToken(const std::string& tokenHash, LiveEnds live) = 0;
    // Marks the token used if it is unused and its end is in `live`; gives its contract number.
    virtual std::optional<std::string> spendRegistrationToken(const std::string& tokenHash, LiveEnds live) = 0;

    // --- enrollments ------------------------------------------------------------------------
    virtual void insertEnrollment(const EnrollmentRecord& enrollment) = 0;
    virtual std::optional<EnrollmentRecord> enrollment(const std::string& id) = 0;
    virtual std::optional<EnrollmentRecord> enrollmentByIssuanceToken(const std::string& tokenHash) = 0;
    // A new code replaces the old one; false when `expectedResends` no longer matches (a race).
    virtual bool replaceCode(const std::string& id, const std::string& codeHash, Instant expiresAt, int attempts,
                             int expectedResends, Instant sentAt) = 0;
    // Spends one attempt before the code is compared, in one statement with the expiry check, so
    // that parallel guesses never check more codes than allowed. Gives the code's hash and the
    // attempts left after this one; nothing when the enrollment has no live code (its end not in
    // `live`, used up, verified or voided). The row stays locked until the transaction ends.
    virtual std::optional<CodeAttempt> takeCodeAttempt(const std::string& id, LiveEnds live) = 0;
    // A new authentication voids the user's earlier enrollments that are still open: their codes
    // and their issuance tokens not yet used for a certificate. The number voided.
    virtual int voidOpenEnrollments(const std::string& userId) = 0;
    // Code verified: the code (still `codeHash`, not replaced by a resend) is cleared and the
    // issuance token set, once.
    virtual bool setIssuanceToken(const std::string& id, const std::string& codeHash, const std::string& tokenHash,
                                  Instant expiresAt) = 0;
    // The token issues one certificate: false when one was already issued with it.
    virtual bool markIssued(const std::string& id, const std::string& serial) = 0;
    virtual bool markConfirmed(const std::string& id) = 0;

    // --- certificates -------------------------------------------------------------------------
    virtual void insertCertificate(const CertificateRecord& certificate) = 0;
    virtual std::optional<CertificateRecord> certificate(const std::string& serial) = 0;
    virtual std::vector<CertificateRecord> certificates(const std::optional<std::string>& userId) = 0;
    virtual std::vector<CertificateRecord> revokedCertificates() = 0;
    virtual bool setCertificateStatus(const std::string& serial, CertificateStatus from, CertificateStatus to) = 0;
    virtual bool revokeCertificate(const std::string& serial, const std::string& reason, Instant at) = 0;
    // A number that moves with every revocation (in the revoking transaction): the CRL's cache
    // key, one row to read instead of every revoked certificate.
    virtual long long revocationGeneration() = 0;
    // Active certificates whose notAfter is before `until` (expiry notices).
    virtual std::vector<CertificateRecord> activeCertificatesExpiringBefore(Instant until) = 0;
    // Counts of the active (confirmed, unrevoked) certificates, for the bank's monitoring.
    virtual CertificateCounts certificateCounts(Instant now) = 0;
    // Claims the notice `daysBefore` (30 or 10) of a certificate: true once, for one caller.
    virtual bool claimExpiryNotice(const std::string& serial, int daysBefore) = 0;
    virtual void releaseExpiryNotice(const std::string& serial, int daysBefore) = 0;

    // --- audit (append-only) -------------------------------------------------------------------
    virtual void appendAudit(const AuditEntry& entry) = 0;
    virtual std::vector<AuditRow> audit(std::optional<Instant> since) = 0;
    // The newest link of the audit chain.
    virtual AuditHead auditHead() = 0;
};

// Thrown when every database connection stayed in use through a short wait (a flood of
// requests); the transport answers 503 UNAVAILABLE. Nothing was read or written.
class StoreBusy : public std::runtime_error
{
public:
    StoreBusy() : std::runtime_error("busy: no database connection free") {}
};

// Thrown when the database cannot do what was asked for a reason outside the request: its disk
// is full, an I/O error, it is read-only, or its server cannot be reached. The transaction is
// rolled back; the transport answers 503 UNAVAILABLE and the server carries on once it is fixed.
class StoreUnavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Told each audit event once its transaction has committed, on the committing thread (the metrics
// count them, the log writes a security event line with the request's id).
using AuditObserver = std::function<void(const AuditEntry& entry)>;

class Store
{
public:
    enum class Mode { Read, Write };
    virtual ~Store() = default;
    // Write transactions take the write lock at once, so counts never race.
    virtual std::unique_ptr<StoreTransaction> begin(Mode mode) = 0;
    virtual bool healthy() = 0;
    [[nodiscard]] virtual StorePoolStats poolStats() = 0;
    // Set once, before the store is shared between threads; transactions begun after it tell it.
    void setAuditObserver(AuditObserver observer) { auditObserver_ = std::make_shared<const AuditObserver>(std::move(observer)); }

protected:
    [[nodiscard]] std::shared_ptr<const AuditObserver> auditObserver() const { return auditObserver_; }

private:
    std::shared_ptr<const AuditObserver> auditObserver_;
};

// "sqlite:/path/enroll.db" (and, with the PostgreSQL backend, "postgresql:host=…").
std::unique_ptr<Store> openStore(const std::string& url);

} // namespace enroll::server
