#include "WindowsCertStore.h"

#include <windows.h>
#include <wincrypt.h>
#include <ncrypt.h>

#include <algorithm>
#include <memory>

namespace enroll::winstore {
namespace {

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

Outcome failed(Failure failure, std::string message)
{
    Outcome o;
    o.failure = failure;
    o.message = std::move(message);
    return o;
}

std::string hex(const BYTE* data, DWORD size)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (DWORD i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

std::vector<BYTE> unhex(const std::string& text)
{
    std::vector<BYTE> out;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string digits;
    for (char c : text) {
        if (value(c) >= 0) {
            digits += c;
        }
    }
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2) {
        out.push_back(static_cast<BYTE>(value(digits[i]) * 16 + value(digits[i + 1])));
    }
    return out;
}

std::string utf8(const std::wstring& text)
{
    if (text.empty()) {
        return {};
    }
    const int size = WideCharToMultiByte(CP_UTF8, 0, text.c_str(), static_cast<int>(text.size()), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(size), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text.c_str(), static_cast<int>(text.size()), out.data(), size, nullptr, nullptr);
    return out;
}

std::string commonName(const CERT_CONTEXT* context, bool issuer)
{
    wchar_t name[512] = {};
    CertGetNameStringW(context, CERT_NAME_ATTR_TYPE, issuer ? CERT_NAME_ISSUER_FLAG : 0,
                       const_cast<char*>(szOID_COMMON_NAME), name, 512);
    return utf8(name);
}

std::int64_t unixTime(const FILETIME& time)
{
    ULARGE_INTEGER value;
    value.LowPart = time.dwLowDateTime;
    value.HighPart = time.dwHighDateTime;
    return static_cast<std::int64_t>(value.QuadPart / 10000000ULL) - 11644473600LL;
}

std::string thumbprint(const CERT_CONTEXT* context)
{
    BYTE hash[20];
    DWORD size = sizeof hash;
    if (!CertGetCertificateContextProperty(context, CERT_SHA1_HASH_PROP_ID, hash, &size)) {
        return {};
    }
    return hex(hash, size);
}

std::string serial(const CERT_CONTEXT* context)
{
    // little-endian in CryptoAPI; printed big-endian without leading zero bytes, like OpenSSL
    const auto& blob = context->pCertInfo->SerialNumber;
    std::vector<BYTE> bytes(blob.pbData, blob.pbData + blob.cbData);
    std::reverse(bytes.begin(), bytes.end());
    std::size_t first = 0;
    while (first + 1 < bytes.size() && bytes[first] == 0) {
        ++first;
    }
    return hex(bytes.data() + first, static_cast<DWORD>(bytes.size() - first));
}

bool hasPrivateKey(const CERT_CONTEXT* context)
{
    DWORD size = 0;
    return CertGetCertificateContextProperty(context, CERT_KEY_PROV_INFO_PROP_ID, nullptr, &size) != FALSE;
}

// basicConstraints cA=TRUE: the bank's issuing CA (its EKU names clientAuth too) is no user's
// certificate, whatever store or key property it comes with.
bool isCertificateAuthority(const CERT_CONTEXT* context)
{
    const CERT_EXTENSION* extension = CertFindExtension(szOID_BASIC_CONSTRAINTS2, context->pCertInfo->cExtension,
                                                        context->pCertInfo->rgExtension);
    if (extension == nullptr) {
        return false;
    }
    CERT_BASIC_CONSTRAINTS2_INFO info{};
    DWORD size = sizeof info;
    return CryptDecodeObjectEx(X509_ASN_ENCODING, X509_BASIC_CONSTRAINTS2, extension->Value.pbData,
                               extension->Value.cbData, 0, nullptr, &info, &size) &&
           info.fCA;
}

// A user's client certificate: extendedKeyUsage clientAuth, and not a CA.
bool forClientAuthentication(const CERT_CONTEXT* context)
{
    if (isCertificateAuthority(context)) {
        return false;
    }
    DWORD size = 0;
    if (!CertGetEnhancedKeyUsage(context, CERT_FIND_EXT_ONLY_ENHKEY_USAGE_FLAG, nullptr, &size)) {
        return false;
    }
    std::vector<BYTE> buffer(size);
    auto* usage = reinterpret_cast<CERT_ENHKEY_USAGE*>(buffer.data());
    if (!CertGetEnhancedKeyUsage(context, CERT_FIND_EXT_ONLY_ENHKEY_USAGE_FLAG, usage, &size)) {
        return false;
    }
    for (DWORD i = 0; i < usage->cUsageIdentifier; ++i) {
        if (std::string(usage->rgpszUsageIdentifier[i]) == szOID_PKIX_KP_CLIENT_AUTH) {
            return true;
        }
    }
    return false;
}

Certificate describe(const CERT_CONTEXT* context)
{
    return Certificate{thumbprint(context),
                       serial(context),
                       commonName(context, false),
                       commonName(context, true),
                       unixTime(context->pCertInfo->NotBefore),
                       unixTime(context->pCertInfo->NotAfter),
                       hasPrivateKey(context)};
}

Store openUserStore(const wchar_t* name)
{
    return Store(CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, name));
}

// A delete reaches the disk only after a commit (harmless on Windows, needed under Wine).
void commit(void* store)
{
    CertControlStore(store, 0, CERT_STORE_CTRL_COMMIT, nullptr);
}

Context findByThumbprint(void* store, const std::string& thumbprintHex)
{
    auto hash = unhex(thumbprintHex);
    if (hash.size() != 20) {
        return Context();
    }
    CRYPT_HASH_BLOB blob{static_cast<DWORD>(hash.size()), hash.data()};
    return Context(CertFindCertificateInStore(store, X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, 0, CERT_FIND_SHA1_HASH,
                                              &blob, nullptr));
}

Failure failureOf(DWORD error)
{
    switch (error) {
    case ERROR_INVALID_PASSWORD:
    case static_cast<DWORD>(NTE_BAD_DATA):
        return Failure::WrongPassword;
    case ERROR_ACCESS_DENIED:
    case static_cast<DWORD>(E_ACCESSDENIED):
    case static_cast<DWORD>(NTE_PERM):
        return Failure::AccessDenied;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
    case static_cast<DWORD>(NTE_NO_MEMORY):
        return Failure::StoreFull;
    default:
        return Failure::Other;
    }
}

std::string messageOf(Failure failure)
{
    switch (failure) {
    case Failure::WrongPassword:
        return "the PKCS#12 password is wrong";
    case Failure::Corrupt:
        return "the file is not a usable PKCS#12 (damaged or without a private key)";
    case Failure::AccessDenied:
        return "Windows denied access to the certificate store";
    case Failure::StoreFull:
        return "the certificate store or disk is full";
    case Failure::NotFound:
        return "no such certificate in the current user's personal store";
    case Failure::KeyUnusable:
        return "the private key of the certificate cannot be used";
    case Failure::Other:
        return "the certificate store reported an error";
    case Failure::None:
        break;
    }
    return {};
}

struct KeyInfo
{
    std::wstring container;
    std::wstring provider;
    DWORD providerType = 0;
    DWORD flags = 0;
    DWORD keySpec = 0;
};

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

// Deletes `context` (owned) from its store and its private key container, unless that container
// is `keep` (Wine reuses one container per user: the new certificate's key must survive).
Failure deleteWithKey(Context context, const std::wstring& keep = {})
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

} // namespace

