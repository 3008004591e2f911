#include "service/CrlPublisher.h"

#include "service/Secrets.h"

namespace enroll::server {

CrlPublisher::CrlPublisher(Store& store, const CertificateAuthority& ca, const Clock& clock,
                           std::chrono::seconds validity)
    : store_(store), ca_(ca), clock_(clock), validity_(validity)
{
}

PublishedCrl CrlPublisher::current()
{
    std::vector<RevokedEntry> revoked;
    std::string fingerprint;
    {
        auto tx = store_.begin(Store::Mode::Read);
        for (const auto& cert : tx->revokedCertificates()) {
            revoked.push_back({cert.serial, cert.revokedAt.value_or(cert.createdAt), cert.revocationReason});
            fingerprint += cert.serial + ':' + std::to_string(revoked.back().revokedAt.time_since_epoch().count()) +
                           ':' + cert.revocationReason + ';';
        }
    }
    const auto now = clock_.now();
    const std::lock_guard lock(mutex_);
    const bool fresh = cached_.der && fingerprint == revocations_ && now >= cached_.thisUpdate &&
                       now < cached_.thisUpdate + validity_ / 2;
    if (!fresh) {
        auto der = std::make_shared<const std::string>(ca_.crlDer(revoked, now, validity_));
        cached_ = PublishedCrl{der, '"' + sha256Hex(*der).substr(0, 32) + '"', now, now + validity_};
        revocations_ = std::move(fingerprint);
    }
    return cached_;
}

std::optional<OcspStatus> revocationStatus(Store& store, const std::string& serial)
{
    const auto record = store.begin(Store::Mode::Read)->certificate(serial);
    if (!record) {
        return std::nullopt;
    }
    if (record->status == CertificateStatus::Revoked) {
        return OcspStatus{OcspStatus::Kind::Revoked, record->revokedAt.value_or(Instant{}), record->revocationReason};
    }
    return OcspStatus{};
}

} // namespace enroll::server
