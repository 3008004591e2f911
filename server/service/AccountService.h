// Who a client certificate belongs to (mTLS endpoints) and what a signed-in user may see.
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

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace enroll::server {

struct Caller
{
    UserRecord user;
    CertificateRecord certificate; // the one presented on this connection
};

struct Account
{
    UserRecord user;
    CertificateRecord certificate;
    Instant renewableFrom;
    bool renewalOpen = false; // by the server's clock
    bool silentRenewal = true; // the bank's policy (renewal.silent)
    RenewalHours renewalHours; // and the hours in which PCs renew by themselves
};

// One line of the master's user list (GET /users).
struct ContractUser
{
    UserRecord user;
    protocol::UserState state = protocol::UserState::Active;
    std::optional<Instant> certificateNotAfter;
};

// SPEC §4.4: what a signed-in user may see and change, and the master's users.
class AccountService
{
public:
    AccountService(Store& store, const CertificateAuthority& ca, const Clock& clock, const PasswordHasher& hasher,
                   Mailer& mailer, const ServiceSettings& settings)
        : store_(store), ca_(ca), clock_(clock), hasher_(hasher), mailer_(mailer), settings_(settings),
          lockout_(store, clock, mailer, settings.lockout)
    {
    }

    // The peer certificate must chain to our CA, be within its validity, be registered and not
    // revoked, and its user must not be disabled. Anything else: CLIENT_CERT_REQUIRED.
    // Checked against the registry on the first request of every client connection, so a
    // revocation takes effect at the next TLS handshake at the latest (SPEC §5). A later read-only
    // request on a connection already checked (`sameConnection`, known behind nginx) may use the
    // registry's answer of the last second instead of asking again.
    [[nodiscard]] Result<Caller> identify(X509* peer, bool sameConnection = false) const;
    // After a change made through this instance: no identity from before it is used again.
    void forgetRecentIdentities() const;

    [[nodiscard]] Account me(const Caller& caller) const;

    // PATCH /me: user name and e-mail (never the user ID), with the password re-entered (it counts
    // toward the lockout like any wrong password). A changed address is told to old and new.
    Result<Account> updateProfile(const Caller& caller, const protocol::ProfileChangeRequest& request,
                                  const RequestMeta& meta);

    // The master's user administration (FORBIDDEN for a general user).
    Result<std::vector<ContractUser>> users(const Caller& caller);
    Result<UserRecord> registerGeneralUser(const Caller& caller, const protocol::GeneralUserRequest& request,
                                           const RequestMeta& meta);
    // Disables the user and revokes its certificates at once; a master cannot disable itself.
    Status disableUser(const Caller& caller, const std::string& userId, const RequestMeta& meta);

private:
    [[nodiscard]] static bool isMaster(const Caller& caller) { return caller.user.role == protocol::Role::Master; }
    // The registry's answer for a certificate serial: its user, if active and not disabled.
    [[nodiscard]] Result<Caller> lookUp(const std::string& serial) const;

    Store& store_;
    const CertificateAuthority& ca_;
    const Clock& clock_;
    const PasswordHasher& hasher_;
    Mailer& mailer_;
    const ServiceSettings& settings_;
    Lockout lockout_;
    struct Recent
    {
        Caller caller;
        std::chrono::steady_clock::time_point at;
    };
    mutable std::mutex recentMutex_;
    mutable std::unordered_map<std::string, Recent> recent_; // serial → the registry's last answer
};

} // namespace enroll::server