std::vector<std::uint8_t> certificateDer(const std::vector<std::uint8_t>& pemOrDer)
{
    std::vector<std::uint8_t> der;
    const std::string head(pemOrDer.begin(), pemOrDer.begin() + std::min<std::size_t>(pemOrDer.size(), 11));
    if (head == "-----BEGIN ") {
        DWORD size = 0;
        const auto* text = reinterpret_cast<const char*>(pemOrDer.data());
        if (!CryptStringToBinaryA(text, static_cast<DWORD>(pemOrDer.size()), CRYPT_STRING_BASE64HEADER, nullptr, &size,
                                  nullptr, nullptr)) {
            return {};
        }
        der.resize(size);
        if (!CryptStringToBinaryA(text, static_cast<DWORD>(pemOrDer.size()), CRYPT_STRING_BASE64HEADER, der.data(),
                                  &size, nullptr, nullptr)) {
            return {};
        }
        der.resize(size);
    } else {
        der = pemOrDer;
    }
    Context check(CertCreateCertificateContext(X509_ASN_ENCODING, der.data(), static_cast<DWORD>(der.size())));
    return check ? der : std::vector<std::uint8_t>();
}

Outcome importPkcs12(const std::vector<std::uint8_t>& pkcs12, std::wstring& password,
                     const std::vector<std::vector<std::uint8_t>>& caCertificatesDer, const ImportOptions& options)
{
    CRYPT_DATA_BLOB blob{static_cast<DWORD>(pkcs12.size()), const_cast<BYTE*>(pkcs12.data())};
    const bool looksLikePfx = !pkcs12.empty() && PFXIsPFXBlob(&blob);
    SetLastError(0);
    Store imported(looksLikePfx ? PFXImportCertStore(&blob, password.c_str(),
                                                     CRYPT_USER_KEYSET | (options.exportable ? CRYPT_EXPORTABLE : 0))
                                : nullptr);
    const DWORD error = GetLastError();
    SecureZeroMemory(password.data(), password.size() * sizeof(wchar_t));
    password.clear();
    if (!imported) {
        // Wine leaves the error at 0 for a wrong password: a well-formed PFX that fails is that.
        const Failure failure = !looksLikePfx ? Failure::Corrupt : (error == 0 ? Failure::WrongPassword : failureOf(error));
        return failed(failure == Failure::Other ? Failure::Corrupt : failure, messageOf(failure == Failure::Other ? Failure::Corrupt : failure));
    }

    Context endEntity;
    std::vector<Context> authorities;
    // (Wine sets the key's property on every certificate of the PFX: the end entity is the one
    // that is no CA)
    for (const CERT_CONTEXT* c = nullptr; (c = CertEnumCertificatesInStore(imported.get(), c)) != nullptr;) {
        if (hasPrivateKey(c) && !isCertificateAuthority(c) && !endEntity) {
            endEntity.reset(CertDuplicateCertificateContext(c));
        } else {
            authorities.emplace_back(CertDuplicateCertificateContext(c));
        }
    }
    if (!endEntity) {
        return failed(Failure::Corrupt, messageOf(Failure::Corrupt));
    }

    Store my = openUserStore(L"MY");
    Store ca = openUserStore(L"CA"); // the intermediate store; never "Root"
    if (!my || !ca) {
        return failed(failureOf(GetLastError()) == Failure::Other ? Failure::AccessDenied : failureOf(GetLastError()),
                      messageOf(Failure::AccessDenied));
    }
    const CERT_CONTEXT* addedRaw = nullptr;
    if (!CertAddCertificateContextToStore(my.get(), endEntity.get(), CERT_STORE_ADD_REPLACE_EXISTING, &addedRaw)) {
        const auto failure = failureOf(GetLastError());
        return failed(failure, messageOf(failure));
    }
    Context added(addedRaw);
    // Wine gives only the end-entity out of a PFX: the CA comes separately, and from the PFX on Windows.
    bool caOk = true;
    for (const auto& der : caCertificatesDer) {
        caOk = CertAddEncodedCertificateToStore(ca.get(), X509_ASN_ENCODING, der.data(), static_cast<DWORD>(der.size()),
                                                CERT_STORE_ADD_USE_EXISTING, nullptr) &&
               caOk;
    }
    for (const auto& authority : authorities) {
        caOk = CertAddCertificateContextToStore(ca.get(), authority.get(), CERT_STORE_ADD_USE_EXISTING, nullptr) && caOk;
    }
    const auto result = describe(added.get());
    if (!caOk) {
        const auto failure = failureOf(GetLastError());
        (void)remove(result.thumbprint);
        return failed(failure, messageOf(failure));
    }
    // renewal: the older certificates of the same user from the same issuer go, through this same
    // store handle (a second handle's delete would be undone by this one's commit under Wine)
    std::vector<Context> older;
    for (const CERT_CONTEXT* c = nullptr; (c = CertEnumCertificatesInStore(my.get(), c)) != nullptr;) {
        if (forClientAuthentication(c) && commonName(c, false) == result.subjectCn &&
            commonName(c, true) == result.issuerCn && thumbprint(c) != result.thumbprint) {
            older.emplace_back(CertDuplicateCertificateContext(c));
        }
    }
    KeyInfo newKey;
    keyInfo(added.get(), newKey);
    for (auto& c : older) {
        (void)deleteWithKey(std::move(c), newKey.container);
    }
    commit(my.get());
    commit(ca.get());
    Outcome out;
    out.certificate = result;
    return out;
}

std::vector<Certificate> find(const std::string& issuerCn)
{
    std::vector<Certificate> found;
    Store my = openUserStore(L"MY");
    if (!my) {
        return found;
    }
    for (const CERT_CONTEXT* c = nullptr; (c = CertEnumCertificatesInStore(my.get(), c)) != nullptr;) {
        if (!forClientAuthentication(c)) {
            continue;
        }
        auto certificate = describe(c);
        if (issuerCn.empty() || certificate.issuerCn == issuerCn) {
            found.push_back(std::move(certificate));
        }
    }
    return found;
}

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

Outcome remove(const std::string& thumbprintHex)
{
    Store my = openUserStore(L"MY");
    Context context = my ? findByThumbprint(my.get(), thumbprintHex) : Context();
    if (!context) {
        return failed(Failure::NotFound, messageOf(Failure::NotFound));
    }
    const auto described = describe(context.get());
    if (const auto failure = deleteWithKey(std::move(context)); failure != Failure::None) {
        return failed(failure, messageOf(failure));
    }
    commit(my.get());
    Outcome out;
    out.certificate = described;
    return out;
}

} // namespace enroll::winstore
