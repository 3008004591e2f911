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
};
// The signed issuing CA's description line.
std::string signIssuingFile(const IssuingSignature& signature);

// What the server is configured with: each CA generation's issuing CA and issuers, checked the
// way the server checks them at start (key, chain to the root), one line each.
std::vector<std::string> describeConfiguredCas(const ServerConfig& config);

} // namespace enroll::server
