#include "ca/CertificateAuthority.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace enroll::server {
namespace {

using namespace ossl;

constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192; // a larger key only costs the server time

void fail(const std::string& what)
{
    throw std::runtime_error(what + ": " + lastError());
}

Asn1Int randomSerial()
{
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        fail("random serial");
    }
    // positive, and always 16 bytes long: 127 random bits (RFC 5280 allows up to 20 octets)
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7F) | 0x40);
    Bignum bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    return Asn1Int(BN_to_ASN1_INTEGER(bn.get(), nullptr));
}

void addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
        fail(std::string("certificate extension ") + OBJ_nid2sn(nid));
    }
}

void addNameEntry(X509_NAME* name, const char* field, const std::string& value)
{
    if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()),
                                   -1, -1, 0) != 1) {
        fail(std::string("name entry ") + field);
    }
}

void setValidity(X509* cert, Instant notBefore, Instant notAfter)
{
    const auto from = static_cast<time_t>(notBefore.time_since_epoch().count());
    const auto to = static_cast<time_t>(notAfter.time_since_epoch().count());
    if (ASN1_TIME_set(X509_getm_notBefore(cert), from) == nullptr ||
        ASN1_TIME_set(X509_getm_notAfter(cert), to) == nullptr) {
        fail("validity");
    }
}

X509Ptr newCertificate(X509_NAME* subject, X509_NAME* issuer, EVP_PKEY* publicKey, Instant notBefore,
                       Instant notAfter)
{
    X509Ptr cert(X509_new());
    auto serial = randomSerial();
    if (!cert || X509_set_version(cert.get(), 2) != 1 || X509_set_serialNumber(cert.get(), serial.get()) != 1 ||
        X509_set_subject_name(cert.get(), subject) != 1 || X509_set_issuer_name(cert.get(), issuer) != 1 ||
        X509_set_pubkey(cert.get(), publicKey) != 1) {
        fail("new certificate");
    }
    setValidity(cert.get(), notBefore, notAfter);
    return cert;
}

void sign(X509* cert, EVP_PKEY* key)
{
    if (X509_sign(cert, key, EVP_sha256()) == 0) {
        fail("signing");
    }
}

Error csrError(Rule rule, std::string detail)
{
    auto e = Error::invalid({{Field::Csr, rule}});
    e.detail = std::move(detail);
    return e;
}

// RSA of a sensible size, or EC on P-256; nothing else is issued.
bool acceptableKey(EVP_PKEY* key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: {
        const int bits = EVP_PKEY_get_bits(key);
        return bits >= kMinRsaBits && bits <= kMaxRsaBits;
    }
    case EVP_PKEY_EC: {
        std::array<char, 64> group{};
        std::size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &length) != 1) {
            return false;
        }
        return std::string_view(group.data(), length) == "prime256v1";
    }
    default:
        return false;
    }
}

Pkey generateRsa(unsigned bits)
{
    Pkey key(EVP_RSA_gen(bits));
    if (!key) {
        fail("RSA key generation");
    }
    return key;
}

Instant nowSeconds()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFileAtomically(const std::filesystem::path& path, const std::string& content, bool secret)
{
    const auto temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, secret ? 0600 : 0644);
    if (fd < 0) {
        throw std::runtime_error("cannot write " + path.string());
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + path.string());
        }
        written += static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    std::filesystem::rename(temporary, path);
}

