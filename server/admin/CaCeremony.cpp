#include "admin/CaCeremony.h"

#include <openssl/crypto.h>

#include <openssl/err.h>

#include <sstream>
#include <stdexcept>

namespace enroll::server {
namespace {

using namespace ossl;

void mustBeNew(const std::filesystem::path& file)
{
    if (file.empty()) {
        throw std::runtime_error("a file name is missing");
    }
    if (std::filesystem::exists(file)) {
        throw std::runtime_error(file.string() + " exists already: nothing is overwritten");
    }
}

std::string newKeyPassphrase(const std::filesystem::path& file)
{
    auto passphrase = readPassphrase(file);
    if (passphrase.size() < kMinCaPassphrase) {
        OPENSSL_cleanse(passphrase.data(), passphrase.size());
        throw std::runtime_error("the passphrase in " + file.string() + " is shorter than " +
                                 std::to_string(kMinCaPassphrase) + " characters");
    }
    return passphrase;
}

void checkName(const CaName& name)
{
    if (name.organization.empty() || name.commonName.empty()) {
        throw std::runtime_error("a CA needs --organization and --name");
    }
}

} // namespace

std::string makeRootFiles(const NewRoot& root)
{
    checkName(root.name);
    mustBeNew(root.certificate);
    if (root.days <= 0) {
        throw std::runtime_error("--days must be positive");
    }
    const auto start = nowSeconds() - std::chrono::minutes(5);
    if (isTokenKey(root.key.string())) {
        auto key = makeTokenKey(root.key.string(), root.passphraseFile, 4096);
        X509Ptr cert;
        key->sign([&](EVP_PKEY* pkey) {
            cert = makeRoot(pkey, root.name, start, start + std::chrono::days(root.days));
            return true;
        });
        writeFileAtomically(root.certificate, toPem(cert.get()), false);
        return describeCertificate(cert.get());
    }
    mustBeNew(root.key);
    auto passphrase = newKeyPassphrase(root.passphraseFile);
    auto key = generateRsa(4096);
    auto cert = makeRoot(key.get(), root.name, start, start + std::chrono::days(root.days));
    writeFileAtomically(root.key, toEncryptedPem(key.get(), passphrase), true);
    OPENSSL_cleanse(passphrase.data(), passphrase.size());
    writeFileAtomically(root.certificate, toPem(cert.get()), false);
    return describeCertificate(cert.get());
}

void makeIssuingFiles(const NewIssuing& issuing)
{
    checkName(issuing.name);
    mustBeNew(issuing.request);
    if (isTokenKey(issuing.key.string())) {
        auto key = makeTokenKey(issuing.key.string(), issuing.passphraseFile, 3072);
        Req request;
        key->sign([&](EVP_PKEY* pkey) {
            request = makeIssuingRequest(pkey, issuing.name);
            return true;
        });
        writeFileAtomically(issuing.request, toPem(request.get()), false);
        return;
    }
    mustBeNew(issuing.key);
    auto passphrase = newKeyPassphrase(issuing.passphraseFile);
    auto key = generateRsa(3072);
    auto request = makeIssuingRequest(key.get(), issuing.name);
    writeFileAtomically(issuing.key, toEncryptedPem(key.get(), passphrase), true);
    OPENSSL_cleanse(passphrase.data(), passphrase.size());
    writeFileAtomically(issuing.request, toPem(request.get()), false);
}

std::string signIssuingFile(const IssuingSignature& signature)
{
    mustBeNew(signature.out);
    if (signature.days <= 0) {
        throw std::runtime_error("--days must be positive");
    }
    if (signature.rootCrlUrl.rfind("http://", 0) != 0) {
        throw std::runtime_error("--crl-url: where the root's CRL is published, an http:// address (ca.rootCrl is served there)");
    }
    auto root = certificateFromPem(readFile(signature.rootCertificate));
    if (!root) {
        throw std::runtime_error("the root certificate is not PEM: " + signature.rootCertificate.string());
    }
    auto rootKey = openSigningKey(signature.rootKey.string(), signature.passphraseFile);
    auto request = requestFromPem(readFile(signature.request));
    if (!request) {
        throw std::runtime_error("the request is not PEM PKCS#10: " + signature.request.string());
    }
    const auto start = nowSeconds() - std::chrono::minutes(5);
    X509Ptr issuing;
    rootKey->sign([&](EVP_PKEY* key) {
        issuing = signIssuing(request.get(), root.get(), key, start, start + std::chrono::days(signature.days),
                              signature.rootCrlUrl);
        return true;
    });
    writeFileAtomically(signature.out, toPem(issuing.get()), false);
    return describeCertificate(issuing.get());
}

namespace {

// The ledger: one revoked issuing CA per line, "SERIAL<TAB>UNIX SECONDS<TAB>REASON<TAB>SUBJECT".
std::string ledgerText(const std::filesystem::path& ledger)
{
    return std::filesystem::exists(ledger) ? readFile(ledger) : std::string();
}

std::vector<RevokedEntry> parseLedger(const std::string& text, const std::filesystem::path& ledger)
{
    std::vector<RevokedEntry> entries;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        RevokedEntry entry;
        long long seconds = 0;
        if (!(fields >> entry.serial >> seconds >> entry.reason)) {
            throw std::runtime_error("the ledger has a line it cannot read: " + ledger.string());
        }
        entry.revokedAt = Instant(std::chrono::seconds(seconds));
        entries.push_back(entry);
    }
    return entries;
}

} // namespace

