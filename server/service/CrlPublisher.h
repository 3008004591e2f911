// The CRLs as served at GET /crl: one per CA generation (CertificateAuthority::generations),
// each at the path of the CRL URL its certificates carry, the active CA's also at /crl when no
// other claims it. Each is signed only when the registry's revocations change, or when the
// one in memory has used up half its validity (so it is always fresh well before nextUpdate),
// and otherwise handed out from memory with its ETag. Each request reads one row, the database's
// revocation generation (Store::revocationGeneration), so every instance sharing one database
// serves the current list without reading it again.
#pragma once

#include "ca/CertificateAuthority.h"
#include "ca/OcspResponder.h"
#include "service/Clock.h"
#include "store/Store.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace enroll::server {

struct PublishedCrl
{
    std::shared_ptr<const std::string> der;
    std::string etag;   // quoted, as in the ETag header
    Instant thisUpdate; // Last-Modified
    Instant nextUpdate;
};

// What the OCSP responder answers for a serial of this CA, from the registry: revoked (time and
// reason, as in the CRL), good (pending or active), or nothing for a serial it never issued.
std::optional<OcspStatus> revocationStatus(Store& store, const std::string& serial);

class CrlPublisher
{
public:
    // `rootCrl` (may be null): the root's CRL of issuing CAs, served at the path of the
    // distribution point the issuing CAs name.
    CrlPublisher(Store& store, const CertificateAuthority& ca, const Clock& clock,
                 std::shared_ptr<RootCrl> rootCrl = nullptr, std::chrono::seconds validity = std::chrono::days(7));

    // The CRL served at `path`; nothing when no CA's CRL is there.
    [[nodiscard]] std::optional<PublishedCrl> at(const std::string& path);
    [[nodiscard]] PublishedCrl current() { return published(generations_.front()); }
    // Signs every generation's CRL now (at the start, while the key is surely there), so that a
    // token that goes away later leaves valid CRLs to serve until their nextUpdate.
    void publishAll();

private:
    struct Generation
    {
        const CertificateAuthority* ca;
        std::string path;
        long long signedAt = -1; // the revocation generation the cached CRL was signed from
        PublishedCrl cached;
    };
    PublishedCrl published(Generation& generation);
    // The cached CRL while nothing was revoked since it was signed and half its validity is left.
    [[nodiscard]] bool stillCurrent(const Generation& generation, long long revocations, Instant now) const;

    Store& store_;
    const Clock& clock_;
    std::shared_ptr<RootCrl> rootCrl_;
    std::vector<std::string> rootCrlPaths_;
    std::chrono::seconds validity_;
    mutable std::mutex mutex_;
    std::vector<Generation> generations_; // the active CA first
};

} // namespace enroll::server
