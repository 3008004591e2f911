// EnrollmentService, SPEC §4.2 steps 3–6: the certificate issued (with the issuance token, or as
// a renewal signed in with the current certificate), then confirmed installed. The steps before
// it are in EnrollmentService.cpp.
#include "service/EnrollmentService.h"

#include "mail/MailTemplates.h"

#include <Poco/Logger.h>

namespace enroll::server {

// --- 4.2 steps 3–5: 発行 → 発行中 → 発行結果 ------------------------------------------------------

Result<Issued> EnrollmentService::issue(std::string_view issuanceToken, const std::string& csrPem,
                                        const RequestMeta& meta)
{
    if (issuanceToken.empty()) {
        return Error::of(ErrorCode::TokenInvalid);
    }
    const auto tokenHash = sha256Hex(issuanceToken);
    const auto [enrollment, user] =
        readEnrollment([&tokenHash](StoreTransaction& tx) { return tx.enrollmentByIssuanceToken(tokenHash); });
    if (!enrollment || !enrollment->issuedSerial.empty() ||
        !inForce(clock_.now(), enrollment->issuanceExpiresAt, settings_.issuanceTokenTtl) || !user ||
        user->disabled) {
        return Error::of(ErrorCode::TokenInvalid);
    }
    const auto id = enrollment->id;
    return issueFor(
        *user, csrPem, meta, "cert.issued", [&id](StoreTransaction& tx, const std::string& serial) -> std::optional<Error> {
            if (!tx.markIssued(id, serial)) {
                return Error::of(ErrorCode::TokenInvalid); // the token issued a certificate meanwhile
            }
            return std::nullopt;
        });
}

Result<Issued> EnrollmentService::issueFor(const UserRecord& user, const std::string& csrPem,
                                           const RequestMeta& meta, const std::string& event,
                                           const IssuanceClaim& claim)
{
    const auto now = clock_.now();
    auto issued = ca_.issue(csrPem, {user.userId, user.contractNumber}, now, certificateNotAfter(now));
    if (!issued) {
        return issued.error();
    }
    const auto& cert = issued.value();

    auto tx = store_.begin(Store::Mode::Write);
    if (auto refusal = certificateBlocksIssuance(*tx, user.userId, now)) {
        return *refusal;
    }
    if (auto refusal = claim(*tx, cert.serial)) {
        return *refusal;
    }
    // A certificate issued but never confirmed installed does not block: it is revoked (SPEC §4.2).
    for (const auto& old : tx->certificates(user.userId)) {
        if (old.status == CertificateStatus::Pending) {
            tx->revokeCertificate(old.serial, "cessationOfOperation", now);
            tx->appendAudit({0, now, "cert.revoked", old.serial,
                             "never confirmed; replaced by " + cert.serial, meta.remote});
        }
    }
    CertificateRecord record;
    record.serial = cert.serial;
    record.userId = user.userId;
    record.notBefore = cert.notBefore;
    record.notAfter = cert.notAfter;
    record.status = CertificateStatus::Pending;
    record.pem = cert.pem;
    record.createdAt = now;
    tx->insertCertificate(record);
    tx->appendAudit({0, now, event, cert.serial, "user " + user.userId, meta.remote});
    tx->commit();

    if (!mailer_.send(mails::certificateIssued(user.email, user.userId, cert.serial, cert.notAfter))) {
        Poco::Logger::get("enrollment").warning("issuance mail for %s could not be sent", user.userId);
    }
    return Issued{cert, ca_.clientChainPem()};
}

Result<Issued> EnrollmentService::renew(const UserRecord& user, const CertificateRecord& current,
                                        const std::string& csrPem, RenewalChannel channel, const RequestMeta& meta)
{
    if (current.status != CertificateStatus::Active) {
        return Error::of(ErrorCode::Forbidden, "renewal with a certificate that is not confirmed");
    }
    const auto now = clock_.now();
    if (renewalState(now, current.notAfter) != RenewalState::Open) {
        auto e = Error::of(ErrorCode::RenewalNotOpen);
        e.renewableFrom = renewableFrom(current.notAfter);
        return e;
    }
    // One renewal at a time: while the last one is young enough to be imported (the issuance
    // token's lifetime), a repeat is refused with its serial: no new certificate, CRL entry or
    // mail. An older one that was never confirmed is replaced (revoked) as an issuance does.
    {
        auto tx = store_.begin(Store::Mode::Read);
        if (auto pending = pendingRenewal(*tx, user.userId, now)) {
            return *pending;
        }
    }
    const std::string event = channel == RenewalChannel::Silent ? "cert.renewed.silent"
                              : channel == RenewalChannel::Est  ? "cert.renewed.est"
                                                                : "cert.renewed.interactive";
    return issueFor(user, csrPem, meta, event, [this, &user, now](StoreTransaction& tx, const std::string&) {
        return pendingRenewal(tx, user.userId, now); // another renewal won the race
    });
}

Result<Issued> EnrollmentService::reenroll(const UserRecord& user, const CertificateRecord& current,
                                           const std::string& csrPem, const RequestMeta& meta)
{
    auto issued = renew(user, current, csrPem, RenewalChannel::Est, meta);
    if (!issued) {
        return issued;
    }
    const auto& serial = issued.value().certificate.serial;
    if (auto confirmed = confirm({}, serial, serial, meta); !confirmed) {
        return confirmed.error();
    }
    return issued;
}

std::optional<Error> EnrollmentService::pendingRenewal(StoreTransaction& tx, const std::string& userId,
                                                       Instant now) const
{
    for (const auto& cert : tx.certificates(userId)) {
        if (cert.status == CertificateStatus::Pending &&
            inForce(now, cert.createdAt + settings_.issuanceTokenTtl, settings_.issuanceTokenTtl)) {
            auto e = Error::of(ErrorCode::RenewalPending, "renewal " + cert.serial + " not yet confirmed");
            e.serial = cert.serial;
            return e;
        }
    }
    return std::nullopt;
}

// --- 4.2 step 6: インポート済みの確認 ----------------------------------------------------------------

Status EnrollmentService::confirm(std::string_view issuanceToken, const std::string& peerSerial,
                                  const std::string& serial, const RequestMeta& meta)
{
    const auto now = clock_.now();
    auto tx = store_.begin(Store::Mode::Write);
    std::optional<EnrollmentRecord> enrollment;
    if (!issuanceToken.empty()) {
        enrollment = tx->enrollmentByIssuanceToken(sha256Hex(issuanceToken));
        // the token confirms within its lifetime too (then the new certificate confirms itself)
        if (!enrollment || enrollment->confirmed || enrollment->issuedSerial.empty() ||
            !inForce(now, enrollment->issuanceExpiresAt, settings_.issuanceTokenTtl) ||
            !constantTimeEquals(enrollment->issuedSerial, serial)) {
            return Error::of(ErrorCode::TokenInvalid);
        }
    } else if (peerSerial.empty()) {
        return Error::of(ErrorCode::TokenInvalid);
    } else if (peerSerial != serial) {
        return Error::of(ErrorCode::Forbidden, "a certificate may only confirm itself");
    }
    const auto cert = tx->certificate(serial);
    if (!cert || cert->status == CertificateStatus::Revoked) {
        return Error::of(ErrorCode::TokenInvalid);
    }
    if (cert->status == CertificateStatus::Pending) {
        // the new certificate supersedes the one in use (renewal)
        for (const auto& old : tx->certificates(cert->userId)) {
            if (old.status == CertificateStatus::Active) {
                tx->revokeCertificate(old.serial, "superseded", now);
                tx->appendAudit({0, now, "cert.revoked", old.serial, "superseded by " + serial, meta.remote});
            }
        }
        tx->setCertificateStatus(serial, CertificateStatus::Pending, CertificateStatus::Active);
        tx->appendAudit({0, now, "cert.confirmed", serial, "user " + cert->userId, meta.remote});
    }
    if (enrollment) {
        tx->markConfirmed(enrollment->id);
    }
    tx->commit();
    return Done{};
}

} // namespace enroll::server
