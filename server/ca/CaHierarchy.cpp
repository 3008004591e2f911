#include "ca/CaHierarchy.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace enroll::server {
namespace {

using namespace ossl;

constexpr int kMinIssuingRsaBits = 3072;

// C=JP, O, CN: the names of the hierarchy's certificates
Name caName(const CaName& name)
{
    Name out(X509_NAME_new());
    addNameEntry(out.get(), "C", "JP");
    addNameEntry(out.get(), "O", name.organization);
    addNameEntry(out.get(), "CN", name.commonName);
    return out;
}

bool strongEnoughForCa(EVP_PKEY* key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return EVP_PKEY_get_bits(key) >= kMinIssuingRsaBits;
    case EVP_PKEY_EC: {
        const auto curve = ossl::curveName(key);
        return curve == "prime256v1" || curve == "secp384r1";
    }
    default:
        return false;
    }
}

std::string nameText(const X509_NAME* name)
{
    Bio bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string timeText(const ASN1_TIME* time)
{
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
        return "?";
    }
    return formatRfc3339Jst(Instant(std::chrono::seconds(timegm(&tm))));
}

} // namespace

Instant nowSeconds()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

X509Ptr makeRoot(EVP_PKEY* key, const CaName& name, Instant notBefore, Instant notAfter)
{
    auto subject = caName(name);
    auto root = newCertificate(subject.get(), subject.get(), key, notBefore, notAfter);
    addExtension(root.get(), root.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:1");
    addExtension(root.get(), root.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(root.get(), root.get(), NID_subject_key_identifier, "hash");
    sign(root.get(), key);
    return root;
}

Req makeIssuingRequest(EVP_PKEY* key, const CaName& name)
{
    Req request(X509_REQ_new());
    auto subject = caName(name);
    if (!request || X509_REQ_set_version(request.get(), 0) != 1 || X509_REQ_set_subject_name(request.get(), subject.get()) != 1 ||
        X509_REQ_set_pubkey(request.get(), key) != 1 || X509_REQ_sign(request.get(), key, EVP_sha256()) == 0) {
        fail("issuing CA request");
    }
    return request;
}

X509Ptr signIssuing(X509_REQ* request, X509* root, EVP_PKEY* rootKey, Instant notBefore, Instant notAfter,
                    const std::string& rootCrlUrl)
{
    EVP_PKEY* publicKey = X509_REQ_get0_pubkey(request);
    if (publicKey == nullptr || X509_REQ_verify(request, publicKey) != 1) {
        ERR_clear_error();
        throw std::runtime_error("the request's signature does not verify: it is not the issuing CA's");
    }
    if (!strongEnoughForCa(publicKey)) {
        throw std::runtime_error("the issuing CA's key is too weak: RSA 3072 or more, or EC P-256 or P-384");
    }
    if (X509_check_private_key(root, rootKey) != 1) {
        ERR_clear_error();
        throw std::runtime_error("the root key does not match the root certificate");
    }
    if (X509_cmp_time(X509_get0_notAfter(root), nullptr) < 0 ||
        ASN1_TIME_cmp_time_t(X509_get0_notAfter(root), static_cast<time_t>(notAfter.time_since_epoch().count())) < 0) {
        throw std::runtime_error("the issuing CA would outlive the root: fewer days, or a new root");
    }
    auto issuing = newCertificate(X509_REQ_get_subject_name(request), X509_get_subject_name(root), publicKey, notBefore,
                                  notAfter);
    addExtension(issuing.get(), root, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    addExtension(issuing.get(), root, NID_key_usage, "critical,keyCertSign,cRLSign");
    // Client certificates and the delegated OCSP signer only: Windows and OpenSSL carry a CA's
    // extended key usage down its chain, so nothing under it can be a TLS server.
    addExtension(issuing.get(), root, NID_ext_key_usage, "clientAuth,OCSPSigning");
    addExtension(issuing.get(), root, NID_subject_key_identifier, "hash");
    addExtension(issuing.get(), root, NID_authority_key_identifier, "keyid:always");
    if (!rootCrlUrl.empty()) {
        addExtension(issuing.get(), root, NID_crl_distribution_points, ("URI:" + rootCrlUrl).c_str());
    }
    sign(issuing.get(), rootKey);
    return issuing;
}

std::string tlsChainProblem(const std::string& certificatePem, const std::string& trustPem,
                            const CertificateAuthority& ca, Instant now)
{
    auto presented = certificatesFromPem(certificatePem);
    auto anchors = certificatesFromPem(trustPem);
    if (presented.empty()) {
        return "the TLS certificate is not PEM";
    }
    if (anchors.empty()) {
        return "tls.chain holds no certificate";
    }
    ossl::Store trust(X509_STORE_new());
    X509Stack untrusted(sk_X509_new_null());
    StoreCtx ctx(X509_STORE_CTX_new());
    if (!trust || !untrusted || !ctx) {
        fail("TLS chain check");
    }
    for (const auto& anchor : anchors) {
        X509_STORE_add_cert(trust.get(), anchor.get());
    }
    for (std::size_t i = 1; i < presented.size(); ++i) {
        sk_X509_push(untrusted.get(), X509_dup(presented[i].get()));
    }
    if (X509_STORE_CTX_init(ctx.get(), trust.get(), presented.front().get(), untrusted.get()) != 1) {
        fail("TLS chain check");
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(now.time_since_epoch().count()));
    X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN); // the bank may pin an intermediate
    if (X509_verify_cert(ctx.get()) != 1) {
        const std::string reason = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
        ERR_clear_error();
        return "the TLS certificate does not chain to tls.chain as a server certificate: " + reason;
    }
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
    for (const auto& clientCa : certificatesFromPem(clientCaPem(ca))) {
        for (int i = 0; i < sk_X509_num(chain); ++i) {
            if (X509_cmp(sk_X509_value(chain, i), clientCa.get()) == 0) {
                return "the TLS certificate chains to the CA hierarchy of client certificates; the server's "
                       "certificate comes from the bank's TLS CA (tls.chain), apart";
            }
        }
    }
    return {};
}

std::string clientCaPem(const CertificateAuthority& ca)
{
    std::vector<std::string> all;
    for (const auto* generation : ca.generations()) {
        for (auto& pem : generation->chainPem()) {
            if (std::find(all.begin(), all.end(), pem) == all.end()) {
                all.push_back(std::move(pem));
            }
        }
    }
    std::string text;
    for (const auto& pem : all) {
        text += pem;
    }
    return text;
}

std::string describeCertificate(X509* cert)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    X509_digest(cert, EVP_sha256(), digest.data(), &length);
    std::string fingerprint;
    for (unsigned int i = 0; i < length; ++i) {
        std::array<char, 4> hex{};
        std::snprintf(hex.data(), hex.size(), i == 0 ? "%02X" : ":%02X", digest[i]);
        fingerprint += hex.data();
    }
    return "subject " + nameText(X509_get_subject_name(cert)) + "; issuer " + nameText(X509_get_issuer_name(cert)) +
           "; valid " + timeText(X509_get0_notBefore(cert)) + " to " + timeText(X509_get0_notAfter(cert)) +
           "; SHA-256 " + fingerprint;
}

DevelopmentPki ensureDevelopmentPki(const std::filesystem::path& dir, const std::string& rootCrlUrl)
{
    DevelopmentPki pki{{dir / "ca.crt", dir / "ca.key", {}, dir / "root.crt"}, dir / "tls.crt", dir / "tls.key",
                       dir / "tls-ca.crt", dir / "root.crl"};
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    bool complete = true;
    for (const auto& file : {pki.ca.certificate, pki.ca.key, pki.ca.chain, pki.tlsCertificate, pki.tlsKey, pki.tlsCa, pki.rootCrl}) {
        complete = complete && std::filesystem::exists(file);
    }
    if (complete) {
        return pki;
    }
    // (a data directory from before the hierarchy had one CA for everything: made anew)
    const auto start = nowSeconds() - std::chrono::hours(1);
    const CaName bank{"Rokin Enroll (development)", {}};

    // the root signs the issuing CA and is forgotten, as the bank's offline root would be
    auto rootKey = generateRsa(2048);
    auto root = makeRoot(rootKey.get(), {bank.organization, "Rokin Enroll Development Root"}, start,
                         start + std::chrono::days(3650));
    auto issuingKey = generateRsa(3072);
    auto request = makeIssuingRequest(issuingKey.get(), {bank.organization, "Rokin Enroll Development Issuing CA"});
    auto issuing = signIssuing(request.get(), root.get(), rootKey.get(), start, start + std::chrono::days(3649), rootCrlUrl);
    const auto rootCrl = signCrlDer(root.get(), *memoryKey(std::move(rootKey)), {}, start, std::chrono::days(3650));

    // the TLS chain apart: a TLS CA that signs the localhost certificate and is forgotten too
    auto tlsCaKey = generateRsa(2048);
    auto tlsCaName = caName({bank.organization, "Rokin Enroll Development TLS CA"});
    auto tlsCa = newCertificate(tlsCaName.get(), tlsCaName.get(), tlsCaKey.get(), start, start + std::chrono::days(3650));
    addExtension(tlsCa.get(), tlsCa.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    addExtension(tlsCa.get(), tlsCa.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(tlsCa.get(), tlsCa.get(), NID_subject_key_identifier, "hash");
    sign(tlsCa.get(), tlsCaKey.get());

    auto tlsKey = generateRsa(2048);
    auto tlsName = caName({bank.organization, "localhost"});
    auto tls = newCertificate(tlsName.get(), tlsCaName.get(), tlsKey.get(), start, start + std::chrono::days(825));
    addExtension(tls.get(), tlsCa.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(tls.get(), tlsCa.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
    addExtension(tls.get(), tlsCa.get(), NID_ext_key_usage, "serverAuth");
    addExtension(tls.get(), tlsCa.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    addExtension(tls.get(), tlsCa.get(), NID_subject_key_identifier, "hash");
    addExtension(tls.get(), tlsCa.get(), NID_authority_key_identifier, "keyid:always");
    sign(tls.get(), tlsCaKey.get());

    writeFileAtomically(pki.ca.key, toPem(issuingKey.get()), true);
    writeFileAtomically(pki.tlsKey, toPem(tlsKey.get()), true);
    writeFileAtomically(pki.ca.chain, toPem(root.get()), false);
    writeFileAtomically(pki.tlsCa, toPem(tlsCa.get()), false);
    writeFileAtomically(pki.tlsCertificate, toPem(tls.get()) + toPem(tlsCa.get()), false);
    writeFileAtomically(pki.rootCrl, rootCrl, false);
    writeFileAtomically(pki.ca.certificate, toPem(issuing.get()), false); // last: the set is complete
    return pki;
}

} // namespace enroll::server
