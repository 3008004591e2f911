// SPEC §4.1–4.2 on the bank's side: contract login, master registration, user authentication
// with an e-mailed one-time code, issuance from the PC's CSR, and the import confirmation.
#pragma once

#include "ca/CertificateAuthority.h"
#include "enroll/Protocol.h"
#include "enroll/Result.h"
#include "mail/Mailer.h"
#include "service/Clock.h"
#include "service/Lockout.h"
#include "service/Secrets.h"
#include "service/ServiceSettings.h"
#include "store/Store.h"

#include <functional>
#include <optional>
#include <string>

namespace enroll::server {

struct ContractSession
{
    SecureString registrationToken;
    Instant expiresAt;
    std::string employerName;
};

struct RegisteredUser
{
    std::string userId;
    std::string userName;
    std::string email;
};

struct CodeSent
{
    std::string enrollmentId;
    Instant codeExpiresAt;
    std::string maskedEmail;
};

struct IssuanceGrant
{
    SecureString issuanceToken;
    Instant expiresAt;
};

// Which door a renewal came through (the audit log's name and the metrics tell them apart).
enum class RenewalChannel { Wizard, Silent, Est };

struct Issued
{
    IssuedCertificate certificate;
    std::vector<std::string> chain;
};

class EnrollmentService
{
public:
    EnrollmentService(Store& store, CertificateAuthority& ca, Mailer& mailer, const Clock& clock,
                      const PasswordHasher& hasher, ServiceSettings settings);

    Result<ContractSession> contractLogin(const protocol::ContractLoginRequest& request, const RequestMeta& meta);
    Result<RegisteredUser> registerMaster(std::string_view registrationToken,
                                          const protocol::RegistrationRequest& request, const RequestMeta& meta);
    Result<CodeSent> authenticate(const protocol::AuthenticateRequest& request, const RequestMeta& meta);
    Result<CodeSent> resend(const std::string& enrollmentId, const RequestMeta& meta);
    // A general user replaces its initial password (PASSWORD_CHANGE_REQUIRED at authentication).
    Status changeInitialPassword(const protocol::PasswordChangeRequest& request, const RequestMeta& meta);
    Result<IssuanceGrant> verify(const protocol::VerifyRequest& request, const RequestMeta& meta);
    Result<Issued> issue(std::string_view issuanceToken, const std::string& csrPem, const RequestMeta& meta);
    // By the issuance token (peerSerial empty) or by the new certificate itself over mTLS.
    Status confirm(std::string_view issuanceToken, const std::string& peerSerial, const std::string& serial,
                   const RequestMeta& meta);

    // POST /certificates/renew: signed in with the current (active) certificate, only inside its
    // renewal window; the new certificate supersedes it once confirmed.
    // Audited as cert.renewed.interactive (in the wizard), .silent (asked by the PC itself,
    // RokinEnroll --renew) or .est (EST simplereenroll).
    Result<Issued> renew(const UserRecord& user, const CertificateRecord& current, const std::string& csrPem,
                         RenewalChannel channel, const RequestMeta& meta);
    // EST simplereenroll (RFC 7030 §4.2.2): the same renewal, confirmed at once. An EST client
    // has no step after it has received the certificate, so the new one supersedes the old one
    // (revoked, superseded) in the same moment, exactly as the wizard's confirm does it.
    Result<Issued> reenroll(const UserRecord& user, const CertificateRecord& current, const std::string& csrPem,
                            const RequestMeta& meta);

    // Claims the right to issue inside the issuing transaction (spends a token, or finds no other
    // renewal pending): a refusal rolls it back, nothing is recorded.
    using IssuanceClaim = std::function<std::optional<Error>(StoreTransaction&, const std::string& serial)>;
    // Issues a certificate for `user` (also for renewal signed in with the current certificate).
    // `event`: the audit row's name (cert.issued, cert.renewed.…).
    Result<Issued> issueFor(const UserRecord& user, const std::string& csrPem, const RequestMeta& meta,
                            const std::string& event, const IssuanceClaim& claim);

private:
    // The enrollment `find` returns, and its user, read in one transaction.
    struct EnrollmentAndUser
    {
        std::optional<EnrollmentRecord> enrollment;
        std::optional<UserRecord> user;
    };
    EnrollmentAndUser readEnrollment(const std::function<std::optional<EnrollmentRecord>(StoreTransaction&)>& find);
    // User ID and password under the lockout rule: the user, or the refusal.
    // After a right password: a hash made at an older cost is replaced by one at today's.
    void upgradeHash(Principal principal, const std::string& id, const std::string& storedHash,
                     const SecureString& password, const RequestMeta& meta);
    Result<UserRecord> checkUserPassword(const std::string& userId, const SecureString& password, const RequestMeta& meta,
                                         Lockout::Factor factor);
    Result<CodeSent> sendNewCode(const UserRecord& user, const std::optional<EnrollmentRecord>& previous,
                                 const RequestMeta& meta);
    // One failed authentication of the user for its one-time codes (SPEC §3)
    void countCodeFailure(const std::string& userId, const std::string& reason, const RequestMeta& meta);
    // RENEWAL_PENDING while the user's last certificate awaits its import (one renewal at a time)
    [[nodiscard]] std::optional<Error> pendingRenewal(StoreTransaction& tx, const std::string& userId, Instant now) const;
    [[nodiscard]] std::optional<Error> certificateBlocksIssuance(StoreTransaction& tx, const std::string& userId,
                                                                 Instant now) const;

    Store& store_;
    CertificateAuthority& ca_;
    Mailer& mailer_;
    const Clock& clock_;
    const PasswordHasher& hasher_;
    ServiceSettings settings_;
    Lockout lockout_;
};

} // namespace enroll::server
