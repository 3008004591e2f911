#include "service/CrlPublisher.h"

#include "service/Secrets.h"

namespace enroll::server {

CrlPublisher::CrlPublisher(Store& store, const CertificateAuthority& ca, const Clock& clock,
                           std::chrono::seconds validity)
    : store_(store), clock_(clock), validity_(validity)
{
    for (const auto* generation : ca.generations()) {
        generations_.push_back({generation, urlPath(generation->crlUrl()), {}, {}});
    }
}

std::optional<PublishedCrl> CrlPublisher::at(const std::string& path)
{
    for (auto& generation : generations_) {
        if (generation.path == path) {
            return published(generation);
        }
    }
    if (path == "/crl") {
        return current();
    }
    return std::nullopt;
}

PublishedCrl CrlPublisher::published(Generation& generation)
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
    auto& cached = generation.cached;
    const bool fresh = cached.der && fingerprint == generation.revocations && now >= cached.thisUpdate &&
                       now < cached.thisUpdate + validity_ / 2;
    if (!fresh) {
        // (serials are random and never repeat: another generation's in the list is harmless)
        auto der = std::make_shared<const std::string>(generation.ca->crlDer(revoked, now, validity_));
        cached = PublishedCrl{der, '"' + sha256Hex(*der).substr(0, 32) + '"', now, now + validity_};
        generation.revocations = std::move(fingerprint);
    }
    return cached;
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
