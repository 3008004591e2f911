// RAII for OpenSSL handles, shared by the server's CA and the client's crypto: every handle is a
// unique_ptr with its free function, so no path can leak or double-free one.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace enroll::ossl {

template <auto Free>
struct Deleter
{
    template <typename T>
    void operator()(T* p) const noexcept
    {
        Free(p);
    }
};

inline void freeX509Stack(STACK_OF(X509) * s) noexcept
{
    sk_X509_pop_free(s, X509_free);
}
inline void freeOsslString(char* p) noexcept
{
    OPENSSL_free(p);
}

using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using X509Stack = std::unique_ptr<STACK_OF(X509), Deleter<freeX509Stack>>;
using Req = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using Crl = std::unique_ptr<X509_CRL, Deleter<X509_CRL_free>>;
using Revoked = std::unique_ptr<X509_REVOKED, Deleter<X509_REVOKED_free>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using Name = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using Asn1Int = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;
using Asn1Time = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;
using Asn1Enum = std::unique_ptr<ASN1_ENUMERATED, Deleter<ASN1_ENUMERATED_free>>;
using P12 = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using OsslString = std::unique_ptr<char, Deleter<freeOsslString>>;

} // namespace enroll::ossl
