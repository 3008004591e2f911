#include "ca/SigningKey.h"

#include "ca/CertificateAuthority.h"
#include "ca/Pkcs11Token.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509.h>

namespace enroll::server {
namespace {

class FileKey final : public SigningKey
{
public:
    explicit FileKey(ossl::Pkey key) : key_(std::move(key)) {}

    void sign(const std::function<bool(EVP_PKEY*)>& operation) const override
    {
        if (!operation(key_.get())) {
            ossl::fail("signing");
        }
    }
    [[nodiscard]] bool matches(X509* cert) const override
    {
        const bool match = X509_check_private_key(cert, key_.get()) == 1;
        ERR_clear_error();
        return match;
    }
    [[nodiscard]] bool inToken() const override { return false; }
    [[nodiscard]] ossl::Pkey publicKey() const override { return publicHalf(key_.get()); }

private:
    ossl::Pkey key_;
};

} // namespace

ossl::Pkey publicHalf(EVP_PKEY* key)
{
    unsigned char* der = nullptr;
    const int size = key != nullptr ? i2d_PUBKEY(key, &der) : 0;
    if (size <= 0) {
        ossl::fail("public key");
    }
    const unsigned char* in = der;
    ossl::Pkey half(d2i_PUBKEY(nullptr, &in, size));
    OPENSSL_free(der);
    if (!half) {
        ossl::fail("public key");
    }
    return half;
}

bool isTokenKey(const std::string& location)
{
    return location.rfind("pkcs11:", 0) == 0;
}

namespace {

// A token key's URI and PIN, the PIN wiped when done.
struct TokenLogin
{
    Pkcs11Uri uri;
    std::string pin;
    TokenLogin(const std::string& location, const std::filesystem::path& pinFile)
    {
        try {
            uri = parsePkcs11Uri(location);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(e.what());
        }
        if (pinFile.empty()) {
            throw std::runtime_error("the token's PIN is missing: give the file that holds it");
        }
        pin = readPassphrase(pinFile);
    }
    TokenLogin(const TokenLogin&) = delete;
    TokenLogin& operator=(const TokenLogin&) = delete;
    ~TokenLogin() { OPENSSL_cleanse(pin.data(), pin.size()); }
};

} // namespace

std::shared_ptr<SigningKey> openSigningKey(const std::string& location, const std::filesystem::path& secretFile)
{
    if (!isTokenKey(location)) {
        return std::make_shared<FileKey>(readPrivateKey(location, secretFile));
    }
    const TokenLogin login(location, secretFile);
    return openTokenKey(login.uri, login.pin);
}

std::shared_ptr<SigningKey> makeTokenKey(const std::string& location, const std::filesystem::path& pinFile, unsigned bits)
{
    {
        const TokenLogin login(location, pinFile);
        generateTokenKeyPair(login.uri, login.pin, bits);
    }
    return openSigningKey(location, pinFile);
}

void signCertificate(const SigningKey& key, X509* cert)
{
    key.sign([cert](EVP_PKEY* pkey) { return X509_sign(cert, pkey, EVP_sha256()) != 0; });
}

std::shared_ptr<SigningKey> memoryKey(ossl::Pkey key)
{
    return std::make_shared<FileKey>(std::move(key));
}

} // namespace enroll::server
