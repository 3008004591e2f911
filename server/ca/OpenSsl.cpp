#include "ca/OpenSsl.h"

#include <openssl/err.h>
#include <openssl/pem.h>

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

int revocationReasonCode(const std::string& reason)
{
    static const std::pair<const char*, int> kReasons[] = {
        {"unspecified", CRL_REASON_UNSPECIFIED},
        {"keyCompromise", CRL_REASON_KEY_COMPROMISE},
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

} // namespace enroll::server::ossl
