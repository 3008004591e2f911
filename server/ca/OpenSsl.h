// OpenSSL helpers of the server's CA: PEM in and out, serials, error text (handles: OpenSslHandles.h).
#pragma once

#include "enroll/CertificateValidity.h"
#include "enroll/OpenSslHandles.h"

#include <string>
#include <vector>

namespace enroll::server::ossl {

using namespace enroll::ossl; // the handle types, as ossl::X509Ptr etc.

// An ASN1_TIME as an Instant; the epoch when it is missing or unreadable.
Instant instantOf(const ASN1_TIME* time);

// A PKCS#7 SignedData that only carries certificates (RFC 7030's "certs-only", as `openssl
// crl2pkcs7 -nocrl` writes it), DER: every certificate of the PEM texts, in order.
std::string certsOnlyPkcs7Der(const std::vector<std::string>& pems);

// The last OpenSSL error as text, for logs (never for the wire); clears the error queue.
std::string lastError();

// PEM text → object; nothing on failure.
X509Ptr certificateFromPem(const std::string& pem);
// Every certificate in a PEM text, in order.
std::vector<X509Ptr> certificatesFromPem(const std::string& pem);
Req requestFromPem(const std::string& pem);
Pkey privateKeyFromPem(const std::string& pem, const std::string& passphrase);
std::string toPem(X509* cert);
std::string toPem(EVP_PKEY* key);
// Upper-case hex serial number of `cert`.
std::string serialHex(const X509* cert);
// The curve of an EC key ("prime256v1", "secp384r1" …); empty for another kind of key.
std::string curveName(EVP_PKEY* key);
// The RFC 5280 CRLReason code of a reason name ("keyCompromise" …), the same in CRLs and OCSP;
// unspecified for a name it does not know.
int revocationReasonCode(const std::string& reason);

// PEM of a request, and of a private key encrypted with AES-256 under `passphrase`.
std::string toPem(X509_REQ* request);
std::string toEncryptedPem(EVP_PKEY* key, const std::string& passphrase);

// The parts every certificate here is built from; each throws std::runtime_error with
// OpenSSL's reason when it fails.
[[noreturn]] void fail(const std::string& what);
Pkey generateRsa(unsigned bits);
// A v3 certificate with a random 127-bit serial, the names, the key and the validity; unsigned.
X509Ptr newCertificate(X509_NAME* subject, X509_NAME* issuer, EVP_PKEY* publicKey, Instant notBefore, Instant notAfter);
// One extension in openssl.cnf's syntax ("critical,CA:TRUE,pathlen:0"), `issuer` for the AKI.
void addExtension(X509* cert, X509* issuer, int nid, const char* value);
void addNameEntry(X509_NAME* name, const char* field, const std::string& value);
void sign(X509* cert, EVP_PKEY* key); // SHA-256

} // namespace enroll::server::ossl
