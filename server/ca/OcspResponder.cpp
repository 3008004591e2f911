#include "ca/OcspResponder.h"

#include "ca/OpenSsl.h"

#include <openssl/ocsp.h>

#include <stdexcept>

namespace enroll::server {
namespace {

using OcspRequest = std::unique_ptr<OCSP_REQUEST, ossl::Deleter<OCSP_REQUEST_free>>;
using OcspResponse = std::unique_ptr<OCSP_RESPONSE, ossl::Deleter<OCSP_RESPONSE_free>>;
using OcspBasic = std::unique_ptr<OCSP_BASICRESP, ossl::Deleter<OCSP_BASICRESP_free>>;
using OcspCertId = std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID_free>>;

std::string der(OCSP_RESPONSE* response)
{
    unsigned char* out = nullptr;
    const int size = i2d_OCSP_RESPONSE(response, &out);
    if (size <= 0) {
        throw std::runtime_error("OCSP response encoding");
    }
    std::string bytes(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
    OPENSSL_free(out);
    return bytes;
}

std::string statusOnly(int status)
{
    OcspResponse response(OCSP_response_create(status, nullptr));
    return der(response.get());
}

ossl::Asn1Time asn1(Instant at)
{
    return ossl::Asn1Time(ASN1_TIME_set(nullptr, static_cast<time_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                                                         at.time_since_epoch())
                                                                         .count())));
}

// The request's one CertID as DER: the cache's key.
std::string certIdKey(OCSP_CERTID* id)
{
    unsigned char* out = nullptr;
    const int size = i2d_OCSP_CERTID(id, &out);
    if (size <= 0) {
        return {};
    }
    std::string key(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
    OPENSSL_free(out);
    return key;
}

// The request, whole and asking about 1 to kMaxCertificateIds certificates; nothing otherwise.
OcspRequest parseRequest(std::string_view requestDer, int maxIds)
{
    const auto* in = reinterpret_cast<const unsigned char*>(requestDer.data());
    OcspRequest request(d2i_OCSP_REQUEST(nullptr, &in, static_cast<long>(requestDer.size())));
    const int count = request ? OCSP_request_onereq_count(request.get()) : 0;
    if (!request || count <= 0 || count > maxIds ||
        in != reinterpret_cast<const unsigned char*>(requestDer.data()) + requestDer.size()) {
        return {};
    }
    return request;
}

} // namespace

OcspResponder::OcspResponder(const CertificateAuthority& ca, Instant now, std::chrono::seconds signerValidity,
                             std::chrono::seconds answerValidity, std::shared_ptr<SigningKey> signerKey)
    : signerValidity_(signerValidity), answerValidity_(answerValidity)
{
    for (const auto* generation : ca.generations()) {
        generations_.push_back({generation, generation == &ca ? signerKey : nullptr, nullptr});
        generations_.back().signer = makeSigner(generations_.back(), now);
    }
}

std::optional<std::string> OcspResponder::refusal(std::string_view requestDer)
{
    if (parseRequest(requestDer, kMaxCertificateIds)) {
        return std::nullopt;
    }
    return statusOnly(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
}

std::string OcspResponder::tryLater()
{
    return statusOnly(OCSP_RESPONSE_STATUS_TRYLATER);
}

X509* OcspResponder::signer() const
{
    const std::shared_lock lock(signersMutex_);
    return generations_.front().signer->cert.get();
}

Instant OcspResponder::signerNotAfter() const
{
    const std::shared_lock lock(signersMutex_);
    return ossl::instantOf(X509_get0_notAfter(generations_.front().signer->cert.get()));
}

std::shared_ptr<const OcspResponder::Signer> OcspResponder::makeSigner(const Generation& generation, Instant now) const
{
    auto key = generation.configuredKey;
    if (!key) {
        ossl::Pkey fresh(EVP_EC_gen("P-256"));
        if (!fresh) {
            throw std::runtime_error("OCSP signing key");
        }
        key = memoryKey(std::move(fresh));
    }
    // a minute back: a relying party whose clock is a little behind still takes it
    auto cert = generation.ca->issueOcspSigner(key->publicKey().get(), now - std::chrono::minutes(1), now + signerValidity_);
    auto signer = std::make_shared<Signer>();
    signer->key = std::move(key);
    signer->cert = std::move(cert);
    signer->notAfter = now + signerValidity_;
    return signer;
}

std::shared_ptr<const OcspResponder::Signer> OcspResponder::signerOf(std::size_t generation, Instant now)
{
    std::shared_ptr<const Signer> signer;
    {
        const std::shared_lock lock(signersMutex_);
        signer = generations_[generation].signer;
    }
    if (now + signerValidity_ / 2 <= signer->notAfter) {
        return signer;
    }
    // half its life gone: a fresh one, made outside the lock (the CA's key may be in a token)
    try {
        auto fresh = makeSigner(generations_[generation], now);
        const std::unique_lock lock(signersMutex_);
        generations_[generation].signer = fresh;
        return fresh;
    } catch (const KeyUnavailable&) {
        if (now < signer->notAfter) {
            return signer; // still valid: renewed once the token is back
        }
        throw;
    }
}

std::size_t OcspResponder::generationFor(OCSP_REQUEST* request) const
{
    OCSP_CERTID* id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request, 0));
    ASN1_OBJECT* hashOid = nullptr;
    OCSP_id_get0_info(nullptr, &hashOid, nullptr, nullptr, id);
    const EVP_MD* md = hashOid != nullptr ? EVP_get_digestbyobj(hashOid) : nullptr;
    for (std::size_t i = 0; i < generations_.size(); ++i) {
        OcspCertId ours(md != nullptr ? OCSP_cert_to_id(md, nullptr, generations_[i].ca->caCertificate()) : nullptr);
        if (ours && OCSP_id_issuer_cmp(ours.get(), id) == 0) {
            return i;
        }
    }
    return 0;
}