CertificateAuthority::CertificateAuthority(const CaFiles& files, std::string crlUrl, std::string organization,
                                           std::string ocspUrl)
    : crlUrl_(std::move(crlUrl)), organization_(std::move(organization)), ocspUrl_(std::move(ocspUrl))
{
    caPem_ = readFile(files.certificate);
    ca_ = certificateFromPem(caPem_);
    if (!ca_) {
        throw std::runtime_error("CA certificate is not PEM: " + files.certificate.string());
    }
    std::string passphrase;
    if (!files.passphraseFile.empty()) {
        passphrase = readFile(files.passphraseFile);
        while (!passphrase.empty() && (passphrase.back() == '\n' || passphrase.back() == '\r')) {
            passphrase.pop_back();
        }
    }
    auto keyPem = readFile(files.key);
    key_ = privateKeyFromPem(keyPem, passphrase);
    OPENSSL_cleanse(keyPem.data(), keyPem.size());
    OPENSSL_cleanse(passphrase.data(), passphrase.size());
    if (!key_) {
        throw std::runtime_error("CA key cannot be read (wrong passphrase?): " + files.key.string());
    }
    if (X509_check_private_key(ca_.get(), key_.get()) != 1) {
        throw std::runtime_error("CA key does not match the CA certificate");
    }
    trust_.reset(X509_STORE_new());
    if (!trust_) {
        fail("trust store");
    }
    if (files.chain.empty()) {
        if (X509_check_issued(ca_.get(), ca_.get()) != X509_V_OK) {
            throw std::runtime_error("the CA certificate is not self-signed: give its issuers up to the root in ca.chain");
        }
        if (X509_STORE_add_cert(trust_.get(), ca_.get()) != 1) {
            fail("trust store");
        }
        return;
    }
    // an issuing CA under an offline root: the root is the anchor, the rest untrusted links
    untrusted_.reset(sk_X509_new_null());
    if (!untrusted_ || sk_X509_push(untrusted_.get(), X509_dup(ca_.get())) <= 0) {
        fail("chain");
    }
    const auto chainText = readFile(files.chain);
    Bio bio(BIO_new_mem_buf(chainText.data(), static_cast<int>(chainText.size())));
    bool rooted = false;
    for (X509* raw = nullptr; (raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) != nullptr;) {
        X509Ptr issuer(raw);
        issuersPem_.push_back(toPem(issuer.get()));
        if (X509_check_issued(issuer.get(), issuer.get()) == X509_V_OK) {
            rooted = X509_STORE_add_cert(trust_.get(), issuer.get()) == 1 || rooted;
        } else if (sk_X509_push(untrusted_.get(), issuer.release()) <= 0) {
            fail("chain");
        }
    }
    ERR_clear_error(); // the end of the PEM file
    StoreCtx ctx(X509_STORE_CTX_new());
    if (!rooted || !ctx || X509_STORE_CTX_init(ctx.get(), trust_.get(), ca_.get(), untrusted_.get()) != 1 ||
        X509_verify_cert(ctx.get()) != 1) {
        ERR_clear_error();
        throw std::runtime_error("ca.chain does not lead from ca.cert to a self-signed root: " + files.chain.string());
    }
}

std::vector<std::string> CertificateAuthority::chainPem() const
{
    std::vector<std::string> chain{caPem_};
    chain.insert(chain.end(), issuersPem_.begin(), issuersPem_.end());
    return chain;
}

Result<IssuedCertificate> CertificateAuthority::issue(const std::string& csrPem, const ClientSubject& subject,
                                                      Instant notBefore, Instant notAfter) const
{
    if (csrPem.empty()) {
        return csrError(Rule::Required, "empty CSR");
    }
    auto request = requestFromPem(csrPem);
    if (!request) {
        return csrError(Rule::Format, "CSR is not PEM PKCS#10: " + lastError());
    }
    EVP_PKEY* publicKey = X509_REQ_get0_pubkey(request.get());
    if (publicKey == nullptr) {
        return csrError(Rule::Format, "CSR without a public key");
    }
    if (X509_REQ_verify(request.get(), publicKey) != 1) {
        return csrError(Rule::Format, "CSR signature does not verify: " + lastError());
    }
    if (!acceptableKey(publicKey)) {
        return csrError(Rule::KeyType, "CSR key type or size refused");
    }

    // The request's subject and extensions are ignored: the bank sets its own.
    Name name(X509_NAME_new());
    addNameEntry(name.get(), "C", "JP");
    addNameEntry(name.get(), "O", organization_);
    addNameEntry(name.get(), "OU", subject.contractNumber);
    addNameEntry(name.get(), "CN", subject.userId);

    auto cert = newCertificate(name.get(), X509_get_subject_name(ca_.get()), publicKey, notBefore, notAfter);
    addExtension(cert.get(), ca_.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), ca_.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(cert.get(), ca_.get(), NID_ext_key_usage, "clientAuth");
    addExtension(cert.get(), ca_.get(), NID_subject_key_identifier, "hash");
    addExtension(cert.get(), ca_.get(), NID_authority_key_identifier, "keyid:always");
    if (!crlUrl_.empty()) {
        addExtension(cert.get(), ca_.get(), NID_crl_distribution_points, ("URI:" + crlUrl_).c_str());
    }
    if (!ocspUrl_.empty()) {
        addExtension(cert.get(), ca_.get(), NID_info_access, ("OCSP;URI:" + ocspUrl_).c_str());
    }
    sign(cert.get(), key_.get());
    return IssuedCertificate{toPem(cert.get()), serialHex(cert.get()), notBefore, notAfter};
}

