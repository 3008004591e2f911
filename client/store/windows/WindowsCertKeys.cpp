// The private keys of the store's certificates: proved usable by a signature, checked for
// exportability, deleted with their certificate. CryptoAPI providers and CNG key storage alike.
#include "WinStoreDetail.h"

#include <ncrypt.h>

#include <algorithm>

namespace enroll::winstore {
using namespace detail;
namespace {

// HCRYPTPROV and HCRYPTHASH are integers, not pointers: small owners of their own.
class Provider
{
public:
    Provider() = default;
    ~Provider() { reset(); }
    Provider(const Provider&) = delete;
    Provider& operator=(const Provider&) = delete;
    HCRYPTPROV* out() { reset(); return &handle_; }
    [[nodiscard]] HCRYPTPROV get() const { return handle_; }
    void reset() { if (handle_ != 0) { CryptReleaseContext(handle_, 0); handle_ = 0; } }

private:
    HCRYPTPROV handle_ = 0;
};

class Hash
{
public:
    ~Hash() { if (handle_ != 0) { CryptDestroyHash(handle_); } }
    HCRYPTHASH* out() { return &handle_; }
    [[nodiscard]] HCRYPTHASH get() const { return handle_; }

private:
    HCRYPTHASH handle_ = 0;
};

class Key
{
public:
    ~Key() { if (handle_ != 0) { CryptDestroyKey(handle_); } }
    HCRYPTKEY* out() { return &handle_; }
    [[nodiscard]] HCRYPTKEY get() const { return handle_; }

private:
    HCRYPTKEY handle_ = 0;
};

// SHA-256 signatures need the AES-capable provider (on Windows too), opened on the same container.
bool openAesProvider(const KeyInfo& info, Provider& provider)
{
    return CryptAcquireContextW(provider.out(), info.container.c_str(), MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES,
                                info.flags & CRYPT_MACHINE_KEYSET) != FALSE;
}

// Wine reports a key spec of 3: probe the real one.
std::vector<DWORD> keySpecsToTry(const KeyInfo& info)
{
    std::vector<DWORD> specs;
    if (info.keySpec == AT_KEYEXCHANGE || info.keySpec == AT_SIGNATURE) {
        specs.push_back(info.keySpec);
    }
    for (DWORD spec : {static_cast<DWORD>(AT_KEYEXCHANGE), static_cast<DWORD>(AT_SIGNATURE)}) {
        if (std::find(specs.begin(), specs.end(), spec) == specs.end()) {
            specs.push_back(spec);
        }
    }
    return specs;
}

Outcome signWithNcrypt(const CERT_CONTEXT* context, const std::vector<std::uint8_t>& data)
{
    HCRYPTPROV_OR_NCRYPT_KEY_HANDLE handle = 0;
    DWORD spec = 0;
    BOOL mustFree = FALSE;
    if (!CryptAcquireCertificatePrivateKey(context, CRYPT_ACQUIRE_ONLY_NCRYPT_KEY_FLAG, nullptr, &handle, &spec, &mustFree)) {
        return failed(Failure::KeyUnusable, messageOf(Failure::KeyUnusable));
    }
    BCRYPT_PKCS1_PADDING_INFO padding{BCRYPT_SHA256_ALGORITHM};
    // hash with CryptoAPI's SHA-256 through a throwaway verify-only provider
    Provider verify;
    Hash hash;
    BYTE digest[32];
    DWORD digestSize = sizeof digest;
    Outcome out;
    if (!CryptAcquireContextW(verify.out(), nullptr, MS_ENH_RSA_AES_PROV_W, PROV_RSA_AES, CRYPT_VERIFYCONTEXT) ||
        !CryptCreateHash(verify.get(), CALG_SHA_256, 0, 0, hash.out()) ||
        !CryptHashData(hash.get(), data.data(), static_cast<DWORD>(data.size()), 0) ||
        !CryptGetHashParam(hash.get(), HP_HASHVAL, digest, &digestSize, 0)) {
        out = failed(Failure::Other, "SHA-256 unavailable");
    } else {
        DWORD size = 0;
        const auto key = static_cast<NCRYPT_KEY_HANDLE>(handle);
        if (NCryptSignHash(key, &padding, digest, digestSize, nullptr, 0, &size, BCRYPT_PAD_PKCS1) != ERROR_SUCCESS) {
            out = failed(Failure::KeyUnusable, messageOf(Failure::KeyUnusable));
        } else {
            out.data.resize(size);
            if (NCryptSignHash(key, &padding, digest, digestSize, out.data.data(), size, &size, BCRYPT_PAD_PKCS1) !=
                ERROR_SUCCESS) {
                out = failed(Failure::KeyUnusable, messageOf(Failure::KeyUnusable));
            }
        }
    }
    if (mustFree) {
        NCryptFreeObject(handle);
    }
    return out;
}

} // namespace

namespace detail {

bool keyInfo(const CERT_CONTEXT* context, KeyInfo& info)
{
    DWORD size = 0;
    if (!CertGetCertificateContextProperty(context, CERT_KEY_PROV_INFO_PROP_ID, nullptr, &size)) {
        return false;
    }
    std::vector<BYTE> buffer(size);
    auto* prov = reinterpret_cast<CRYPT_KEY_PROV_INFO*>(buffer.data());
    if (!CertGetCertificateContextProperty(context, CERT_KEY_PROV_INFO_PROP_ID, prov, &size)) {
        return false;
    }
    info.container = prov->pwszContainerName ? prov->pwszContainerName : L"";
    info.provider = prov->pwszProvName ? prov->pwszProvName : L"";
    info.providerType = prov->dwProvType;
    info.flags = prov->dwFlags;
    info.keySpec = prov->dwKeySpec;
    return true;
}

Failure deleteWithKey(Context context, const std::wstring& keep)
{
    KeyInfo info;
    const bool withKey = keyInfo(context.get(), info) && (keep.empty() || info.container != keep);
    if (!CertDeleteCertificateFromStore(context.release())) { // frees the context
        return failureOf(GetLastError());
    }
    if (withKey && info.providerType != 0) {
        HCRYPTPROV ignored = 0;
        CryptAcquireContextW(&ignored, info.container.c_str(), info.provider.empty() ? nullptr : info.provider.c_str(),
                             info.providerType, CRYPT_DELETEKEYSET | (info.flags & CRYPT_MACHINE_KEYSET));
    } else if (withKey) {
        NCRYPT_PROV_HANDLE provider = 0;
        NCRYPT_KEY_HANDLE key = 0;
        if (NCryptOpenStorageProvider(&provider, info.provider.c_str(), 0) == ERROR_SUCCESS) {
            if (NCryptOpenKey(provider, &key, info.container.c_str(), 0, 0) == ERROR_SUCCESS) {
                NCryptDeleteKey(key, 0);
            }
            NCryptFreeObject(provider);
        }
    }
    return Failure::None;
}

} // namespace detail

Outcome sign(const std::string& thumbprintHex, const std::vector<std::uint8_t>& data)
{
    Store my = openUserStore(L"MY");
    Context context = my ? findByThumbprint(my.get(), thumbprintHex) : Context();
    if (!context) {
        return failed(Failure::NotFound, messageOf(Failure::NotFound));
    }
    KeyInfo info;
    if (!keyInfo(context.get(), info)) {
        return failed(Failure::KeyUnusable, messageOf(Failure::KeyUnusable));
    }
    if (info.providerType == 0) {
        return signWithNcrypt(context.get(), data); // a CNG key storage provider
    }
    Provider provider;
    if (!openAesProvider(info, provider)) {
        return failed(Failure::KeyUnusable, messageOf(Failure::KeyUnusable));
    }
    for (DWORD spec : keySpecsToTry(info)) {
        Hash hash;
        DWORD size = 0;
        if (!CryptCreateHash(provider.get(), CALG_SHA_256, 0, 0, hash.out()) ||
            !CryptHashData(hash.get(), data.data(), static_cast<DWORD>(data.size()), 0) ||
            !CryptSignHashW(hash.get(), spec, nullptr, 0, nullptr, &size)) {
            continue;
        }
        Outcome out;
        out.data.resize(size);
        if (!CryptSignHashW(hash.get(), spec, nullptr, 0, out.data.data(), &size)) {
            continue;
        }
        out.data.resize(size);
        std::reverse(out.data.begin(), out.data.end()); // CryptoAPI is little-endian
        out.certificate = describe(context.get());
        return out;
    }
    return failed(Failure::KeyUnusable, messageOf(Failure::KeyUnusable));
}

bool keyExportable(const std::string& thumbprintHex)
{
    Store my = openUserStore(L"MY");
    Context context = my ? findByThumbprint(my.get(), thumbprintHex) : Context();
    KeyInfo info;
    if (!context || !keyInfo(context.get(), info) || info.providerType == 0) {
        return false;
    }
    Provider provider;
    if (!openAesProvider(info, provider)) {
        return false;
    }
    for (DWORD spec : keySpecsToTry(info)) {
        Key key;
        DWORD size = 0;
        if (CryptGetUserKey(provider.get(), spec, key.out()) &&
            CryptExportKey(key.get(), 0, PRIVATEKEYBLOB, 0, nullptr, &size)) {
            return true;
        }
    }
    return false;
}

} // namespace enroll::winstore
