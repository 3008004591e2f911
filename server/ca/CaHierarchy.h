// The bank's CA hierarchy (SPEC §4.3, docs/operations.md "Key ceremony"): an offline root, an
// issuing CA under it (pathlen 0, client authentication and OCSP signing only) whose key is on
// the server, and, apart from both, the TLS chain clients pin. The profiles are made here once,
// for enroll-admin's ceremony commands and for the development PKI alike.
#pragma once

#include "ca/CertificateAuthority.h"

#include <filesystem>
#include <string>

namespace enroll::server {

struct CaName
{
    std::string organization; // O (C is JP)
    std::string commonName;   // CN
};

// Now, to the second, as certificates carry it.
Instant nowSeconds();

// A self-signed root: CA, path length 1 (issuing CAs under it, nothing below them), certificate
// and CRL signing only.
ossl::X509Ptr makeRoot(EVP_PKEY* key, const CaName& name, Instant notBefore, Instant notAfter);
// The issuing CA's request; its key stays where it was made (the server).
ossl::Req makeIssuingRequest(EVP_PKEY* key, const CaName& name);
// The root signs an issuing CA with the bank's profile, taking only the request's subject and key
// (CA, pathlen 0, keyCertSign and cRLSign, extendedKeyUsage clientAuth and OCSPSigning). Throws
// std::runtime_error with a sentence for the operator: a request whose signature fails, a key
// weaker than RSA 3072 or EC P-256, a validity beyond the root's. `rootCrlUrl` (may be empty) is
// its CRL distribution point: where the root's CRL of issuing CAs is published, so that a relying
// party finds out when the root has revoked it.
ossl::X509Ptr signIssuing(X509_REQ* request, X509* root, EVP_PKEY* rootKey, Instant notBefore, Instant notAfter,
                          const std::string& rootCrlUrl = {});
// Why the server's TLS certificate (PEM: the leaf, then any intermediates) is not what clients
// pin: it does not chain to `trustPem` (tls.chain) as a TLS server certificate valid at `now`, or
// its chain runs through a CA of the client hierarchy (`ca` or its previous generation). Empty
// when it is sound.
std::string tlsChainProblem(const std::string& certificatePem, const std::string& trustPem,
                            const CertificateAuthority& ca, Instant now);
// Every CA certificate of the client hierarchy, each generation's issuing CA and its issuers,
// once each (PEM): what verifies client certificates (nginx's ssl_client_certificate).
std::string clientCaPem(const CertificateAuthority& ca);
// One line for the operator: subject, issuer, validity (JST) and SHA-256 fingerprint.
std::string describeCertificate(X509* cert);

// Embedded default (SPEC §8), generated on first start in `dir` in the production shape:
// a development root (root.crt; its key is not kept, after signing root.crl, its CRL of issuing
// CAs, empty and valid as long as the root), the issuing CA under it (ca.crt, ca.key, naming
// `rootCrlUrl` as its distribution point),
// and a separate development TLS CA (tls-ca.crt; its key is not kept either) that signed the
// server's certificate for localhost/127.0.0.1/::1 (tls.crt, tls.key). Keys are 0600.
struct DevelopmentPki
{
    CaFiles ca;                           // the issuing CA, ca.chain = the development root
    std::filesystem::path tlsCertificate; // the leaf, then the TLS CA
    std::filesystem::path tlsKey;
    std::filesystem::path tlsCa;          // what clients trust for the server
    std::filesystem::path rootCrl;        // the root's CRL (DER)
};
DevelopmentPki ensureDevelopmentPki(const std::filesystem::path& dir, const std::string& rootCrlUrl = {});

} // namespace enroll::server
