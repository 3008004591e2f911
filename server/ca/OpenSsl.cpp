#include "ca/OpenSsl.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <array>
#include <ctime>
#include <stdexcept>
#include <utility>

namespace enroll::server::ossl {
namespace {

Bio memoryBio(const std::string& text)
{
    return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string drain(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

} // namespace

Instant instantOf(const ASN1_TIME* time)
{
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
        return {};
    }
    return Instant(std::chrono::seconds(timegm(&tm)));
}

std::string certsOnlyPkcs7Der(const std::vector<std::string>& pems)
{
    const std::unique_ptr<PKCS7, decltype(&PKCS7_free)> p7(PKCS7_new(), PKCS7_free);
    if (!p7 || PKCS7_set_type(p7.get(), NID_pkcs7_signed) != 1) {
        fail("PKCS#7 not made");
    }
    // content type data without content, as crl2pkcs7 writes it (an empty OCTET STRING there is
    // valid DER, but strongSwan's parser refuses it)
    p7->d.sign->contents->type = OBJ_nid2obj(NID_pkcs7_data);
    for (const auto& pem : pems) {
        for (const auto& cert : certificatesFromPem(pem)) {
            if (PKCS7_add_certificate(p7.get(), cert.get()) != 1) {
                fail("certificate not added to the PKCS#7");
            }
        }
    }
    const int size = i2d_PKCS7(p7.get(), nullptr);
    if (size <= 0) {
        fail("PKCS#7 not encoded");
    }
    std::string der(static_cast<std::size_t>(size), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_PKCS7(p7.get(), &out);
    return der;
}

std::string lastError()
{
    std::string text;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.empty()) {
            text += "; ";
        }
        text += buffer;
    }
    return text.empty() ? "unknown OpenSSL error" : text;
}

X509Ptr certificateFromPem(const std::string& pem)
{
    auto bio = memoryBio(pem);
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

std::vector<X509Ptr> certificatesFromPem(const std::string& pem)
{
    std::vector<X509Ptr> certificates;
    auto bio = memoryBio(pem);
    for (X509* raw = nullptr; (raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) != nullptr;) {
        certificates.emplace_back(raw);
    }
    ERR_clear_error(); // the end of the text
    return certificates;
}

Req requestFromPem(const std::string& pem)
{
    auto bio = memoryBio(pem);
    return Req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
}

Pkey privateKeyFromPem(const std::string& pem, const std::string& passphrase)
{
    auto bio = memoryBio(pem);
    return Pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr,
                                        passphrase.empty() ? nullptr : const_cast<char*>(passphrase.c_str())));
}

std::string toPem(X509* cert)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return drain(bio.get());
}

std::string toPem(EVP_PKEY* key)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return drain(bio.get());
}

std::string serialHex(const X509* cert)
{
    Bignum bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    if (!bn) {
        return {};
    }
    OsslString hex(BN_bn2hex(bn.get()));
    return hex ? std::string(hex.get()) : std::string();
}

std::string curveName(EVP_PKEY* key)
{
    std::array<char, 64> group{};
    std::size_t length = 0;
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC ||
        EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &length) != 1) {
        return {};
    }
    return std::string(group.data(), length);
}

int revocationReasonCode(const std::string& reason)
{
    static const std::pair<const char*, int> kReasons[] = {
        {"unspecified", CRL_REASON_UNSPECIFIED},
        {"keyCompromise", CRL_REASON_KEY_COMPROMISE},
        {"cACompromise", CRL_REASON_CA_COMPROMISE},
        {"affiliationChanged", CRL_REASON_AFFILIATION_CHANGED},
        {"superseded", CRL_REASON_SUPERSEDED},
        {"cessationOfOperation", CRL_REASON_CESSATION_OF_OPERATION},
        {"certificateHold", CRL_REASON_CERTIFICATE_HOLD},
        {"privilegeWithdrawn", CRL_REASON_PRIVILEGE_WITHDRAWN},
    };
    for (const auto& [name, code] : kReasons) {
        if (reason == name) {
            return code;
        }
    }
    return CRL_REASON_UNSPECIFIED;
}

std::string toPem(X509_REQ* request)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), request);
    return drain(bio.get());
}

std::string toEncryptedPem(EVP_PKEY* key, const std::string& passphrase)
{
    Bio bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(bio.get(), key, EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                 const_cast<char*>(passphrase.c_str())) != 1) {
        fail("encrypting the key");
    }
    return drain(bio.get());
}

void fail(const std::string& what)
{
    throw std::runtime_error(what + ": " + lastError());
}

Pkey generateRsa(unsigned bits)
{
    Pkey key(EVP_RSA_gen(bits));
    if (!key) {
        fail("RSA key generation");
    }
    return key;
}

namespace {

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

void setValidity(X509* cert, Instant notBefore, Instant notAfter)
{
    const auto from = static_cast<time_t>(notBefore.time_since_epoch().count());
    const auto to = static_cast<time_t>(notAfter.time_since_epoch().count());
    if (ASN1_TIME_set(X509_getm_notBefore(cert), from) == nullptr ||
        ASN1_TIME_set(X509_getm_notAfter(cert), to) == nullptr) {
        fail("validity");
    }
}

} // namespace

X509Ptr newCertificate(X509_NAME* subject, X509_NAME* issuer, EVP_PKEY* publicKey, Instant notBefore, Instant notAfter)
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

void sign(X509* cert, EVP_PKEY* key)
{
    if (X509_sign(cert, key, EVP_sha256()) == 0) {
        fail("signing");
    }
}

} // namespace enroll::server::ossl
