// The key ceremony of the bank's CA hierarchy as enroll-admin's `ca` commands run it
// (docs/operations.md, "Key ceremony"): the root on an offline machine, the issuing CA's key and
// request on the server, the root's signature back on the offline machine, and a look at what a
// server is configured with. Each throws std::runtime_error with a sentence for the operator;
// none overwrites a file. A key given as a pkcs11: URI is made inside that token instead of a
// file (its passphrase file then holds the token's PIN), and signs from there.
#pragma once

#include "app/ServerConfig.h"
#include "ca/CaHierarchy.h"

#include <filesystem>
#include <string>
#include <vector>

namespace enroll::server {

// A new CA key is encrypted with a passphrase of at least this many characters.
constexpr std::size_t kMinCaPassphrase = 16;

struct NewRoot
{
    std::filesystem::path certificate;
    std::filesystem::path key;            // written encrypted (AES-256)
    std::filesystem::path passphraseFile;
    CaName name;
    int days = 7300;
};
// RSA 4096; the new root's description line.
std::string makeRootFiles(const NewRoot& root);

struct NewIssuing
{
    std::filesystem::path key;            // written encrypted (AES-256): ca.key
    std::filesystem::path request;        // PKCS#10, to carry to the root
    std::filesystem::path passphraseFile; // ca.keyPassphraseFile
    CaName name;
};
// RSA 3072.
void makeIssuingFiles(const NewIssuing& issuing);

struct IssuingSignature
{
    std::filesystem::path rootCertificate;
    std::filesystem::path rootKey;
    std::filesystem::path passphraseFile; // the root key's
    std::filesystem::path request;
    std::filesystem::path out;            // ca.cert
    int days = 1825;
    std::string rootCrlUrl;               // where the root's CRL is published (its CDP)
};
// The signed issuing CA's description line.
std::string signIssuingFile(const IssuingSignature& signature);

struct RootCrlSignature
{
    std::filesystem::path rootCertificate;
    std::filesystem::path rootKey;
    std::filesystem::path passphraseFile; // the root key's
    std::filesystem::path ledger;         // the issuing CAs the root has revoked, kept beside its key
    std::filesystem::path out;            // ca.rootCrl (DER), replaced
    int days = 365;
};
// The root's CRL of issuing CAs from its ledger (none yet: an empty CRL), valid `days`: signed
// again before then and carried to the server (ca.rootCrl). Its description line.
std::string signRootCrlFile(const RootCrlSignature& signature);
// Adds the issuing CA in `issuing` (one the root signed) to the ledger with `reason` (RFC 5280
// name), then signs the root's CRL as above. Its certificates are refused from the server's next
// look at the file (within a second).
std::string revokeIssuingFile(const RootCrlSignature& signature, const std::filesystem::path& issuing,
                              const std::string& reason);

// What the server is configured with: each CA generation's issuing CA and issuers, checked the
// way the server checks them at start (key, chain to the root), one line each.
std::vector<std::string> describeConfiguredCas(const ServerConfig& config);

} // namespace enroll::server
