#include "service/EnrollmentService.h"

#include "mail/MailTemplates.h"

#include <Poco/Logger.h>

namespace enroll::server {
namespace {

Poco::Logger& logger()
{
    return Poco::Logger::get("enrollment");
}

void audit(StoreTransaction& tx, Instant at, const std::string& event, const std::string& subject,
           const std::string& detail, const RequestMeta& meta)
{
    tx.appendAudit({0, at, event, subject, detail, meta.remote});
}

Error rateLimited(std::chrono::seconds retryAfter)
{
    auto e = Error::of(ErrorCode::RateLimited);
    e.retryAfterSeconds = static_cast<int>(std::max<long long>(1, retryAfter.count()));
    return e;
}

} // namespace

EnrollmentService::EnrollmentService(Store& store, CertificateAuthority& ca, Mailer& mailer, const Clock& clock,
                                     const PasswordHasher& hasher, ServiceSettings settings)
    : store_(store), ca_(ca), mailer_(mailer), clock_(clock), hasher_(hasher), settings_(std::move(settings)),
      lockout_(store, clock, mailer, settings_.lockout)
{
}

// --- 4.1 step 1: 初期登録ログイン --------------------------------------------------------------

Result<ContractSession> EnrollmentService::contractLogin(const protocol::ContractLoginRequest& request,
                                                         const RequestMeta& meta)
{
    if (auto errors = protocol::validate(request); !errors.empty()) {
        return Error::invalid(std::move(errors));
    }
    std::optional<ContractRecord> contract;
    std::string notifyTo;
    {
        auto tx = store_.begin(Store::Mode::Read);
        contract = tx->contract(request.contractNumber);
        if (contract) {
            if (const auto master = tx->activeMaster(contract->number)) {
                notifyTo = master->email;
            }
        }
    }
    auto status = lockout_.attempt(
        Principal::Contract, request.contractNumber,
        [&] {
            if (!contract) {
                hasher_.verifyDummy(request.initialPassword.view());
                return false;
            }
            return hasher_.verify(contract->initialPasswordHash, request.initialPassword.view());
        },
        notifyTo, meta);
    if (!status) {
        return status.error();
    }
    upgradeHash(Principal::Contract, contract->number, contract->initialPasswordHash, request.initialPassword, meta);

    const auto token = newToken();
    const auto now = clock_.now();
    auto tx = store_.begin(Store::Mode::Write);
    // Checked only after the password: the answer must not tell strangers whether a master exists.
    if (tx->activeMaster(contract->number)) {
        return Error::of(ErrorCode::MasterExists);
    }
    tx->insertRegistrationToken({sha256Hex(token.view()), contract->number, now + settings_.registrationTokenTtl, false});
    tx->commit();
    return ContractSession{token, now + settings_.registrationTokenTtl, contract->employerName};
}

// --- 4.1 steps 2–3: 登録内容入力 → 登録結果 -------------------------------------------------------

Result<RegisteredUser> EnrollmentService::registerMaster(std::string_view registrationToken,
                                                         const protocol::RegistrationRequest& request,
                                                         const RequestMeta& meta)
{
    if (registrationToken.empty()) {
        return Error::of(ErrorCode::TokenInvalid);
    }
    if (auto errors = protocol::validate(request); !errors.empty()) {
        return Error::invalid(std::move(errors));
    }
    const auto tokenHash = sha256Hex(registrationToken);
    {
        // no Argon2 for a token that is not live: made-up tokens cost a lookup, never a hash
        auto tx = store_.begin(Store::Mode::Read);
        if (!tx->liveRegistrationToken(tokenHash, liveEnds(clock_.now(), settings_.registrationTokenTtl))) {
            return Error::of(ErrorCode::TokenInvalid);
        }
    }
    const auto passwordHash = hasher_.hash(request.password.view());
    const auto now = clock_.now();

    auto tx = store_.begin(Store::Mode::Write);
    // Spent inside the transaction: a refused registration (ID taken…) rolls back and the
    // master can correct the form with the same token.
    const auto contractNumber = tx->spendRegistrationToken(tokenHash, liveEnds(now, settings_.registrationTokenTtl));
    if (!contractNumber) {
        return Error::of(ErrorCode::TokenInvalid);
    }
    if (tx->activeMaster(*contractNumber)) {
        return Error::of(ErrorCode::MasterExists);
    }
    if (tx->activeUserCount(*contractNumber) >= settings_.maxUsersPerContract) {
        return Error::of(ErrorCode::UserLimitReached);
    }
    UserRecord user;
    user.userId = request.userId;
    user.contractNumber = *contractNumber;
    user.role = protocol::Role::Master;
    user.userName = request.userName;
    user.email = request.email;
    user.passwordHash = passwordHash;
    user.createdAt = now;
    if (!tx->insertUser(user)) {
        return Error::of(ErrorCode::UserIdTaken);
    }
    audit(*tx, now, "master.registered", user.userId, "contract " + user.contractNumber, meta);
    tx->commit();

    if (!mailer_.send(mails::registrationComplete(user.email, user.userId, user.userName))) {
        logger().warning("registration mail for %s could not be sent", user.userId);
    }
    return RegisteredUser{user.userId, user.userName, user.email};
}

// --- 4.2 step 1: ユーザー認証 ------------------------------------------------------------------

std::optional<Error> EnrollmentService::certificateBlocksIssuance(StoreTransaction& tx, const std::string& userId,
                                                                  Instant now) const
{
    for (const auto& cert : tx.certificates(userId)) {
        if (cert.status == CertificateStatus::Active && renewalState(now, cert.notAfter) == RenewalState::NotYetOpen) {
            auto e = Error::of(ErrorCode::CertAlreadyIssued);
            e.renewableFrom = renewableFrom(cert.notAfter);
            return e;
        }
    }
    return std::nullopt;
}

void EnrollmentService::upgradeHash(Principal principal, const std::string& id, const std::string& storedHash,
                                    const SecureString& password, const RequestMeta& meta)
{
    if (!hasher_.needsRehash(storedHash)) {
        return;
    }
    const auto fresh = hasher_.hash(password.view());
    auto tx = store_.begin(Store::Mode::Write);
    if (tx->replacePasswordHash(principal, id, storedHash, fresh)) {
        audit(*tx, clock_.now(), auditEvent(principal, "password.rehashed"), id, "Argon2id at today's cost", meta);
        tx->commit();
    }
}

Result<UserRecord> EnrollmentService::checkUserPassword(const std::string& userId, const SecureString& password,
                                                       const RequestMeta& meta, Lockout::Factor factor)
{
    std::optional<UserRecord> user;
    {
        auto tx = store_.begin(Store::Mode::Read);
        user = tx->user(userId);
    }
    const bool usable = user && !user->disabled;
    auto status = lockout_.attempt(
        Principal::User, userId,
        [&] {
            if (!usable) { // unknown and disabled IDs spend the same time and get the same answer
                hasher_.verifyDummy(password.view());
                return false;
            }
            return hasher_.verify(user->passwordHash, password.view());
        },
        usable ? user->email : std::string(), meta, factor);
    if (!status) {
        return status.error();
    }
    upgradeHash(Principal::User, user->userId, user->passwordHash, password, meta);
    return std::move(*user);
}

Result<CodeSent> EnrollmentService::authenticate(const protocol::AuthenticateRequest& request,
                                                 const RequestMeta& meta)
{
    if (auto errors = protocol::validate(request); !errors.empty()) {
        return Error::invalid(std::move(errors));
    }
    // the password is the first factor: the lockout counts reset when the code is verified
    auto user = checkUserPassword(request.userId, request.password, meta, Lockout::Factor::First);
    if (!user) {
        return user.error();
    }
    if (user->mustChangePassword) {
        return Error::of(ErrorCode::PasswordChangeRequired); // the master's initial password is not for enrolling
    }
    {
        auto tx = store_.begin(Store::Mode::Read);
        if (auto refusal = certificateBlocksIssuance(*tx, user->userId, clock_.now())) {
            return *refusal;
        }
    }
    return sendNewCode(*user, std::nullopt, meta);
}

Result<CodeSent> EnrollmentService::sendNewCode(const UserRecord& user, const std::optional<EnrollmentRecord>& previous,
                                                const RequestMeta& meta)
{
    const auto code = newOneTimeCode();
    const auto now = clock_.now();
    const auto expiresAt = now + settings_.codeTtl;
    // The mail goes first: when it fails, nothing was created or spent (MAIL_UNAVAILABLE).
    if (!mailer_.send(mails::oneTimeCode(user.email, std::string(code.view()), expiresAt))) {
        auto tx = store_.begin(Store::Mode::Write);
        audit(*tx, now, "code.mail.failure", user.userId, "", meta);
        tx->commit();
        return Error::of(ErrorCode::MailUnavailable, "one-time code mail failed");
    }
    const auto codeHash = keyedHash(settings_.codeKey, code.view());
    auto tx = store_.begin(Store::Mode::Write);
    std::string id;
    if (previous) {
        id = previous->id;
        if (!tx->replaceCode(id, codeHash, expiresAt, settings_.codeMaxAttempts, previous->resends, now)) {
            return rateLimited(settings_.resendInterval); // another resend won the race
        }
        audit(*tx, now, "code.resent", user.userId, "", meta);
    } else {
        // only the newest authentication's code is live: earlier open enrollments are void
        if (const int voided = tx->voidOpenEnrollments(user.userId); voided > 0) {
            audit(*tx, now, "enrollment.voided", user.userId, std::to_string(voided) + " earlier open", meta);
        }
        EnrollmentRecord e;
        e.id = newPublicId();
        e.userId = user.userId;
        e.codeHash = codeHash;
        e.codeExpiresAt = expiresAt;
        e.attemptsLeft = settings_.codeMaxAttempts;
        e.lastSentAt = now;
        tx->insertEnrollment(e);
        id = e.id;
        audit(*tx, now, "code.sent", user.userId, "", meta);
    }
    tx->commit();
    return CodeSent{id, expiresAt, maskEmail(user.email)};
}

Status EnrollmentService::changeInitialPassword(const protocol::PasswordChangeRequest& request,
                                              const RequestMeta& meta)
{
    if (auto errors = protocol::validate(request); !errors.empty()) {
        return Error::invalid(std::move(errors));
    }
    auto user = checkUserPassword(request.userId, request.password, meta, Lockout::Factor::Whole);
    if (!user) {
        return user.error();
    }
    if (!user->mustChangePassword) {
        return Error::of(ErrorCode::Forbidden, "password change outside the first use");
    }
    const auto hash = hasher_.hash(request.newPassword.view());
    auto tx = store_.begin(Store::Mode::Write);
    tx->setPassword(user->userId, hash);
    tx->appendAudit({0, clock_.now(), "user.password.changed", user->userId, "initial password replaced", meta.remote});
    tx->commit();
    return Done{};
}

EnrollmentService::EnrollmentAndUser EnrollmentService::readEnrollment(
    const std::function<std::optional<EnrollmentRecord>(StoreTransaction&)>& find)
{
    EnrollmentAndUser found;
    auto tx = store_.begin(Store::Mode::Read);
    found.enrollment = find(*tx);
    if (found.enrollment) {
        found.user = tx->user(found.enrollment->userId);
    }
    return found;
}

Result<CodeSent> EnrollmentService::resend(const std::string& enrollmentId, const RequestMeta& meta)
{
    const auto [enrollment, user] =
        readEnrollment([&enrollmentId](StoreTransaction& tx) { return tx.enrollment(enrollmentId); });
    if (!enrollment || enrollment->codeHash.empty() || !user || user->disabled) {
        return Error::of(ErrorCode::TokenInvalid);
    }
    const auto now = clock_.now();
    if (now < enrollment->lastSentAt + settings_.resendInterval) {
        return rateLimited(enrollment->lastSentAt + settings_.resendInterval - now);
    }
    if (enrollment->resends >= settings_.maxResends) {
        // Enough codes for one authentication: the current one stays usable until it expires,
        // after that the user authenticates again.
        return rateLimited(std::max(enrollment->codeExpiresAt - now, settings_.resendInterval));
    }
    return sendNewCode(*user, enrollment, meta);
}

// --- 4.2 step 2: 認証コード入力 -------------------------------------------------------------------

Result<IssuanceGrant> EnrollmentService::verify(const protocol::VerifyRequest& request, const RequestMeta& meta)
{
    if (auto errors = protocol::validate(request); !errors.empty()) {
        return Error::invalid(std::move(errors));
    }
    const auto now = clock_.now();
    std::string userId;
    int left = 0;
    bool runCompleted = false;
    {
        auto tx = store_.begin(Store::Mode::Write);
        // the attempt is spent before the code is compared: parallel guesses never check more
        const auto attempt = tx->takeCodeAttempt(request.enrollmentId, liveEnds(now, settings_.codeTtl));
        if (!attempt) {
            const auto enrollment = tx->enrollment(request.enrollmentId);
            if (!enrollment || enrollment->codeHash.empty()) {
                return Error::of(ErrorCode::TokenInvalid); // unknown, verified, or voided by a newer authentication
            }
            return Error::of(ErrorCode::CodeExpired);
        }
        if (constantTimeEquals(keyedHash(settings_.codeKey, request.code.view()), attempt->codeHash)) {
            // the authentication is whole now: the lockout counts reset (refused if locked meanwhile)
            if (auto status = lockout_.succeeded(*tx, Principal::User, attempt->userId, now, meta); !status) {
                return status.error();
            }
            const auto token = newToken();
            if (!tx->setIssuanceToken(request.enrollmentId, attempt->codeHash, sha256Hex(token.view()),
                                      now + settings_.issuanceTokenTtl)) {
                return Error::of(ErrorCode::TokenInvalid);
            }
            audit(*tx, now, "code.verified", attempt->userId, "", meta);
            tx->commit();
            return IssuanceGrant{token, now + settings_.issuanceTokenTtl};
        }
        userId = attempt->userId;
        left = attempt->attemptsLeft;
        audit(*tx, now, "code.verify.failure", userId, "attempts left " + std::to_string(left), meta);
        runCompleted = tx->countWrongCode(userId, settings_.wrongCodesPerFailure);
        tx->commit();
    }
    // SPEC §3: every run of wrong codes in a row (across codes, resends and authentications) is one
    // failed authentication of the user, and so is a code whose attempts ran out
    if (runCompleted) {
        countCodeFailure(userId, std::to_string(settings_.wrongCodesPerFailure) + " wrong one-time codes in a row", meta);
    }
    if (left > 0) {
        auto e = Error::of(ErrorCode::CodeInvalid);
        e.attemptsLeft = left;
        return e;
    }
    countCodeFailure(userId, "one-time code attempts used up", meta);
    return Error::of(ErrorCode::CodeExpired);
}

void EnrollmentService::countCodeFailure(const std::string& userId, const std::string& reason, const RequestMeta& meta)
{
    std::string email;
    {
        auto tx = store_.begin(Store::Mode::Read);
        if (const auto user = tx->user(userId)) {
            email = user->email;
        }
    }
    (void)lockout_.countFailure(Principal::User, userId, reason, email, meta);
}

} // namespace enroll::server