X509Ptr CertificateAuthority::issueOcspSigner(EVP_PKEY* publicKey, Instant notBefore, Instant notAfter) const
{
    Name name(X509_NAME_new());
    addNameEntry(name.get(), "C", "JP");
    addNameEntry(name.get(), "O", organization_);
    addNameEntry(name.get(), "CN", "Rokin Enroll OCSP responder");
    auto cert = newCertificate(name.get(), X509_get_subject_name(ca_.get()), publicKey, notBefore, notAfter);
    addExtension(cert.get(), ca_.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), ca_.get(), NID_key_usage, "critical,digitalSignature");
    addExtension(cert.get(), ca_.get(), NID_ext_key_usage, "critical,OCSPSigning");
    addExtension(cert.get(), ca_.get(), NID_id_pkix_OCSP_noCheck, "ignored");
    addExtension(cert.get(), ca_.get(), NID_subject_key_identifier, "hash");
    addExtension(cert.get(), ca_.get(), NID_authority_key_identifier, "keyid:always");
    sign(cert.get(), key_.get());
    return cert;
}

std::string CertificateAuthority::crlDer(const std::vector<RevokedEntry>& revoked, Instant now,
                                         std::chrono::seconds validity) const
{
    Crl crl(X509_CRL_new());
    if (!crl || X509_CRL_set_version(crl.get(), 1) != 1 ||
        X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca_.get())) != 1) {
        fail("CRL");
    }
    Asn1Time thisUpdate(ASN1_TIME_set(nullptr, static_cast<time_t>(now.time_since_epoch().count())));
    Asn1Time nextUpdate(
        ASN1_TIME_set(nullptr, static_cast<time_t>((now + validity).time_since_epoch().count())));
    X509_CRL_set1_lastUpdate(crl.get(), thisUpdate.get());
    X509_CRL_set1_nextUpdate(crl.get(), nextUpdate.get());

    for (const auto& entry : revoked) {
        Revoked item(X509_REVOKED_new());
        BIGNUM* raw = nullptr;
        if (BN_hex2bn(&raw, entry.serial.c_str()) == 0) {
            continue; // not a serial of ours
        }
        Bignum bn(raw);
        Asn1Int serial(BN_to_ASN1_INTEGER(bn.get(), nullptr));
        Asn1Time when(ASN1_TIME_set(nullptr, static_cast<time_t>(entry.revokedAt.time_since_epoch().count())));
        Asn1Enum reason(ASN1_ENUMERATED_new());
        ASN1_ENUMERATED_set(reason.get(), revocationReasonCode(entry.reason));
        X509_REVOKED_set_serialNumber(item.get(), serial.get());
        X509_REVOKED_set_revocationDate(item.get(), when.get());
        X509_REVOKED_add1_ext_i2d(item.get(), NID_crl_reason, reason.get(), 0, 0);
        if (X509_CRL_add0_revoked(crl.get(), item.get()) == 1) {
            item.release(); // owned by the CRL now
        }
    }
    X509_CRL_sort(crl.get());

    // CRL number: the revocation count only grows, so later CRLs have larger numbers.
    Asn1Int number(ASN1_INTEGER_new());
    ASN1_INTEGER_set_int64(number.get(), static_cast<int64_t>(now.time_since_epoch().count()));
    X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, 0);
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca_.get(), nullptr, nullptr, crl.get(), 0);
    Ext aki(X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always"));
    if (aki) {
        X509_CRL_add_ext(crl.get(), aki.get(), -1);
    }
    if (X509_CRL_sign(crl.get(), key_.get(), EVP_sha256()) == 0) {
        fail("CRL signing");
    }
    const int size = i2d_X509_CRL(crl.get(), nullptr);
    std::string der(static_cast<std::size_t>(size), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_X509_CRL(crl.get(), &out);
    return der;
}

namespace {

constexpr std::size_t kVerifiedCacheSize = 8192;

// An ASN1_TIME as Unix seconds.
bool asn1Seconds(const ASN1_TIME* time, std::int64_t& seconds)
{
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
        return false;
    }
    seconds = static_cast<std::int64_t>(timegm(&tm));
    return true;
}

} // namespace