std::optional<std::string> OcspResponder::cached(std::string_view requestDer, long long revocations, Instant now) const
{
    auto request = parseRequest(requestDer, 1);
    if (!request) {
        return std::nullopt;
    }
    const auto key = certIdKey(OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), 0)));
    const std::shared_lock lock(cacheMutex_);
    const auto found = cache_.find(key);
    if (found == cache_.end() || found->second.revocations != revocations || now < found->second.producedAt ||
        now >= found->second.producedAt + answerValidity_ / 2) {
        return std::nullopt;
    }
    return found->second.der;
}

std::string OcspResponder::respond(std::string_view requestDer, const OcspLookup& lookup, long long revocations,
                                   Instant now)
{
    auto request = parseRequest(requestDer, kMaxCertificateIds);
    if (!request) {
        return statusOnly(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    }
    const int count = OCSP_request_onereq_count(request.get());
    const auto generation = generationFor(request.get());
    const auto signer = signerOf(generation, now);
    const auto* ca = generations_[generation].ca;
    OcspBasic basic(OCSP_BASICRESP_new());
    const auto thisUpdate = asn1(now);
    const auto nextUpdate = asn1(now + answerValidity_);
    for (int i = 0; i < count; ++i) {
        OCSP_CERTID* id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), i));
        ASN1_OBJECT* hashOid = nullptr;
        ASN1_INTEGER* serial = nullptr;
        OCSP_id_get0_info(nullptr, &hashOid, nullptr, &serial, id);
        const EVP_MD* md = hashOid != nullptr ? EVP_get_digestbyobj(hashOid) : nullptr;
        // this CA's id under the request's hash: another issuer's certificate is unknown here
        OcspCertId ours(md != nullptr ? OCSP_cert_to_id(md, nullptr, ca->caCertificate()) : nullptr);
        std::optional<OcspStatus> status;
        if (ours && serial != nullptr && OCSP_id_issuer_cmp(ours.get(), id) == 0) {
            ossl::Bignum bn(ASN1_INTEGER_to_BN(serial, nullptr));
            ossl::OsslString hex(bn ? BN_bn2hex(bn.get()) : nullptr);
            if (hex) {
                status = lookup(hex.get());
            }
        }
        bool added = false;
        if (!status) {
            added = OCSP_basic_add1_status(basic.get(), id, V_OCSP_CERTSTATUS_UNKNOWN, 0, nullptr, thisUpdate.get(),
                                           nextUpdate.get()) != nullptr;
        } else if (status->kind == OcspStatus::Kind::Revoked) {
            const auto revokedAt = asn1(status->revokedAt);
            added = OCSP_basic_add1_status(basic.get(), id, V_OCSP_CERTSTATUS_REVOKED, ossl::revocationReasonCode(status->reason),
                                           revokedAt.get(), thisUpdate.get(), nextUpdate.get()) != nullptr;
        } else {
            added = OCSP_basic_add1_status(basic.get(), id, V_OCSP_CERTSTATUS_GOOD, 0, nullptr, thisUpdate.get(),
                                           nextUpdate.get()) != nullptr;
        }
        if (!added) {
            return statusOnly(OCSP_RESPONSE_STATUS_INTERNALERROR);
        }
    }
    signer->key->sign([&](EVP_PKEY* key) {
        return OCSP_basic_sign(basic.get(), signer->cert.get(), key, EVP_sha256(), nullptr, 0) == 1;
    });
    OcspResponse response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
    auto answer = der(response.get());
    if (count == 1) {
        const auto key = certIdKey(OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), 0)));
        const std::unique_lock lock(cacheMutex_);
        if (cache_.size() >= kMaxCachedAnswers) {
            cache_.clear();
        }
        cache_[key] = Answer{answer, revocations, now};
    }
    return answer;
}

} // namespace enroll::server
