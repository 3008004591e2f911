#include "WinStoreDetail.h"

#include <algorithm>

namespace enroll::winstore {
using namespace detail;
namespace {

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

// A delete reaches the disk only after a commit (harmless on Windows, needed under Wine).
void commit(void* store)
{
    CertControlStore(store, 0, CERT_STORE_CTRL_COMMIT, nullptr);
}

} // namespace

namespace detail {

Outcome failed(Failure failure, std::string message)
{
    Outcome o;
    o.failure = failure;
    o.message = std::move(message);
    return o;
}

Certificate describe(const CERT_CONTEXT* context)
{
    return Certificate{thumbprint(context),
                       serial(context),
                       commonName(context, false),
                       commonName(context, true),
                       unixTime(context->pCertInfo->NotBefore),
                       unixTime(context->pCertInfo->NotAfter),
                       hasPrivateKey(context),
                       std::vector<std::uint8_t>(context->pbCertEncoded, context->pbCertEncoded + context->cbCertEncoded)};
}

Store openUserStore(const wchar_t* name)
{
    return Store(CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, name));
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

} // namespace detail

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
