#include "crypto/ClientCrypto.h"

#include "enroll/OpenSslHandles.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace enroll::client {
namespace {

using namespace ossl;

[[noreturn]] void fail(const std::string& what)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char buffer[256] = {};
    if (code != 0) {
        ERR_error_string_n(code, buffer, sizeof buffer);
    }
    throw std::runtime_error(what + (code != 0 ? std::string(": ") + buffer : std::string()));
}

Bio memory(const std::string& text)
{
    return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string drain(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

X509Ptr certificateFromPem(const std::string& pem)
{
    auto bio = memory(pem);
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        ERR_clear_error();
        throw std::invalid_argument("certificate is not PEM");
    }
    return cert;
}

std::string certificatePem(X509* cert)
{
    Bio out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(out.get(), cert);
    return drain(out.get());
}

std::string hex(const unsigned char* data, std::size_t size)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 15];
    }
    return out;
}

std::string nameEntry(X509_NAME* name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0) {
        return {};
    }
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0) {
        return {};
    }
    std::string text(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return text;
}

// Seconds since 1970 (UTC), through OpenSSL alone: timegm() does not exist on Windows.
long long unixTime(const ASN1_TIME* time)
{
    const ossl::Asn1Time epoch(ASN1_TIME_set(nullptr, 0));
    int days = 0;
    int seconds = 0;
    if (!epoch || ASN1_TIME_diff(&days, &seconds, epoch.get(), time) != 1) {
        return 0;
    }
    return static_cast<long long>(days) * 86400 + seconds;
}

// See hasFullWidthRsaComponents.
bool fullWidthRsa(const EVP_PKEY* key)
{
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        return true;
    }
    const int modulusBytes = (EVP_PKEY_get_bits(key) + 7) / 8;
    const std::pair<const char*, int> widths[] = {{OSSL_PKEY_PARAM_RSA_D, modulusBytes},
                                                  {OSSL_PKEY_PARAM_RSA_EXPONENT1, modulusBytes / 2},
                                                  {OSSL_PKEY_PARAM_RSA_EXPONENT2, modulusBytes / 2},
                                                  {OSSL_PKEY_PARAM_RSA_COEFFICIENT1, modulusBytes / 2}};
    for (const auto& [name, bytes] : widths) {
        BIGNUM* raw = nullptr;
        if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
            return false;
        }
        const int actual = BN_num_bytes(raw);
        BN_clear_free(raw);
        if (actual != bytes) {
            return false;
        }
    }
    return true;
}

} // namespace

bool hasFullWidthRsaComponents(std::string_view privateKeyPem)
{
    Bio bio(BIO_new_mem_buf(privateKeyPem.data(), static_cast<int>(privateKeyPem.size())));
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    return key && fullWidthRsa(key.get());
}

KeyAndRequest generateKeyAndRequest(KeyType type, const std::string& commonName)
{
    Pkey key;
    // 64 tries: a key fails the width rule about once in twenty, so this loop never ends in failure
    for (int tries = 0; tries < 64 && !key; ++tries) {
        key.reset(type == KeyType::EcP256 ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048));
        if (key && !fullWidthRsa(key.get())) {
            key.reset();
        }
    }
    if (!key) {
        fail("key generation");
    }
    Req request(X509_REQ_new());
    X509_NAME* name = X509_REQ_get_subject_name(request.get());
    if (!request || X509_REQ_set_version(request.get(), 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0) != 1 ||
        X509_REQ_set_pubkey(request.get(), key.get()) != 1 || X509_REQ_sign(request.get(), key.get(), EVP_sha256()) == 0) {
        fail("certificate request");
    }
    Bio csr(BIO_new(BIO_s_mem()));
    Bio pem(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509_REQ(csr.get(), request.get()) != 1 ||
        PEM_write_bio_PrivateKey(pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        fail("PEM encoding");
    }
    auto keyText = drain(pem.get());
    KeyAndRequest out{SecureString(keyText), drain(csr.get())};
    secureWipe(keyText.data(), keyText.size());
    return out;
}

Pkcs12Encoding pkcs12EncodingFor(const WindowsVersion& version)
{
    constexpr unsigned kWindows10Build1709 = 16299;
    const bool modern = version.major > 10 || (version.major == 10 && version.build >= kWindows10Build1709);
    return modern ? Pkcs12Encoding::Aes256Sha256 : Pkcs12Encoding::TripleDesSha1;
}

std::string buildPkcs12(const Pkcs12Input& input, const SecureString& password, Pkcs12Encoding encoding)
{
    auto keyBio = memory(input.privateKeyPem);
    Pkey key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        ERR_clear_error();
        throw std::invalid_argument("private key is not PEM");
    }
    auto cert = certificateFromPem(input.certificatePem);
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        throw std::invalid_argument("the certificate does not belong to the private key");
    }
    X509Stack chain(sk_X509_new_null());
    for (const auto& pem : input.chainPem) {
        auto ca = certificateFromPem(pem);
        sk_X509_push(chain.get(), ca.release());
    }
    const bool aes = encoding == Pkcs12Encoding::Aes256Sha256;
    const int pbe = aes ? NID_aes_256_cbc : NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
    constexpr int kIterations = 10000;
    // MAC set separately below, so that its digest is ours to choose
    P12 p12(PKCS12_create(password.data(), input.friendlyName.empty() ? nullptr : input.friendlyName.c_str(),
                          key.get(), cert.get(), chain.get(), pbe, pbe, kIterations, -1, 0));
    if (!p12 || PKCS12_set_mac(p12.get(), password.data(), -1, nullptr, 0, kIterations,
                               aes ? EVP_sha256() : EVP_sha1()) != 1) {
        fail("PKCS#12");
    }
    const int size = i2d_PKCS12(p12.get(), nullptr);
    std::string der(static_cast<std::size_t>(size), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_PKCS12(p12.get(), &out);
    return der;
}

