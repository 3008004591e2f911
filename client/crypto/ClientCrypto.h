// The PC's side of the certificate: the key pair is made here and never leaves the PC; the bank
// sees only the PKCS#10 request. Also the PKCS#12 that carries key and certificate into a
// certificate store, encoded for the Windows that will read it. Plain C++ and OpenSSL (no Qt), so
// the Windows tests can build their fixtures with the same code.
#pragma once

#include "enroll/SecureString.h"

#include <string>
#include <string_view>
#include <vector>

namespace enroll::client {

enum class KeyType {
    Rsa2048, // default: the widest Windows support (and the only one Wine's CryptoAPI imports)
    EcP256,
};

struct KeyAndRequest
{
    SecureString privateKeyPem; // PKCS#8, unencrypted: kept only in memory or encrypted at rest
    std::string csrPem;
};

// Throws std::runtime_error when OpenSSL cannot make the key (out of entropy/memory). An RSA key
// has every private component at its full width (hasFullWidthRsaComponents).
KeyAndRequest generateKeyAndRequest(KeyType type, const std::string& commonName);

// Whether an RSA private key (PEM) has d at the modulus' width and dP, dQ, qInv at the primes':
// Wine's PKCS#12 import (crypt32) copies a narrower component into its PRIVATEKEYBLOB as
// nothing, and its schannel, which recomputes dP and dQ from d, then cannot sign the TLS
// handshake (about 5 % of OpenSSL's 2048-bit keys). A key without that property is made again:
// it costs a few fresh keys in a hundred and changes nothing on Windows. True for a non-RSA key.
bool hasFullWidthRsaComponents(std::string_view privateKeyPem);

enum class Pkcs12Encoding {
    Aes256Sha256,   // PBES2/PBKDF2/AES-256-CBC, SHA-256 MAC: Windows 10 1709+, Server 2019+, OpenSSL 3
    TripleDesSha1,  // pbeWithSHA1And3-KeyTripleDES-CBC for both bags, SHA-1 MAC: every Windows
};

struct WindowsVersion
{
    unsigned major = 0;
    unsigned minor = 0;
    unsigned build = 0;
};

// AES-256 only where Windows can read it (10.0 build 16299 = 1709, which Server 2019 = 17763
// passes and Server 2016 = 14393 does not); 3DES/SHA-1 before. Never RC2-40.
Pkcs12Encoding pkcs12EncodingFor(const WindowsVersion& version);

struct Pkcs12Input
{
    std::string privateKeyPem;
    std::string certificatePem;
    std::vector<std::string> chainPem; // CA certificates
    std::string friendlyName;          // shown in the Windows certificate manager
};

// DER PKCS#12 protected by `password`. Throws std::invalid_argument when key and certificate do
// not belong together or the PEM is unreadable.
std::string buildPkcs12(const Pkcs12Input& input, const SecureString& password, Pkcs12Encoding encoding);

// Reads a PKCS#12 back (for the portable store and for tests): key PEM, certificate PEM, CA PEMs.
struct Pkcs12Content
{
    SecureString privateKeyPem;
    std::string certificatePem;
    std::vector<std::string> chainPem;
};
Pkcs12Content readPkcs12(const std::string& der, const SecureString& password);

// Facts the client shows and files by: upper-case hex serial, SHA-1 thumbprint (hex, as Windows
// shows it), subject CN and OU (the contract number), notAfter as Unix seconds. Throws std::invalid_argument for bad PEM.
struct CertificateFacts
{
    std::string serial;
    std::string thumbprint;
    std::string commonName;
    std::string organizationalUnit;
    std::string issuer;
    long long notBefore = 0;
    long long notAfter = 0;
};
CertificateFacts certificateFacts(const std::string& certificatePem);

// Whose certificate it is, by the bank's issuing CAs: whether the certificate (DER) names one of
// the CA certificates in `issuersPem` as its issuer and carries that CA's signature (dates are not
// asked: an expired certificate is still the bank's to show and renew).
bool issuedByOneOf(const std::string& certificateDer, const std::string& issuersPem);
// Whether a signature over `data` verifies with the certificate's (DER) public key (SHA-256; RSA
// PKCS#1 v1.5 or ECDSA, as CryptoAPI and OpenSSL make them).
bool signatureVerifies(const std::string& certificateDer, const std::string& data, const std::string& signature);
// A test signature with a private key (PEM) over `data`; empty when the key cannot sign.
std::string signWith(const std::string& privateKeyPem, const std::string& data);
// The certificate's authority key identifier, upper-case hex; empty when it has none (or is not DER).
std::string authorityKeyId(const std::string& certificateDer);

// A random password for a PKCS#12 or a pending file: 32 bytes, base64url.
SecureString randomSecret();

} // namespace enroll::client
