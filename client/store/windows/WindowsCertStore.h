// The Windows current-user certificate store through CryptoAPI (SPEC §4.2 step 6): the bank's
// certificate and its non-exportable private key into "MY", the issuing CA into "CA" (never
// "Root"), found again by issuer and client-auth EKU, its key proved usable, removed without a
// trace. Win32 only: no Qt, no OpenSSL; bytes in, findings and reasons out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace enroll::winstore {

enum class Failure {
    None,
    WrongPassword,
    Corrupt,
    AccessDenied,
    StoreFull,
    NotFound,
    KeyUnusable,
    Other,
};

struct Certificate
{
    std::string thumbprint; // SHA-1, upper-case hex
    std::string serial;     // upper-case hex, as the bank prints it
    std::string subjectCn;  // UTF-8
    std::string issuerCn;   // UTF-8
    std::int64_t notBefore = 0; // Unix seconds
    std::int64_t notAfter = 0;
    bool hasPrivateKey = false;
    std::vector<std::uint8_t> der; // the certificate as encoded
};

struct Outcome
{
    Failure failure = Failure::None;
    std::string message; // one line for people (English; the client shows its own words)
    Certificate certificate;
    std::vector<std::uint8_t> data; // signature, for sign()
    [[nodiscard]] bool ok() const { return failure == Failure::None; }
};

struct ImportOptions
{
    bool exportable = false; // only by an explicit setting
};

// Imports the end-entity certificate and its key from `pkcs12` into current-user MY (replacing
// older certificates of the same subject from the same issuer) and each of `caCertificatesDer`
// into current-user CA. The password buffer is wiped before returning. A failure leaves the
// stores as they were.
Outcome importPkcs12(const std::vector<std::uint8_t>& pkcs12, std::wstring& password,
                     const std::vector<std::vector<std::uint8_t>>& caCertificatesDer, const ImportOptions& options = {});

// The certificates in current-user MY for client authentication issued by `issuerCn` (UTF-8;
// empty: any issuer).
std::vector<Certificate> find(const std::string& issuerCn);

// Acquires the private key of the certificate and signs SHA-256(`data`) (PKCS#1 v1.5, big-endian
// as OpenSSL expects it): proves the key usable. `data` may be empty.
Outcome sign(const std::string& thumbprint, const std::vector<std::uint8_t>& data);

// True when the private key can be exported (it should not be).
bool keyExportable(const std::string& thumbprint);

// Removes the certificate from MY and deletes its key container.
Outcome remove(const std::string& thumbprint);

// What a relying party on Windows concludes about a certificate: CryptoAPI's chain engine builds
// its chain to `rootDer` alone (hExclusiveRoot: no system root is trusted, none is added) through
// `intermediatesDer`, for client authentication, and checks the revocation of every certificate
// but the root where the certificates say (CRL distribution point, OCSP), as Windows fetches it.
enum class ChainVerdict { Good, Revoked, RevocationUnknown, Untrusted, Failed };
struct ChainCheck
{
    ChainVerdict verdict = ChainVerdict::Failed;
    unsigned long errorStatus = 0; // CERT_TRUST_* of the chain
};
ChainCheck checkChain(const std::vector<std::uint8_t>& leafDer, const std::vector<std::vector<std::uint8_t>>& intermediatesDer,
                      const std::vector<std::uint8_t>& rootDer);
// "good", "revoked", "revocation-unknown", "untrusted", "failed".
const char* verdictName(ChainVerdict verdict);

// PEM ("-----BEGIN CERTIFICATE-----") or DER in, DER out; empty when neither.
std::vector<std::uint8_t> certificateDer(const std::vector<std::uint8_t>& pemOrDer);

} // namespace enroll::winstore