bool CertificateAuthority::verifyClient(X509* cert, Instant now) const
{
    if (cert == nullptr) {
        return false;
    }
    const std::int64_t at = now.time_since_epoch().count();
    // A certificate that verified once verifies again while `now` is inside its validity and
    // the CA's: the chain and the signature do not change. Revocation is the registry's (per call).
    const int size = i2d_X509(cert, nullptr);
    std::string der(static_cast<std::size_t>(std::max(size, 0)), '\0');
    if (size > 0) {
        auto* out = reinterpret_cast<unsigned char*>(der.data());
        i2d_X509(cert, &out);
        const std::lock_guard lock(verifiedMutex_);
        if (const auto it = verified_.find(der); it != verified_.end()) {
            return it->second.notBefore <= at && at <= it->second.notAfter;
        }
    }
    StoreCtx ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), trust_.get(), cert, untrusted_.get()) != 1) {
        return false;
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at));
    X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_CLIENT);
    const bool ok = X509_verify_cert(ctx.get()) == 1;
    ERR_clear_error();
    if (ok && size > 0) {
        std::int64_t leafFrom = 0;
        std::int64_t leafTo = 0;
        std::int64_t caFrom = 0;
        std::int64_t caTo = 0;
        if (asn1Seconds(X509_get0_notBefore(cert), leafFrom) && asn1Seconds(X509_get0_notAfter(cert), leafTo) &&
            asn1Seconds(X509_get0_notBefore(ca_.get()), caFrom) && asn1Seconds(X509_get0_notAfter(ca_.get()), caTo)) {
            const std::lock_guard lock(verifiedMutex_);
            if (verified_.size() >= kVerifiedCacheSize) {
                verified_.clear(); // bounded: start afresh rather than grow
            }
            verified_.emplace(std::move(der), Verified{std::max(leafFrom, caFrom), std::min(leafTo, caTo)});
        }
    }
    return ok;
}

DevelopmentPki ensureDevelopmentPki(const std::filesystem::path& dir)
{
    DevelopmentPki pki{{dir / "ca.crt", dir / "ca.key", {}, {}}, dir / "tls.crt", dir / "tls.key", dir / "chain.pem"};
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    if (std::filesystem::exists(pki.ca.certificate) && std::filesystem::exists(pki.ca.key) &&
        std::filesystem::exists(pki.tlsCertificate) && std::filesystem::exists(pki.tlsKey)) {
        return pki;
    }
    const auto start = nowSeconds() - std::chrono::hours(1);

    auto caKey = generateRsa(3072);
    Name caName(X509_NAME_new());
    addNameEntry(caName.get(), "C", "JP");
    addNameEntry(caName.get(), "O", "Rokin Enroll (development)");
    addNameEntry(caName.get(), "CN", "Rokin Enroll Development CA");
    auto ca = newCertificate(caName.get(), caName.get(), caKey.get(), start, start + std::chrono::days(3650));
    addExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    addExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    sign(ca.get(), caKey.get());

    auto tlsKey = generateRsa(2048);
    Name tlsName(X509_NAME_new());
    addNameEntry(tlsName.get(), "C", "JP");
    addNameEntry(tlsName.get(), "O", "Rokin Enroll (development)");
    addNameEntry(tlsName.get(), "CN", "localhost");
    auto tls = newCertificate(tlsName.get(), caName.get(), tlsKey.get(), start, start + std::chrono::days(825));
    addExtension(tls.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(tls.get(), ca.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment");
    addExtension(tls.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    addExtension(tls.get(), ca.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    addExtension(tls.get(), ca.get(), NID_subject_key_identifier, "hash");
    addExtension(tls.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    sign(tls.get(), caKey.get());

    writeFileAtomically(pki.ca.key, toPem(caKey.get()), true);
    writeFileAtomically(pki.tlsKey, toPem(tlsKey.get()), true);
    writeFileAtomically(pki.ca.certificate, toPem(ca.get()), false);
    writeFileAtomically(pki.tlsCertificate, toPem(tls.get()) + toPem(ca.get()), false);
    writeFileAtomically(pki.chain, toPem(ca.get()), false);
    return pki;
}

} // namespace enroll::server
