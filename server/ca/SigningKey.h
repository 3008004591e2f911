// The CA's private keys, wherever they are (docs/operations.md, "The HSM"): a PEM file for --dev
// and small banks, or a key inside a PKCS#11 token named by an RFC 7512 URI, which never leaves
// the token. Everything that signs (certificates, CRLs, OCSP answers, requests) signs through
// SigningKey::sign, so a token that goes away fails only what signs, and only for as long as it is
// away.
#pragma once

#include "ca/OpenSsl.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace enroll::server {

// A token key cannot sign now (the token was pulled, its module failed): nothing was signed.
// The transport answers 503 UNAVAILABLE; the key tries the token again by itself.
class KeyUnavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class SigningKey
{
public:
    virtual ~SigningKey() = default;
    // Runs `operation` with the private key; it returns whether it signed. A file key whose
    // operation fails throws std::runtime_error; a token key throws KeyUnavailable.
    virtual void sign(const std::function<bool(EVP_PKEY*)>& operation) const = 0;
    // Whether `cert` carries this key's public half.
    [[nodiscard]] virtual bool matches(X509* cert) const = 0;
    [[nodiscard]] virtual bool inToken() const = 0;
    // The public half alone, for a certificate of this key.
    [[nodiscard]] virtual ossl::Pkey publicKey() const = 0;
};

// The public half of `key` as a key of its own (no private part, no token behind it).
ossl::Pkey publicHalf(EVP_PKEY* key);

// True for an RFC 7512 "pkcs11:" URI, false for a file name.
bool isTokenKey(const std::string& location);

// A PEM key file, decrypted with the first line of `secretFile` when one is given; or a pkcs11:
// URI, whose token is logged into with the PIN on the first line of `secretFile`. Throws
// std::runtime_error with one line for the operator: a file that cannot be read or decrypted, a
// module that does not load, a token that is not there, a PIN the token refuses, no such key.
std::shared_ptr<SigningKey> openSigningKey(const std::string& location, const std::filesystem::path& secretFile);

// An RSA key pair of `bits` made inside the token `location` names (pkcs11: URI; the PIN in
// `pinFile`), nothing of it anywhere else, then opened. Throws std::runtime_error (one line).
std::shared_ptr<SigningKey> makeTokenKey(const std::string& location, const std::filesystem::path& pinFile, unsigned bits);

// Signs `cert` (SHA-256) with `key`.
void signCertificate(const SigningKey& key, X509* cert);

// A file key held in memory (the OCSP responder's own, made afresh): signs with `key`.
std::shared_ptr<SigningKey> memoryKey(ossl::Pkey key);

} // namespace enroll::server
