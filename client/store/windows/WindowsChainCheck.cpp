#include "WinStoreDetail.h"

#include <windows.h>
#include <wincrypt.h>

namespace enroll::winstore {
namespace detail {

Store memoryStore(const std::vector<std::vector<std::uint8_t>>& certificates)
{
    Store store(CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, nullptr));
    for (const auto& der : certificates) {
        if (!store || !CertAddEncodedCertificateToStore(store.get(), X509_ASN_ENCODING, der.data(), static_cast<DWORD>(der.size()),
                                                        CERT_STORE_ADD_USE_EXISTING, nullptr)) {
            return {};
        }
    }
    return store;
}

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
    const detail::Context leaf(
        CertCreateCertificateContext(X509_ASN_ENCODING, leafDer.data(), static_cast<DWORD>(leafDer.size())));
    const auto roots = detail::memoryStore({rootDer});
    const auto others = detail::memoryStore(intermediatesDer);
    const auto engine = roots ? detail::exclusiveChainEngine(roots.get()) : nullptr; // this root alone
    if (!leaf || !others || !engine) {
        return result;
    }
    LPSTR clientAuth[] = {const_cast<LPSTR>(szOID_PKIX_KP_CLIENT_AUTH)};
    auto para = detail::chainParaFor(clientAuth);
    PCCERT_CHAIN_CONTEXT chain = nullptr;
    // every certificate but the root, from the addresses the certificates name
    if (!CertGetCertificateChain(static_cast<HCERTCHAINENGINE>(engine.get()), leaf.get(), nullptr, others.get(), &para,
                                 CERT_CHAIN_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT, nullptr, &chain)) {
        return result;
    }
    const DWORD status = chain->TrustStatus.dwErrorStatus;
    CertFreeCertificateChain(chain);
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
    return result;
}

} // namespace enroll::winstore