std::string signRootCrlFile(const RootCrlSignature& signature)
{
    if (signature.days <= 0) {
        throw std::runtime_error("--days must be positive");
    }
    if (signature.ledger.empty() || signature.out.empty()) {
        throw std::runtime_error("--ledger and --out are needed");
    }
    auto root = certificateFromPem(readFile(signature.rootCertificate));
    if (!root) {
        throw std::runtime_error("the root certificate is not PEM: " + signature.rootCertificate.string());
    }
    auto rootKey = openSigningKey(signature.rootKey.string(), signature.passphraseFile);
    if (!rootKey->matches(root.get())) {
        throw std::runtime_error("the root key does not match the root certificate");
    }
    const auto revoked = parseLedger(ledgerText(signature.ledger), signature.ledger);
    const auto now = nowSeconds();
    writeFileAtomically(signature.out, signCrlDer(root.get(), *rootKey, revoked, now, std::chrono::days(signature.days)), false);
    return "root CRL with " + std::to_string(revoked.size()) + " revoked issuing CA(s), next update " +
           formatRfc3339Jst(now + std::chrono::days(signature.days)) + ": " + signature.out.string();
}

std::string revokeIssuingFile(const RootCrlSignature& signature, const std::filesystem::path& issuing,
                              const std::string& reason)
{
    auto root = certificateFromPem(readFile(signature.rootCertificate));
    auto revoked = certificateFromPem(readFile(issuing));
    if (!root || !revoked || X509_check_issued(root.get(), revoked.get()) != X509_V_OK ||
        X509_verify(revoked.get(), X509_get0_pubkey(root.get())) != 1) {
        ERR_clear_error();
        throw std::runtime_error(issuing.string() + " is not an issuing CA this root signed");
    }
    if (revocationReasonCode(reason) == revocationReasonCode("unspecified") && reason != "unspecified") {
        throw std::runtime_error("--reason: keyCompromise, cACompromise, affiliationChanged, superseded or cessationOfOperation");
    }
    const auto serial = serialHex(revoked.get());
    auto ledger = ledgerText(signature.ledger);
    for (const auto& entry : parseLedger(ledger, signature.ledger)) {
        if (entry.serial == serial) {
            throw std::runtime_error("the root has revoked " + serial + " already");
        }
    }
    const auto described = describeCertificate(revoked.get());
    ledger += serial + '\t' + std::to_string(nowSeconds().time_since_epoch().count()) + '\t' + reason + '\t' +
              described.substr(0, described.find(';')) + '\n';
    writeFileAtomically(signature.ledger, ledger, false);
    return "revoked " + serial + "; " + signRootCrlFile(signature);
}

std::vector<std::string> describeConfiguredCas(const ServerConfig& config)
{
    if (config.ca.certificate.empty()) {
        throw std::runtime_error("no ca.cert in this configuration (development mode makes its own in the data directory)");
    }
    CertificateAuthority ca(config.ca, config.crlUrl, config.organization, config.ocspUrl);
    if (!config.previousCa.certificate.empty()) {
        ca.setPrevious(std::make_unique<CertificateAuthority>(config.previousCa, config.previousCrlUrl, config.organization,
                                                              config.ocspUrl));
    }
    std::vector<std::string> lines;
    for (const auto* generation : ca.generations()) {
        const bool active = generation == &ca;
        lines.push_back(std::string(active ? "issuing CA (active)" : "issuing CA (previous, answered for)") + ": " +
                        describeCertificate(generation->caCertificate()) + "; CRL " + generation->crlUrl());
        const auto chain = generation->chainPem();
        for (std::size_t i = 1; i < chain.size(); ++i) {
            auto issuer = certificateFromPem(chain[i]);
            lines.push_back("  issuer: " + describeCertificate(issuer.get()));
        }
    }
    return lines;
}

} // namespace enroll::server
