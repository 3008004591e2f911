#include "service/CrlPublisher.h"

#include "service/Secrets.h"

#include <algorithm>

namespace enroll::server {

CrlPublisher::CrlPublisher(Store& store, const CertificateAuthority& ca, const Clock& clock,
                           std::shared_ptr<RootCrl> rootCrl, std::chrono::seconds validity)
    : store_(store), clock_(clock), rootCrl_(std::move(rootCrl)), validity_(validity)
{
    for (const auto* generation : ca.generations()) {
        generations_.push_back({generation, urlPath(generation->crlUrl()), {}, {}});
        if (const auto point = crlDistributionPoint(generation->caCertificate()); rootCrl_ && !point.empty()) {
            rootCrlPaths_.push_back(urlPath(point));
        }
    }
}

std::optional<PublishedCrl> CrlPublisher::at(const std::string& path)
{
    if (std::find(rootCrlPaths_.begin(), rootCrlPaths_.end(), path) != rootCrlPaths_.end()) {
        const auto root = rootCrl_->current(); // signed offline: served as the file has it
        return PublishedCrl{root.der, '"' + sha256Hex(*root.der).substr(0, 32) + '"', root.thisUpdate, root.nextUpdate};
    }
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

void CrlPublisher::publishAll()
{
    for (auto& generation : generations_) {
        published(generation);
    }
}

bool CrlPublisher::stillCurrent(const Generation& generation, long long revocations, Instant now) const
{
    const auto& cached = generation.cached;
    return cached.der && revocations == generation.signedAt && now >= cached.thisUpdate &&
           now < cached.thisUpdate + validity_ / 2;
}

PublishedCrl CrlPublisher::published(Generation& generation)
{
    const auto now = clock_.now();
    const auto revocations = store_.begin(Store::Mode::Read)->revocationGeneration();
    {
        const std::lock_guard lock(mutex_);
        if (stillCurrent(generation, revocations, now)) {
            return generation.cached; // one row read: nothing revoked since it was signed
        }
    }
    // the list, with the generation it belongs to (read first: the list holds at least that)
    std::vector<RevokedEntry> revoked;
    long long signedAt = 0;
    {
        auto tx = store_.begin(Store::Mode::Read);
        signedAt = tx->revocationGeneration();
        for (const auto& cert : tx->revokedCertificates()) {
            revoked.push_back({cert.serial, cert.revokedAt.value_or(cert.createdAt), cert.revocationReason});
        }
    }
    const std::lock_guard lock(mutex_);
    if (!stillCurrent(generation, signedAt, now)) { // another request may have signed it meanwhile
        // (serials are random and never repeat: another generation's in the list is harmless)
        std::shared_ptr<const std::string> der;
        try {
            der = std::make_shared<const std::string>(generation.ca->crlDer(revoked, now, validity_));
        } catch (const KeyUnavailable&) {
            if (generation.cached.der && now < generation.cached.nextUpdate) {
                return generation.cached; // the token is away: the last CRL is still valid
            }
            throw;
        }
        generation.cached = PublishedCrl{der, '"' + sha256Hex(*der).substr(0, 32) + '"', now, now + validity_};
        generation.signedAt = signedAt;
    }
    return generation.cached;
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
