// The wire protocol v1 (API.md): paths, JSON field names and the request/response types, with
// the validation of each request. Both sides serialise these with their own JSON library.
#pragma once

#include "enroll/CertificateValidity.h"
#include "enroll/InputRules.h"
#include "enroll/SecureString.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enroll::protocol {

namespace path {
inline constexpr std::string_view kContractLogin = "/api/v1/contract/login";
inline constexpr std::string_view kMasterRegister = "/api/v1/master/register";
inline constexpr std::string_view kAuthenticate = "/api/v1/enrollment/authenticate";
inline constexpr std::string_view kResend = "/api/v1/enrollment/resend";
inline constexpr std::string_view kVerify = "/api/v1/enrollment/verify";
inline constexpr std::string_view kIssue = "/api/v1/enrollment/issue";
inline constexpr std::string_view kConfirm = "/api/v1/enrollment/confirm";
inline constexpr std::string_view kChangePassword = "/api/v1/enrollment/password";
inline constexpr std::string_view kMe = "/api/v1/me";
inline constexpr std::string_view kRenew = "/api/v1/certificates/renew";
inline constexpr std::string_view kUsers = "/api/v1/users"; // + "/{userId}" for DELETE
inline constexpr std::string_view kCa = "/api/v1/ca";
inline constexpr std::string_view kCrl = "/crl";
inline constexpr std::string_view kOcsp = "/ocsp"; // POST, or GET + "/{base64 request}" (RFC 6960)
inline constexpr std::string_view kHealth = "/healthz";
// EST (RFC 7030): the well-known prefix, then cacerts, csrattrs, simplereenroll (simpleenroll refused)
inline constexpr std::string_view kEst = "/.well-known/est/";
} // namespace path

namespace json {
inline constexpr std::string_view kContractNumber = "contractNumber";
inline constexpr std::string_view kInitialPassword = "initialPassword";
inline constexpr std::string_view kRegistrationToken = "registrationToken";
inline constexpr std::string_view kExpiresAt = "expiresAt";
inline constexpr std::string_view kEmployerName = "employerName";
inline constexpr std::string_view kUserId = "userId";
inline constexpr std::string_view kPassword = "password";
inline constexpr std::string_view kNewPassword = "newPassword";
inline constexpr std::string_view kUserName = "userName";
inline constexpr std::string_view kEmail = "email";
inline constexpr std::string_view kEnrollmentId = "enrollmentId";
inline constexpr std::string_view kCodeExpiresAt = "codeExpiresAt";
inline constexpr std::string_view kMaskedEmail = "maskedEmail";
inline constexpr std::string_view kCode = "code";
inline constexpr std::string_view kIssuanceToken = "issuanceToken";
inline constexpr std::string_view kCsr = "csr";
// POST /certificates/renew: true when the PC renews by itself (RokinEnroll --renew), for the
// bank's monitoring and audit log; absent or false: renewed in the wizard
inline constexpr std::string_view kSilent = "silent";
inline constexpr std::string_view kCertificate = "certificate";
inline constexpr std::string_view kChain = "chain";
inline constexpr std::string_view kSerial = "serial";
inline constexpr std::string_view kNotBefore = "notBefore";
inline constexpr std::string_view kNotAfter = "notAfter";
inline constexpr std::string_view kRenewableFrom = "renewableFrom";
inline constexpr std::string_view kRenewalOpen = "renewalOpen";
// the bank's policy (renewal.silent): the PC renews by itself at logon (RokinEnroll --renew)
inline constexpr std::string_view kSilentRenewal = "silentRenewal";
// and when, in Japan time: {"earliest": 8, "latest": 20} (renewal.earliestHour/latestHour)
inline constexpr std::string_view kRenewalHours = "renewalHours";
inline constexpr std::string_view kEarliest = "earliest";
inline constexpr std::string_view kLatest = "latest";
inline constexpr std::string_view kRole = "role";
inline constexpr std::string_view kState = "state";
inline constexpr std::string_view kUsers = "users";
inline constexpr std::string_view kCertificateNotAfter = "certificateNotAfter";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kMode = "mode"; // /healthz: "production" or "development"
// error body
inline constexpr std::string_view kError = "error";
inline constexpr std::string_view kMessage = "message";
inline constexpr std::string_view kFields = "fields";
inline constexpr std::string_view kField = "field";
inline constexpr std::string_view kRule = "rule";
inline constexpr std::string_view kUntil = "until";
inline constexpr std::string_view kAttemptsLeft = "attemptsLeft";
inline constexpr std::string_view kRetryAfterSeconds = "retryAfterSeconds";
} // namespace json

enum class Role { Master, General };
std::string_view wireName(Role role); // "master" / "general"

enum class UserState { Active, Locked, Blocked, Disabled };
std::string_view wireName(UserState state);

// --- requests (secrets held in SecureString) -------------------------------------------------

struct ContractLoginRequest
{
    std::string contractNumber;
    SecureString initialPassword;
};

struct RegistrationRequest // POST /master/register and POST /users (password = initial password)
{
    std::string userId;
    SecureString password;
    std::string userName;
    std::string email;
};

// POST /users: the master registers a general user with an initial password, which follows the
// 初期パスワード rule (exactly 8 characters of all four kinds).
struct GeneralUserRequest
{
    std::string userId;
    SecureString initialPassword;
    std::string userName;
    std::string email;
};

struct AuthenticateRequest
{
    std::string userId;
    SecureString password;
};

// POST /enrollment/password: a general user replaces the initial password its master gave it.
struct PasswordChangeRequest
{
    std::string userId;
    SecureString password;    // current
    SecureString newPassword;
};

struct VerifyRequest
{
    std::string enrollmentId;
    SecureString code;
};

struct ProfileChangeRequest // PATCH /me
{
    std::optional<std::string> userName;
    std::optional<std::string> email;
    SecureString password;
};

// --- responses ------------------------------------------------------------------------------

struct IssuedCertificate
{
    std::string certificatePem;
    std::vector<std::string> chainPem;
    std::string serial; // upper-case hex
    Instant notBefore;
    Instant notAfter;
};

// --- validation: the same rules on both sides ---------------------------------------------------

FieldErrors validate(const ContractLoginRequest& request);
FieldErrors validate(const RegistrationRequest& request);
FieldErrors validate(const GeneralUserRequest& request);
FieldErrors validate(const AuthenticateRequest& request);
FieldErrors validate(const VerifyRequest& request);
FieldErrors validate(const PasswordChangeRequest& request);
// The client's form: the request plus the new password typed again.
FieldErrors validatePasswordChangeForm(const PasswordChangeRequest& request, std::string_view newPasswordAgain);
// Only the fields present are checked; the password must be present.
FieldErrors validate(const ProfileChangeRequest& request);

// The master's form for a general user: the request plus the e-mail address typed again.
FieldErrors validateGeneralUserForm(const GeneralUserRequest& request, std::string_view emailAgain);

// The client's registration form: the request plus the two entries typed again.
FieldErrors validateRegistrationForm(const RegistrationRequest& request, std::string_view passwordAgain,
                                     std::string_view emailAgain);

} // namespace enroll::protocol
