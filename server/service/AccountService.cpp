#include "service/AccountService.h"

#include "mail/MailTemplates.h"

namespace enroll::server {

namespace {

constexpr auto kRecentIdentity = std::chrono::seconds(1);
constexpr std::size_t kRecentIdentities = 10000;

} // namespace

void AccountService::forgetRecentIdentities() const
{
    const std::lock_guard lock(recentMutex_);
    recent_.clear();
}

Result<Caller> AccountService::identify(X509* peer, bool sameConnection) const
{
    if (peer == nullptr) {
        return Error::of(ErrorCode::ClientCertRequired, "no client certificate");
    }
    const auto now = clock_.now();
    if (!ca_.verifyClient(peer, now)) {
        return Error::of(ErrorCode::ClientCertRequired, "certificate not issued by this CA, or expired");
    }
    const auto serial = ossl::serialHex(peer);
    const auto steady = std::chrono::steady_clock::now();
    if (sameConnection) {
        const std::lock_guard lock(recentMutex_);
        if (const auto it = recent_.find(serial); it != recent_.end() && steady - it->second.at < kRecentIdentity) {
            return it->second.caller;
        }
    }
    auto found = lookUp(serial);
    if (found) {
        const std::lock_guard lock(recentMutex_);
        if (recent_.size() >= kRecentIdentities) {
            recent_.clear();
        }
        recent_.insert_or_assign(serial, Recent{found.value(), steady});
    }
    return found;
}

Result<Caller> AccountService::lookUp(const std::string& serial) const
{
    auto tx = store_.begin(Store::Mode::Read);
    auto cert = tx->certificate(serial);
    if (!cert || cert->status == CertificateStatus::Revoked) {
        return Error::of(ErrorCode::ClientCertRequired, "certificate " + serial + " unknown or revoked");
    }
    auto user = tx->user(cert->userId);
    if (!user || user->disabled) {
        return Error::of(ErrorCode::ClientCertRequired, "user of certificate " + serial + " disabled");
    }
    return Caller{std::move(*user), std::move(*cert)};
}

Account AccountService::me(const Caller& caller) const
{
    return Account{caller.user, caller.certificate, renewableFrom(caller.certificate.notAfter),
                   renewalState(clock_.now(), caller.certificate.notAfter) == RenewalState::Open, settings_.silentRenewal,
                   settings_.renewalHours};
}

Result<Account> AccountService::updateProfile(const Caller& caller, const protocol::ProfileChangeRequest& request,
                                              const RequestMeta& meta)
{
    if (auto errors = protocol::validate(request); !errors.empty()) {
        return Error::invalid(std::move(errors));
    }
    const auto& user = caller.user;
    auto status = lockout_.attempt(
        Principal::User, user.userId, [&] { return hasher_.verify(user.passwordHash, request.password.view()); },
        user.email, meta);
    if (!status) {
        return status.error();
    }
    const auto userName = request.userName.value_or(user.userName);
    const auto email = request.email.value_or(user.email);
    auto tx = store_.begin(Store::Mode::Write);
    tx->updateProfile(user.userId, userName, email);
    tx->appendAudit({0, clock_.now(), "user.profile.changed", user.userId,
                     email != user.email ? "user name and/or e-mail address" : "user name", meta.remote});
    tx->commit();
    if (email != user.email) {
        // both addresses hear of it: the old one in case this was not its owner
        (void)mailer_.send(mails::emailChanged(user.email, user.userId, email));
        (void)mailer_.send(mails::emailChanged(email, user.userId, email));
    }
    Account account = me(caller);
    account.user.userName = userName;
    account.user.email = email;
    return account;
}

Result<std::vector<ContractUser>> AccountService::users(const Caller& caller)
{
    if (!isMaster(caller)) {
        return Error::of(ErrorCode::Forbidden, "general user listing users");
    }
    const auto now = clock_.now();
    auto tx = store_.begin(Store::Mode::Read);
    std::vector<ContractUser> out;
    for (auto& user : tx->users(caller.user.contractNumber)) {
        ContractUser line;
        if (user.disabled) {
            line.state = protocol::UserState::Disabled;
        } else if (user.lock.blocked) {
            line.state = protocol::UserState::Blocked;
        } else if (user.lock.lockedUntil && *user.lock.lockedUntil > now) {
            line.state = protocol::UserState::Locked;
        }
        for (const auto& cert : tx->certificates(user.userId)) {
            if (cert.status == CertificateStatus::Active) {
                line.certificateNotAfter = cert.notAfter;
            }
        }
        line.user = std::move(user);
        out.push_back(std::move(line));
    }
    return out;
}

Result<UserRecord> AccountService::registerGeneralUser(const Caller& caller, const protocol::GeneralUserRequest& request,
                                                       const RequestMeta& meta)
{
    if (!isMaster(caller)) {
        return Error::of(ErrorCode::Forbidden, "general user registering users");
    }
    if (auto errors = protocol::validate(request); !errors.empty()) {
        return Error::invalid(std::move(errors));
    }
    UserRecord user;
    user.userId = request.userId;
    user.contractNumber = caller.user.contractNumber;
    user.role = protocol::Role::General;
    user.userName = request.userName;
    user.email = request.email;
    user.passwordHash = hasher_.hash(request.initialPassword.view());
    user.mustChangePassword = true; // replaced by the user before its first enrollment
    user.createdAt = clock_.now();
    auto tx = store_.begin(Store::Mode::Write);
    if (tx->activeUserCount(user.contractNumber) >= settings_.maxUsersPerContract) {
        return Error::of(ErrorCode::UserLimitReached);
    }
    if (!tx->insertUser(user)) {
        return Error::of(ErrorCode::UserIdTaken);
    }
    tx->appendAudit({0, user.createdAt, "user.registered", user.userId,
                     "general user of contract " + user.contractNumber + " by " + caller.user.userId, meta.remote});
    tx->commit();
    (void)mailer_.send(mails::registrationComplete(user.email, user.userId, user.userName));
    return user;
}

Status AccountService::disableUser(const Caller& caller, const std::string& userId, const RequestMeta& meta)
{
    if (!isMaster(caller)) {
        return Error::of(ErrorCode::Forbidden, "general user disabling users");
    }
    if (userId == caller.user.userId) {
        return Error::of(ErrorCode::Forbidden, "a master cannot disable itself");
    }
    const auto now = clock_.now();
    auto tx = store_.begin(Store::Mode::Write);
    const auto user = tx->user(userId);
    if (!user || user->contractNumber != caller.user.contractNumber) {
        return Error::of(ErrorCode::NotFound, "no user " + userId + " in this contract");
    }
    tx->disableUser(userId);
    for (const auto& cert : tx->certificates(userId)) {
        if (cert.status != CertificateStatus::Revoked) {
            tx->revokeCertificate(cert.serial, "cessationOfOperation", now);
            tx->appendAudit({0, now, "cert.revoked", cert.serial, "user disabled by the master", meta.remote});
        }
    }
    tx->appendAudit({0, now, "user.disabled", userId, "by " + caller.user.userId, meta.remote});
    tx->commit();
    return Done{};
}

} // namespace enroll::server