Pkcs12Content readPkcs12(const std::string& der, const SecureString& password)
{
    auto bio = memory(der);
    P12 p12(d2i_PKCS12_bio(bio.get(), nullptr));
    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    STACK_OF(X509)* rawChain = nullptr;
    if (!p12 || PKCS12_parse(p12.get(), password.data(), &rawKey, &rawCert, &rawChain) != 1) {
        ERR_clear_error();
        throw std::invalid_argument("PKCS#12 unreadable or wrong password");
    }
    Pkey key(rawKey);
    X509Ptr cert(rawCert);
    X509Stack chain(rawChain);
    Bio pem(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    auto keyText = drain(pem.get());
    Pkcs12Content content{SecureString(keyText), certificatePem(cert.get()), {}};
    secureWipe(keyText.data(), keyText.size());
    for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i) {
        content.chainPem.push_back(certificatePem(sk_X509_value(chain.get(), i)));
    }
    return content;
}

CertificateFacts certificateFacts(const std::string& pem)
{
    auto cert = certificateFromPem(pem);
    CertificateFacts facts;
    const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
    Bignum bn(ASN1_INTEGER_to_BN(serial, nullptr));
    if (char* text = BN_bn2hex(bn.get())) {
        facts.serial = text;
        OPENSSL_free(text);
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    X509_digest(cert.get(), EVP_sha1(), digest.data(), &size);
    facts.thumbprint = hex(digest.data(), size);
    facts.commonName = nameEntry(X509_get_subject_name(cert.get()), NID_commonName);
    facts.organizationalUnit = nameEntry(X509_get_subject_name(cert.get()), NID_organizationalUnitName);
    facts.issuer = nameEntry(X509_get_issuer_name(cert.get()), NID_commonName);
    facts.notBefore = unixTime(X509_get0_notBefore(cert.get()));
    facts.notAfter = unixTime(X509_get0_notAfter(cert.get()));
    return facts;
}

namespace {

X509Ptr certificateFromDer(const std::string& der)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
    X509Ptr cert(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
    if (!cert) {
        ERR_clear_error();
    }
    return cert;
}

} // namespace

bool issuedByOneOf(const std::string& certificateDer, const std::string& issuersPem)
{
    auto cert = certificateFromDer(certificateDer);
    if (!cert) {
        return false;
    }
    auto bio = memory(issuersPem);
    bool issued = false;
    while (!issued) {
        X509Ptr ca(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!ca) {
            break;
        }
        if (X509_check_issued(ca.get(), cert.get()) != X509_V_OK) {
            continue; // another CA's name or key identifier
        }
        EVP_PKEY* key = X509_get0_pubkey(ca.get());
        issued = key != nullptr && X509_verify(cert.get(), key) == 1;
    }
    ERR_clear_error();
    return issued;
}

bool signatureVerifies(const std::string& certificateDer, const std::string& data, const std::string& signature)
{
    auto cert = certificateFromDer(certificateDer);
    EVP_PKEY* key = cert ? X509_get0_pubkey(cert.get()) : nullptr;
    if (key == nullptr) {
        return false;
    }
    auto encoded = signature;
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC && !signature.empty() && signature.size() % 2 == 0 && signature[0] != 0x30) {
        // CNG writes ECDSA as r || s (IEEE P1363); OpenSSL reads DER
        std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
        const auto half = static_cast<int>(signature.size() / 2);
        const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
        if (sig && ECDSA_SIG_set0(sig.get(), BN_bin2bn(bytes, half, nullptr), BN_bin2bn(bytes + half, half, nullptr)) == 1) {
            unsigned char* der = nullptr;
            const int size = i2d_ECDSA_SIG(sig.get(), &der);
            if (size > 0) {
                encoded.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
                OPENSSL_free(der);
            }
        }
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
                    EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(),
                                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
    ERR_clear_error();
    return ok;
}

std::string signWith(const std::string& privateKeyPem, const std::string& data)
{
    auto bio = memory(privateKeyPem);
    Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t size = 0;
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
        ERR_clear_error();
        return {};
    }
    std::string signature(size, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
        ERR_clear_error();
        return {};
    }
    signature.resize(size);
    return signature;
}

std::string authorityKeyId(const std::string& certificateDer)
{
    auto cert = certificateFromDer(certificateDer);
    if (!cert) {
        return {};
    }
    const ASN1_OCTET_STRING* id = X509_get0_authority_key_id(cert.get());
    return id == nullptr ? std::string() : hex(ASN1_STRING_get0_data(id), static_cast<std::size_t>(ASN1_STRING_length(id)));
}

SecureString randomSecret()
{
    std::array<unsigned char, 32> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        fail("random");
    }
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string text;
    for (unsigned char b : bytes) {
        text += kAlphabet[b & 63]; // 6 random bits per character, 192 bits in all
    }
    secureWipe(bytes.data(), bytes.size());
    return SecureString(std::move(text));
}

} // namespace enroll::client
