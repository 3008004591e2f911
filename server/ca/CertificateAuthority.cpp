#include "ca/CertificateAuthority.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
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
    case EVP_PKEY_EC:
        return ossl::curveName(key) == "prime256v1";
    default:
        return false;
    }
}

} // namespace

std::string CertificateAuthority::csrAttributesDer()
{
    // SEQUENCE OF AttrOrOID, as acceptableKey above decides: ecdsa-with-SHA256; the attribute
    // id-ecPublicKey { prime256v1 }; rsaEncryption; sha256WithRSAEncryption
    static const unsigned char der[] = {
        0x30, 0x37,                                                                   // SEQUENCE
        0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,                   // ecdsa-with-SHA256
        0x30, 0x15,                                                                   // Attribute
        0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,                         //   id-ecPublicKey
        0x31, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,       //   { prime256v1 }
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,             // rsaEncryption
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,             // sha256WithRSAEncryption
    };
    return std::string(reinterpret_cast<const char*>(der), sizeof der);
}

std::string urlPath(const std::string& url)
{
    const auto scheme = url.find("://");
    const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (slash == std::string::npos) {
        return "/";
    }
    const auto end = url.find_first_of("?#", slash);
    return url.substr(slash, end == std::string::npos ? std::string::npos : end - slash);
}

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
    // a full disk or an I/O error leaves nothing behind: no half-written file, no .tmp
    const auto failed = [&temporary, &path] {
        ::unlink(temporary.c_str());
        throw std::runtime_error("cannot write " + path.string());
    };
    std::size_t written = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n <= 0) {
            ::close(fd);
            failed();
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        failed();
    }
    if (::close(fd) != 0) {
        failed();
    }
    std::error_code renamed;
    std::filesystem::rename(temporary, path, renamed);
    if (renamed) {
        failed();
    }
}

std::string readPassphrase(const std::filesystem::path& file)
{
    constexpr std::string_view kCredential = "credential:";
    const auto name = file.string();
    if (name.rfind(kCredential, 0) == 0) {
        const char* directory = std::getenv("CREDENTIALS_DIRECTORY");
        const auto credential = name.substr(kCredential.size());
        if (directory == nullptr || credential.empty() || credential.find('/') != std::string::npos) {
            throw std::runtime_error("no systemd credential " + credential + " (LoadCredential= in the unit)");
        }
        return readPassphrase(std::filesystem::path(directory) / credential);
    }
    auto passphrase = readFile(file);
    if (const auto end = passphrase.find_first_of("\r\n"); end != std::string::npos) {
        OPENSSL_cleanse(passphrase.data() + end, passphrase.size() - end);
        passphrase.resize(end);
    }
    return passphrase;
}

Pkey readPrivateKey(const std::filesystem::path& key, const std::filesystem::path& passphraseFile)
{
    auto passphrase = passphraseFile.empty() ? std::string() : readPassphrase(passphraseFile);
    auto keyPem = readFile(key);
    auto read = privateKeyFromPem(keyPem, passphrase);
    OPENSSL_cleanse(keyPem.data(), keyPem.size());
    OPENSSL_cleanse(passphrase.data(), passphrase.size());
    if (!read) {
        ERR_clear_error();
        throw std::runtime_error("CA key cannot be read (wrong passphrase?): " + key.string());
    }
    return read;
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
    key_ = openSigningKey(files.key.string(), files.passphraseFile);
    if (!key_->matches(ca_.get())) {
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
    bool rooted = false;
    for (auto& issuer : certificatesFromPem(readFile(files.chain))) {
        issuersPem_.push_back(toPem(issuer.get()));
        if (X509_check_issued(issuer.get(), issuer.get()) == X509_V_OK) {
            rooted = X509_STORE_add_cert(trust_.get(), issuer.get()) == 1 || rooted;
            continue;
        }
        intermediatesPem_.push_back(issuersPem_.back());
        if (sk_X509_push(untrusted_.get(), issuer.release()) <= 0) {
            fail("chain");
        }
    }
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

std::vector<std::string> CertificateAuthority::clientChainPem() const
{
    std::vector<std::string> chain{caPem_};
    chain.insert(chain.end(), intermediatesPem_.begin(), intermediatesPem_.end());
    return chain;
}

Result<IssuedCertificate> CertificateAuthority::issue(const std::string& csrPem, const ClientSubject& subject,
                                                      Instant notBefore, Instant notAfter) const
{
    if (revokedByRoot()) {
        throw KeyUnavailable("the issuing CA is revoked by the root (ca.rootCrl): configure a new one");
    }
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
    signCertificate(*key_, cert.get());
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
    signCertificate(*key_, cert.get());
    return cert;
}

std::string CertificateAuthority::crlDer(const std::vector<RevokedEntry>& revoked, Instant now,
                                         std::chrono::seconds validity) const
{
    return signCrlDer(ca_.get(), *key_, revoked, now, validity);
}

std::string signCrlDer(X509* issuer, const SigningKey& key, const std::vector<RevokedEntry>& revoked, Instant now,
                       std::chrono::seconds validity)
{
    Crl crl(X509_CRL_new());
    if (!crl || X509_CRL_set_version(crl.get(), 1) != 1 ||
        X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer)) != 1) {
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
    X509V3_set_ctx(&ctx, issuer, nullptr, nullptr, crl.get(), 0);
    Ext aki(X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always"));
    if (aki) {
        X509_CRL_add_ext(crl.get(), aki.get(), -1);
    }
    key.sign([&crl](EVP_PKEY* pkey) { return X509_CRL_sign(crl.get(), pkey, EVP_sha256()) != 0; });
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

void CertificateAuthority::setRootCrl(const std::shared_ptr<RootCrl>& rootCrl)
{
    rootCrl_ = rootCrl;
    if (previous_) {
        previous_->setRootCrl(rootCrl);
    }
}

bool CertificateAuthority::revokedByRoot() const
{
    return rootCrl_ && rootCrl_->revoked(ca_.get());
}

std::vector<const CertificateAuthority*> CertificateAuthority::generations() const
{
    std::vector<const CertificateAuthority*> all{this};
    if (previous_) {
        all.push_back(previous_.get());
    }
    return all;
}

bool CertificateAuthority::verifyClient(X509* cert, Instant now) const
{
    if (cert == nullptr) {
        return false;
    }
    if (previous_ && X509_check_issued(previous_->ca_.get(), cert) == X509_V_OK) {
        return previous_->verifyClient(cert, now); // issued before the rollover
    }
    if (revokedByRoot()) {
        return false; // the root has revoked this CA: none of its certificates is good any more
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

} // namespace enroll::server
