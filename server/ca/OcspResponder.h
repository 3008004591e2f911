// The CA's OCSP responder (RFC 6960) on OpenSSL's OCSP API: answers good, revoked or unknown
// for each certificate asked about, signed by a delegated OCSP signing certificate of the CA that
// issued it (made with that CA's key when the responder starts), the request's nonce copied back.
#pragma once

#include "ca/CertificateAuthority.h"
#include "enroll/Result.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/ocsp.h>

namespace enroll::server {

struct OcspStatus
{
    enum class Kind { Good, Revoked };
    Kind kind = Kind::Good;
    Instant revokedAt{};
    std::string reason; // RFC 5280 reason name, as in the CRL
};

// The status of the CA's certificate with this serial (upper-case hex), or nothing when the CA
// never issued it (answered "unknown").
using OcspLookup = std::function<std::optional<OcspStatus>(const std::string& serial)>;

class OcspResponder
{
public:
    // The signing certificate is valid from `now` for `signerValidity` (the responder makes a
    // new one before it runs out); answers say "next update" `answerValidity` after now.
    OcspResponder(const CertificateAuthority& ca, Instant now, std::chrono::seconds signerValidity,
                  std::chrono::seconds answerValidity);

    // At most this many certificates per request: more is "malformedRequest", refused before any
    // lookup or signature (a 64 KiB request could otherwise ask about hundreds).
    static constexpr int kMaxCertificateIds = 4;

    // The DER OCSPResponse for a DER OCSPRequest: "malformedRequest" when it does not parse or
    // asks about more than kMaxCertificateIds certificates; otherwise "successful" with one
    // answer per certificate (unknown for another CA's). Thread-safe.
    [[nodiscard]] std::string respond(std::string_view requestDer, const OcspLookup& lookup, Instant now);

    // The active CA's signing certificate.
    [[nodiscard]] X509* signer() const { return signers_.front().cert.get(); }

private:
    // One per CA generation (after a rollover the previous CA answers for its own certificates).
    struct Signer
    {
        const CertificateAuthority* ca;
        ossl::Pkey key;
        ossl::X509Ptr cert;
        Instant notAfter{};
    };
    void renew(Signer& signer, Instant now) const;
    // The signer of the CA that issued the first certificate asked about (the active one if none).
    Signer& signerFor(OCSP_REQUEST* request);

    std::chrono::seconds signerValidity_;
    std::chrono::seconds answerValidity_;
    std::mutex mutex_; // the signers and their keys, renewed in place
    std::vector<Signer> signers_;
};

} // namespace enroll::server
