// The bank's CA on OpenSSL 3: checks a client's PKCS#10 request, issues the client certificate
// with the profile of SPEC §4.3 (never the request's own subject or extensions), publishes the
// CRL, and tells whether a peer certificate is one of its own.
#pragma once

#include "ca/OpenSsl.h"
#include "ca/RootCrl.h"
#include "ca/SigningKey.h"
#include "enroll/Result.h"

#include <filesystem>
#include <memory>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace enroll::server {

struct CaFiles
{
    std::filesystem::path certificate;    // PEM
    std::filesystem::path key;            // PEM, optionally encrypted; or a pkcs11: URI (SigningKey.h)
    std::filesystem::path passphraseFile; // the file key's passphrase or the token's PIN; empty: none
    // ca.chain: the issuing CA's issuers up to the offline root (PEM); empty: the CA is its own root
    std::filesystem::path chain;
};

struct ClientSubject
{
    std::string userId;
    std::string contractNumber;
};

struct IssuedCertificate
{
    std::string pem;
    std::string serial; // upper-case hex, ≥ 64 random bits
    Instant notBefore;
    Instant notAfter;
};

struct RevokedEntry
{
    std::string serial;
    Instant revokedAt;
    std::string reason; // RFC 5280 reason name
};

class CertificateAuthority
{
public:
    // Throws std::runtime_error with a sentence for the operator when the files are unusable.
    // `ocspUrl` (may be empty) goes into issued certificates' AIA, `crlUrl` into their CDP.
    CertificateAuthority(const CaFiles& files, std::string crlUrl, std::string organization, std::string ocspUrl = {});

    // CSR checks (INVALID_INPUT on field `csr`): PEM, signature, RSA ≥ 2048 or EC P-256.
    // Signing here, in crlDer and in issueOcspSigner throws KeyUnavailable while a token key
    // cannot sign.
    [[nodiscard]] Result<IssuedCertificate> issue(const std::string& csrPem, const ClientSubject& subject,
                                                  Instant notBefore, Instant notAfter) const;
    // DER CRL listing `revoked`, valid from `now` for `validity`.
    [[nodiscard]] std::string crlDer(const std::vector<RevokedEntry>& revoked, Instant now,
                                     std::chrono::seconds validity) const;
    // True when `cert` chains to this CA with a valid signature and is within its validity at `now`
    // and is a client-auth certificate. Revocation is checked by the caller against the registry.
    [[nodiscard]] bool verifyClient(X509* cert, Instant now) const;

    // A delegated OCSP signing certificate for `publicKey` (RFC 6960 §4.2.2.2: EKU OCSPSigning,
    // id-pkix-ocsp-nocheck), issued by this CA.
    [[nodiscard]] ossl::X509Ptr issueOcspSigner(EVP_PKEY* publicKey, Instant notBefore, Instant notAfter) const;

    // What a request must carry (EST csrattrs, RFC 7030 §4.5), DER: the key types issueAcceptable
    // takes — RSA, or EC on P-256 — and their SHA-256 signatures.
    [[nodiscard]] static std::string csrAttributesDer();

    // The issuing CA, then its issuers up to the root (ca.chain).
    [[nodiscard]] std::vector<std::string> chainPem() const;
    // What clients are given with their certificate for their CA store: the issuing CA and any CA
    // between it and the root, never the root (no root certificate on employer PCs; a CA that is
    // its own root, without ca.chain, is the one exception).
    [[nodiscard]] std::vector<std::string> clientChainPem() const;
    [[nodiscard]] X509* caCertificate() const { return ca_.get(); }
    [[nodiscard]] const std::string& crlUrl() const { return crlUrl_; }
    [[nodiscard]] const SigningKey& key() const { return *key_; }

    // Rollover (ca.previous.*): the issuing CA this one took over from. It issues nothing more;
    // its certificates still verify (verifyClient asks it for those it issued) until they
    // expire, and its CRL and OCSP answers are still signed with its own key.
    void setPrevious(std::unique_ptr<CertificateAuthority> previous) { previous_ = std::move(previous); }
    // The root's CRL of issuing CAs (ca.rootCrl), for this CA and the previous one: a CA it lists
    // verifies no client certificate and issues none (KeyUnavailable).
    void setRootCrl(const std::shared_ptr<RootCrl>& rootCrl);
    [[nodiscard]] bool revokedByRoot() const;
    [[nodiscard]] const CertificateAuthority* previous() const { return previous_.get(); }
    // This CA, then the previous one: every CA whose certificates are still answered for.
    [[nodiscard]] std::vector<const CertificateAuthority*> generations() const;

private:
    struct Verified
    {
        std::int64_t notBefore; // the validity of the leaf and the CA, intersected (Unix time)
        std::int64_t notAfter;
    };
    ossl::Store trust_;          // the root (the CA itself without ca.chain): built once, shared
    ossl::X509Stack untrusted_;  // the issuing CA and any CA between it and the root (ca.chain)
    std::vector<std::string> issuersPem_; // ca.chain's certificates, in the file's order
    std::vector<std::string> intermediatesPem_; // those of them that are not self-signed
    mutable std::mutex verifiedMutex_;
    mutable std::unordered_map<std::string, Verified> verified_; // DER → once verified (bounded)
    ossl::X509Ptr ca_;
    std::shared_ptr<SigningKey> key_;
    std::string caPem_;
    std::string crlUrl_;
    std::string organization_;
    std::string ocspUrl_;
    std::unique_ptr<CertificateAuthority> previous_;
    std::shared_ptr<RootCrl> rootCrl_;
};

// A DER CRL of `issuer` listing `revoked`, valid from `now` for `validity`, signed with `key`: the
// issuing CA's of client certificates, and the root's of issuing CAs.
std::string signCrlDer(X509* issuer, const SigningKey& key, const std::vector<RevokedEntry>& revoked, Instant now,
                       std::chrono::seconds validity);

// The first line of a passphrase (or PIN) file, without its line end. "credential:NAME" reads
// NAME in $CREDENTIALS_DIRECTORY (systemd's LoadCredential=).
std::string readPassphrase(const std::filesystem::path& file);
// A PEM private key, decrypted with the passphrase file's when one is given; throws
// std::runtime_error naming the key file when it cannot be read.
ossl::Pkey readPrivateKey(const std::filesystem::path& key, const std::filesystem::path& passphraseFile);

// The path of a URL: "/crl" of "https://host:8443/crl?x", "/" without one.
std::string urlPath(const std::string& url);

// Writes `content` to `path` atomically with owner-only permissions when `secret`.
void writeFileAtomically(const std::filesystem::path& path, const std::string& content, bool secret);
// The whole file; throws std::runtime_error naming it when it cannot be read.
std::string readFile(const std::filesystem::path& path);

} // namespace enroll::server
