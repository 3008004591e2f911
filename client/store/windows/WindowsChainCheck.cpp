#include "WinStoreDetail.h"

#include <windows.h>
#include <wincrypt.h>

namespace enroll::winstore {
namespace {

// A memory store holding `certificates` (DER); null on failure.
HCERTSTORE memoryStore(const std::vector<std::vector<std::uint8_t>>& certificates)
{
    HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, nullptr);
    for (const auto& der : certificates) {
        if (store == nullptr ||
            !CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der.data(), static_cast<DWORD>(der.size()),
                                              CERT_STORE_ADD_ALWAYS, nullptr)) {
            if (store != nullptr) {
                CertCloseStore(store, 0);
            }
            return nullptr;
        }
    }
    return store;
}

} // namespace

namespace detail {

ChainEngine exclusiveChainEngine(void* roots)
{
    CERT_CHAIN_ENGINE_CONFIG config{};
    config.cbSize = sizeof config;
    config.hExclusiveRoot = roots;
    HCERTCHAINENGINE engine = nullptr;
    return ChainEngine(CertCreateCertificateChainEngine(&config, &engine) ? engine : nullptr);
}

CERT_CHAIN_PARA chainParaFor(LPSTR* usage)
{
    CERT_CHAIN_PARA para{};
    para.cbSize = sizeof para;
    para.RequestedUsage.dwType = USAGE_MATCH_TYPE_AND;
    para.RequestedUsage.Usage.cUsageIdentifier = 1;
    para.RequestedUsage.Usage.rgpszUsageIdentifier = usage;
    return para;
}

} // namespace detail

const char* verdictName(ChainVerdict verdict)
{
    switch (verdict) {
    case ChainVerdict::Good:
        return "good";
    case ChainVerdict::Revoked:
        return "revoked";
    case ChainVerdict::RevocationUnknown:
        return "revocation-unknown";
    case ChainVerdict::Untrusted:
        return "untrusted";
    case ChainVerdict::Failed:
        break;
    }
    return "failed";
}

ChainCheck checkChain(const std::vector<std::uint8_t>& leafDer, const std::vector<std::vector<std::uint8_t>>& intermediatesDer,
                      const std::vector<std::uint8_t>& rootDer)
{
    ChainCheck result;
    PCCERT_CONTEXT leaf = CertCreateCertificateContext(X509_ASN_ENCODING, leafDer.data(), static_cast<DWORD>(leafDer.size()));
    HCERTSTORE roots = memoryStore({rootDer});
    HCERTSTORE others = memoryStore(intermediatesDer);
    if (leaf != nullptr && roots != nullptr && others != nullptr) {
        const auto engine = detail::exclusiveChainEngine(roots); // this root alone: none trusted, none added
        LPSTR clientAuth[] = {const_cast<LPSTR>(szOID_PKIX_KP_CLIENT_AUTH)};
        auto para = detail::chainParaFor(clientAuth);
        PCCERT_CHAIN_CONTEXT chain = nullptr;
        // every certificate but the root, from the addresses the certificates name
        if (engine && CertGetCertificateChain(static_cast<HCERTCHAINENGINE>(engine.get()), leaf, nullptr, others, &para,
                                              CERT_CHAIN_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT, nullptr, &chain)) {
            const DWORD status = chain->TrustStatus.dwErrorStatus;
            result.errorStatus = status;
            if ((status & CERT_TRUST_IS_REVOKED) != 0) {
                result.verdict = ChainVerdict::Revoked;
            } else if ((status & (CERT_TRUST_REVOCATION_STATUS_UNKNOWN | CERT_TRUST_IS_OFFLINE_REVOCATION)) != 0) {
                result.verdict = ChainVerdict::RevocationUnknown;
            } else if (status != CERT_TRUST_NO_ERROR) {
                result.verdict = ChainVerdict::Untrusted;
            } else {
                result.verdict = ChainVerdict::Good;
            }
            CertFreeCertificateChain(chain);
        }
    }
    if (others != nullptr) {
        CertCloseStore(others, 0);
    }
    if (roots != nullptr) {
        CertCloseStore(roots, 0);
    }
    if (leaf != nullptr) {
        CertFreeCertificateContext(leaf);
    }
    return result;
}

} // namespace enroll::winstore
