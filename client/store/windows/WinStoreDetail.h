// What the two halves of the Windows store share (WindowsCertStore.cpp: import, find and remove;
// WindowsCertKeys.cpp: the private keys): owners of CryptoAPI handles, the lookup of a certificate
// and the failure words. Internal to enroll_winstore.
#pragma once

#include "WindowsCertStore.h"

#include <windows.h>
#include <wincrypt.h>

#include <memory>
#include <string>
#include <vector>

namespace enroll::winstore::detail {

struct StoreCloser
{
    void operator()(void* store) const noexcept { CertCloseStore(store, 0); }
};
using Store = std::unique_ptr<void, StoreCloser>;

struct ContextFree
{
    void operator()(const CERT_CONTEXT* context) const noexcept { CertFreeCertificateContext(context); }
};
using Context = std::unique_ptr<const CERT_CONTEXT, ContextFree>;

struct KeyInfo
{
    std::wstring container;
    std::wstring provider;
    DWORD providerType = 0;
    DWORD flags = 0;
    DWORD keySpec = 0;
};

// A memory store holding `certificates` (DER); empty when one of them is not a certificate.
Store memoryStore(const std::vector<std::vector<std::uint8_t>>& certificates);

struct EngineFree
{
    void operator()(void* engine) const noexcept { CertFreeCertificateChainEngine(static_cast<HCERTCHAINENGINE>(engine)); }
};
using ChainEngine = std::unique_ptr<void, EngineFree>;
// A chain engine whose only trusted roots are those in `roots` (hExclusiveRoot): neither the
// machine's roots nor anything a user added count. Null on failure.
ChainEngine exclusiveChainEngine(void* roots);
// Chain parameters asking for the one extended key usage in `usage` (which must outlive them).
CERT_CHAIN_PARA chainParaFor(LPSTR* usage);

Outcome failed(Failure failure, std::string message);
// One line for people, in English (the client shows its own words).
std::string messageOf(Failure failure);
Failure failureOf(DWORD error);
Store openUserStore(const wchar_t* name);
Context findByThumbprint(void* store, const std::string& thumbprintHex);
Certificate describe(const CERT_CONTEXT* context);
// Where the certificate's private key lives; false when it has none.
bool keyInfo(const CERT_CONTEXT* context, KeyInfo& info);
// Deletes `context` (owned) from its store and its private key container, unless that container
// is `keep` (Wine reuses one container per user: the new certificate's key must survive).
Failure deleteWithKey(Context context, const std::wstring& keep = {});

} // namespace enroll::winstore::detail
