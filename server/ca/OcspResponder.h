// The CA's OCSP responder (RFC 6960) on OpenSSL's OCSP API: answers good, revoked or unknown
// for each certificate asked about, signed by a delegated OCSP signing certificate of the CA that
// issued it (made with that CA's key when the responder starts), each answer made once and kept.
#pragma once

#include "ca/CertificateAuthority.h"
#include "enroll/Result.h"

#include <chrono>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
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
    // new one before it runs out); answers say "next update" `answerValidity` after now. The
    // active CA's answers are signed with `signerKey` when one is given (ocsp.signerKey, a token
    // key), otherwise with a P-256 key made in memory for each signing certificate.
    OcspResponder(const CertificateAuthority& ca, Instant now, std::chrono::seconds signerValidity,
                  std::chrono::seconds answerValidity, std::shared_ptr<SigningKey> signerKey = {});

    // At most this many certificates per request: more is "malformedRequest", refused before any
    // lookup or signature (a 64 KiB request could otherwise ask about hundreds).
    static constexpr int kMaxCertificateIds = 4;
    // Answers kept at most (a full cache starts afresh).
    static constexpr std::size_t kMaxCachedAnswers = 65536;

    // The answer to a request about one certificate, produced before and still fresh: no lookup,
    // no signature. Fresh means made under the same `revocations` (Store::revocationGeneration)
    // with half its validity left. Nothing when respond() has to make it. Thread-safe.
    [[nodiscard]] std::optional<std::string> cached(std::string_view requestDer, long long revocations,
                                                    Instant now) const;

    // The DER OCSPResponse for a DER OCSPRequest: "malformedRequest" when it does not parse or
    // asks about more than kMaxCertificateIds certificates; otherwise "successful" with one
    // answer per certificate (unknown for another CA's). Nonces are not answered (RFC 5019
    // §2.2.1): an answer is made once per certificate and served to everyone asking until a
    // revocation or half its validity. Signs outside every lock; throws KeyUnavailable when a
    // token key cannot sign now. Thread-safe.
    [[nodiscard]] std::string respond(std::string_view requestDer, const OcspLookup& lookup, long long revocations,
                                      Instant now);

    // "malformedRequest" for bytes that are no request, or a request about more than
    // kMaxCertificateIds certificates; nothing for a request respond() answers. No lookup, no
    // database, no signature: asked first.
    static std::optional<std::string> refusal(std::string_view requestDer);

    // "tryLater" (RFC 6960 §4.2.1), unsigned: what a client gets while the token is away.
    static std::string tryLater();

    // The active CA's signing certificate.
    [[nodiscard]] X509* signer() const;
    // The end of the active CA's signing certificate, read under the lock (safe while it is renewed).
    [[nodiscard]] Instant signerNotAfter() const;

private:
    struct Signer
    {
        std::shared_ptr<SigningKey> key;
        ossl::X509Ptr cert;
        Instant notAfter{};
    };
    // One per CA generation (after a rollover the previous CA answers for its own certificates).
    struct Generation
    {
        const CertificateAuthority* ca;
        std::shared_ptr<SigningKey> configuredKey; // empty: a fresh key in memory per signer
        std::shared_ptr<const Signer> signer;
    };
    struct Answer
    {
        std::string der;
        long long revocations = 0;
        Instant producedAt{};
    };
    [[nodiscard]] std::shared_ptr<const Signer> makeSigner(const Generation& generation, Instant now) const;
    // The generation of the CA that issued the first certificate asked about (the active one if none).
    [[nodiscard]] std::size_t generationFor(OCSP_REQUEST* request) const;
    // Its signer, renewed when half its life is gone (kept while the token cannot sign a new one).
    std::shared_ptr<const Signer> signerOf(std::size_t generation, Instant now);

    std::chrono::seconds signerValidity_;
    std::chrono::seconds answerValidity_;
    mutable std::shared_mutex signersMutex_; // swaps a signer; never held while signing an answer
    std::vector<Generation> generations_;
    mutable std::shared_mutex cacheMutex_;
    std::unordered_map<std::string, Answer> cache_; // the request's CertID (DER) → its answer
};

} // namespace enroll::server
