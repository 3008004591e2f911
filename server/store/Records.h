// What the store holds, as plain values: contracts, users, enrollments, certificates, audit.
#pragma once

#include "enroll/CertificateValidity.h"
#include "enroll/Protocol.h"

#include <optional>
#include <string>

namespace enroll::server {

// The ends that are in force (service/Clock.h, liveEnds): a code or token whose end is in
// (after, atMost] is live. The store compares; the rule that makes the window is the service's.
struct LiveEnds
{
    Instant after;
    Instant atMost;
};

// Who a lockout count belongs to (SPEC §3 applies to both alike).
enum class Principal { Contract, User };

struct LockState
{
    int failedCount = 0;
    int lockCount = 0;
    std::optional<Instant> lockedUntil;
    bool blocked = false;
};

struct ContractRecord
{
    std::string number;
    std::string employerName;
    std::string initialPasswordHash;
    Instant createdAt{};
    LockState lock;
};

struct UserRecord
{
    std::string userId;
    std::string contractNumber;
    protocol::Role role = protocol::Role::General;
    std::string userName;
    std::string email;
    std::string passwordHash;
    bool disabled = false;
    bool mustChangePassword = false; // a general user's initial password, until replaced
    Instant createdAt{};
    LockState lock;
};

// An authentication in progress (SPEC §4.2 steps 1–6).
struct EnrollmentRecord
{
    std::string id;
    std::string userId;
    std::string codeHash;
    Instant codeExpiresAt{};
    int attemptsLeft = 0;
    int resends = 0;
    Instant lastSentAt{};
    std::string issuanceTokenHash; // empty until the code is verified
    Instant issuanceExpiresAt{};
    std::string issuedSerial; // empty until a certificate was issued with the token
    bool confirmed = false;
};

// One attempt at an e-mailed code, already spent (Store::takeCodeAttempt).
struct CodeAttempt
{
    std::string userId;
    std::string codeHash;
    int attemptsLeft = 0; // after this attempt
};

enum class CertificateStatus { Pending, Active, Revoked };
std::string_view toString(CertificateStatus status);
std::optional<CertificateStatus> certificateStatusFrom(std::string_view text);

struct CertificateRecord
{
    std::string serial; // upper-case hex
    std::string userId;
    Instant notBefore{};
    Instant notAfter{};
    CertificateStatus status = CertificateStatus::Pending;
    std::string pem;
    std::optional<Instant> revokedAt;
    std::string revocationReason; // RFC 5280 name: keyCompromise, superseded, cessationOfOperation…
    Instant createdAt{};
};

struct AuditEntry
{
    long long id = 0;
    Instant at{};
    std::string event;   // "user.auth.failure"
    std::string subject; // a user ID, contract number or serial; never a secret
    std::string detail;  // free text; never a secret
    std::string remote;  // client address or "admin"
};

// A row of the audit log as stored: with its place in the hash chain (store/AuditChain.h).
struct AuditRow : AuditEntry
{
    long long seq = 0; // its number in the chain (0: written before the chain existed)
    std::string chain; // its link
};

struct RegistrationTokenRecord
{
    std::string tokenHash;
    std::string contractNumber;
    Instant expiresAt{};
    bool used = false;
};

} // namespace enroll::server
