#include "crypto/OcspQuery.h"

#include "enroll/OpenSslHandles.h"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <memory>
#include <vector>

namespace enroll::client {
namespace {

using namespace ossl;
using OcspRequest = std::unique_ptr<OCSP_REQUEST, Deleter<OCSP_REQUEST_free>>;
using OcspResponse = std::unique_ptr<OCSP_RESPONSE, Deleter<OCSP_RESPONSE_free>>;
using OcspBasic = std::unique_ptr<OCSP_BASICRESP, Deleter<OCSP_BASICRESP_free>>;
using OcspId = std::unique_ptr<OCSP_CERTID, Deleter<OCSP_CERTID_free>>;
using Strings = std::unique_ptr<STACK_OF(OPENSSL_STRING), Deleter<X509_email_free>>;

X509Ptr fromDer(const std::string& der)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
    return X509Ptr(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
}

std::vector<X509Ptr> fromPem(const std::string& pem)
{
    std::vector<X509Ptr> out;
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        out.emplace_back(cert);
    }
    ERR_clear_error();
    return out;
}

// The certificate's issuer among the bank's CAs, its signature checked.
X509* issuerOf(X509* certificate, const std::vector<X509Ptr>& issuers)
{
    for (const auto& ca : issuers) {
        if (X509_check_issued(ca.get(), certificate) == X509_V_OK && X509_verify(certificate, X509_get0_pubkey(ca.get())) == 1) {
            return ca.get();
        }
    }
    return nullptr;
}

} // namespace

std::optional<OcspQuery> ocspQueryFor(const std::string& certificateDer, const std::string& issuersPem)
{
    auto certificate = fromDer(certificateDer);
    const auto issuers = fromPem(issuersPem);
    X509* issuer = certificate ? issuerOf(certificate.get(), issuers) : nullptr;
    if (issuer == nullptr) {
        ERR_clear_error();
        return std::nullopt;
    }
    Strings urls(X509_get1_ocsp(certificate.get()));
    if (!urls || sk_OPENSSL_STRING_num(urls.get()) == 0) {
        return std::nullopt;
    }
    OcspQuery query;
    query.url = sk_OPENSSL_STRING_value(urls.get(), 0);
    OcspRequest request(OCSP_REQUEST_new());
    OCSP_CERTID* id = OCSP_cert_to_id(EVP_sha1(), certificate.get(), issuer);
    if (!request || id == nullptr || OCSP_request_add0_id(request.get(), id) == nullptr) {
        ERR_clear_error();
        return std::nullopt;
    }
    unsigned char* der = nullptr;
    const int size = i2d_OCSP_REQUEST(request.get(), &der);
    if (size <= 0) {
        ERR_clear_error();
        return std::nullopt;
    }
    query.requestDer.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    return query;
}

OcspStatus readOcspResponse(const std::string& responseDer, const std::string& certificateDer, const std::string& issuersPem)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(responseDer.data());
    OcspResponse response(d2i_OCSP_RESPONSE(nullptr, &bytes, static_cast<long>(responseDer.size())));
    auto certificate = fromDer(certificateDer);
    const auto issuers = fromPem(issuersPem);
    X509* issuer = certificate ? issuerOf(certificate.get(), issuers) : nullptr;
    if (!response || issuer == nullptr || OCSP_response_status(response.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
        ERR_clear_error();
        return OcspStatus::Invalid;
    }
    OcspBasic basic(OCSP_response_get1_basic(response.get()));
    Store trusted(X509_STORE_new());
    X509Stack chain(sk_X509_new_null());
    for (const auto& ca : issuers) {
        X509_STORE_add_cert(trusted.get(), ca.get());
        X509_up_ref(ca.get());
        sk_X509_push(chain.get(), ca.get());
    }
    // signed by the issuing CA or by a responder it delegated (the chain to the bank's root)
    if (!basic || OCSP_basic_verify(basic.get(), chain.get(), trusted.get(), 0) != 1) {
        ERR_clear_error();
        return OcspStatus::Invalid;
    }
    OcspId id(OCSP_cert_to_id(EVP_sha1(), certificate.get(), issuer));
    int status = V_OCSP_CERTSTATUS_UNKNOWN;
    int reason = 0;
    ASN1_GENERALIZEDTIME* revokedAt = nullptr;
    ASN1_GENERALIZEDTIME* thisUpdate = nullptr;
    ASN1_GENERALIZEDTIME* nextUpdate = nullptr;
    if (!id || OCSP_resp_find_status(basic.get(), id.get(), &status, &reason, &revokedAt, &thisUpdate, &nextUpdate) != 1 ||
        OCSP_check_validity(thisUpdate, nextUpdate, 300, -1) != 1) {
        ERR_clear_error();
        return OcspStatus::Invalid;
    }
    switch (status) {
    case V_OCSP_CERTSTATUS_GOOD:
        return OcspStatus::Good;
    case V_OCSP_CERTSTATUS_REVOKED:
        return OcspStatus::Revoked;
    default:
        return OcspStatus::Unknown;
    }
}

} // namespace enroll::client
