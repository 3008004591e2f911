// The PKCS#12 builder of the client (the certificate and its key as the store imports them) on
// any input: key, certificate and chain as the bank and the PC could hand them over, a friendly
// name and a password of any bytes, in both encodings. Either std::invalid_argument (or another
// std::exception for what OpenSSL refuses), or a PKCS#12 that OpenSSL opens with that password,
// holding that certificate and a key that matches it. With 'V' first, a fixed valid pair is
// used and only the rest comes from the fuzzer, so the success path is explored too.
#include "FuzzInput.h"

#include "crypto/ClientCrypto.h"
#include "enroll/Utf8.h"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cstdio>
#include <cstdlib>

using namespace enroll;

namespace {

struct Pair
{
    Pair()
    {
        const auto made = client::generateKeyAndRequest(client::KeyType::EcP256, "fuzz0001");
        key = std::string(made.privateKeyPem.view());
        // a self-signed certificate of that key
        BIO* bio = BIO_new_mem_buf(key.data(), static_cast<int>(key.size()));
        EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        X509* cert = X509_new();
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), 0);
        X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
        X509_set_pubkey(cert, pkey);
        X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("fuzz0001"), -1, -1, 0);
        X509_set_issuer_name(cert, X509_get_subject_name(cert));
        X509_sign(cert, pkey, EVP_sha256());
        BIO* out = BIO_new(BIO_s_mem());
        PEM_write_bio_X509(out, cert);
        char* text = nullptr;
        const long n = BIO_get_mem_data(out, &text);
        certificate.assign(text, static_cast<std::size_t>(n));
        BIO_free(out);
        X509_free(cert);
        EVP_PKEY_free(pkey);
    }
    std::string key;
    std::string certificate;
};

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "broken: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const Pair pair;
    if (size == 0) {
        return 0;
    }
    const bool valid = data[0] == 'V';
    const auto p = fuzz::parts(data + 1, size - 1, 6);
    client::Pkcs12Input input{valid ? pair.key : p[0], valid ? pair.certificate : p[1], {}, p[2]};
    if (!p[3].empty()) {
        input.chainPem.push_back(p[3]);
    }
    const SecureString password(p[4]);
    const auto encoding = !p[5].empty() && p[5][0] == '3' ? client::Pkcs12Encoding::TripleDesSha1
                                                          : client::Pkcs12Encoding::Aes256Sha256;
    std::string der;
    try {
        der = client::buildPkcs12(input, password, encoding);
    } catch (const std::exception&) {
        // a valid pair is refused only for a chain that is not a certificate, or a friendly name
        // that is not UTF-8 (OpenSSL stores it as BMPString); the client's is "Rokin <user ID>"
        require(!valid || !input.chainPem.empty() || !utf8::decode(input.friendlyName).has_value(),
                "a valid key and certificate refused");
        return 0;
    }
    if (password.view().find('\0') != std::string_view::npos) {
        return 0; // OpenSSL's passwords are C strings: the reading side cannot say the same one
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
    PKCS12* p12 = d2i_PKCS12(nullptr, &bytes, static_cast<long>(der.size()));
    require(p12 != nullptr, "the PKCS#12 does not parse");
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    const std::string pass(password.view());
    require(PKCS12_parse(p12, pass.c_str(), &key, &cert, nullptr) == 1, "the PKCS#12 does not open with its password");
    require(key != nullptr && cert != nullptr && X509_check_private_key(cert, key) == 1, "the key does not match");
    EVP_PKEY_free(key);
    X509_free(cert);
    PKCS12_free(p12);
    return 0;
}
