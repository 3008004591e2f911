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

} // namespace

OcspResponder::OcspResponder(const CertificateAuthority& ca, Instant now, std::chrono::seconds signerValidity,
                             std::chrono::seconds answerValidity)
    : signerValidity_(signerValidity), answerValidity_(answerValidity)
{
    for (const auto* generation : ca.generations()) {
        signers_.push_back({generation, {}, {}, {}});
        renew(signers_.back(), now);
    }
}

void OcspResponder::renew(Signer& signer, Instant now) const
{
    ossl::Pkey key(EVP_EC_gen("P-256"));
    if (!key) {
        throw std::runtime_error("OCSP signing key");
    }
    // a minute back: a relying party whose clock is a little behind still takes it
    auto cert = signer.ca->issueOcspSigner(key.get(), now - std::chrono::minutes(1), now + signerValidity_);
    signer.key = std::move(key);
    signer.cert = std::move(cert);
    signer.notAfter = now + signerValidity_;
}

OcspResponder::Signer& OcspResponder::signerFor(OCSP_REQUEST* request)
{
    OCSP_CERTID* id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request, 0));
    ASN1_OBJECT* hashOid = nullptr;
    OCSP_id_get0_info(nullptr, &hashOid, nullptr, nullptr, id);
    const EVP_MD* md = hashOid != nullptr ? EVP_get_digestbyobj(hashOid) : nullptr;
    for (auto& signer : signers_) {
        OcspCertId ours(md != nullptr ? OCSP_cert_to_id(md, nullptr, signer.ca->caCertificate()) : nullptr);
        if (ours && OCSP_id_issuer_cmp(ours.get(), id) == 0) {
            return signer;
        }
    }
    return signers_.front();
}

std::string OcspResponder::respond(std::string_view requestDer, const OcspLookup& lookup, Instant now)
{
    const auto* in = reinterpret_cast<const unsigned char*>(requestDer.data());
    OcspRequest request(d2i_OCSP_REQUEST(nullptr, &in, static_cast<long>(requestDer.size())));
    const int count = request ? OCSP_request_onereq_count(request.get()) : 0;
    if (!request || count <= 0 || count > kMaxCertificateIds ||
        in != reinterpret_cast<const unsigned char*>(requestDer.data()) + requestDer.size()) {
        return statusOnly(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    }
    const std::lock_guard lock(mutex_);
    auto& signer = signerFor(request.get());
    if (now + signerValidity_ / 2 > signer.notAfter) {
        renew(signer, now); // half its life gone: a fresh one
    }
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
        OcspCertId ours(md != nullptr ? OCSP_cert_to_id(md, nullptr, signer.ca->caCertificate()) : nullptr);
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
    // the nonce comes back as it was sent (none sent: none answered)
    if (OCSP_copy_nonce(basic.get(), request.get()) <= 0 ||
        OCSP_basic_sign(basic.get(), signer.cert.get(), signer.key.get(), EVP_sha256(), nullptr, 0) != 1) {
        return statusOnly(OCSP_RESPONSE_STATUS_INTERNALERROR);
    }
    OcspResponse response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
    return der(response.get());
}

} // namespace enroll::server
