// generateTokenKeyPair (Pkcs11Token.h): the raw PKCS#11 interface of the token's module, so that
// every attribute of the new key pair is stated, not left to the module's defaults.
#include "ca/Pkcs11Token.h"

#include <p11-kit/pkcs11.h>

#include <openssl/crypto.h>

#include <dlfcn.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace enroll::server {
namespace {

struct RawModule
{
    void* handle = nullptr;
    CK_FUNCTION_LIST_PTR f = nullptr;
    bool initialized = false;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;

    explicit RawModule(const std::string& path)
    {
        handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        auto* getList = handle != nullptr ? reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle, "C_GetFunctionList"))
                                          : nullptr;
        if (getList == nullptr || getList(&f) != CKR_OK) {
            close();
            throw std::runtime_error("the PKCS#11 module " + path + " does not load");
        }
        const auto rv = f->C_Initialize(nullptr);
        if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            close();
            throw std::runtime_error("the PKCS#11 module " + path + " does not initialize");
        }
        initialized = rv == CKR_OK;
    }
    RawModule(const RawModule&) = delete;
    RawModule& operator=(const RawModule&) = delete;
    ~RawModule() { close(); }

    void close()
    {
        if (f != nullptr && session != CK_INVALID_HANDLE) {
            f->C_Logout(session);
            f->C_CloseSession(session);
            session = CK_INVALID_HANDLE;
        }
        if (f != nullptr && initialized) {
            f->C_Finalize(nullptr);
            initialized = false;
        }
        if (handle != nullptr) {
            ::dlclose(handle);
            handle = nullptr;
        }
    }
};

std::string tokenLabel(const CK_TOKEN_INFO& info)
{
    std::string label(reinterpret_cast<const char*>(info.label), sizeof info.label);
    label.erase(label.find_last_not_of(' ') + 1);
    return label;
}

} // namespace

void generateTokenKeyPair(const Pkcs11Uri& uri, const std::string& pin, unsigned bits)
{
    RawModule module(uri.modulePath);
    auto* f = module.f;
    CK_ULONG count = 0;
    if (f->C_GetSlotList(CK_TRUE, nullptr, &count) != CKR_OK) {
        throw std::runtime_error("the PKCS#11 module " + uri.modulePath + " lists no slots");
    }
    std::vector<CK_SLOT_ID> slots(count);
    if (count == 0 || f->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK) {
        throw std::runtime_error("no token labelled '" + uri.token + "' in " + uri.modulePath);
    }
    const auto slot = std::find_if(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(count), [&](CK_SLOT_ID id) {
        CK_TOKEN_INFO info{};
        return f->C_GetTokenInfo(id, &info) == CKR_OK && tokenLabel(info) == uri.token;
    });
    if (slot == slots.begin() + static_cast<std::ptrdiff_t>(count)) {
        throw std::runtime_error("no token labelled '" + uri.token + "' in " + uri.modulePath);
    }
    if (f->C_OpenSession(*slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &module.session) != CKR_OK) {
        throw std::runtime_error("token '" + uri.token + "' opens no session");
    }
    std::string pinCopy = pin;
    const auto login = f->C_Login(module.session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pinCopy.data()),
                                  static_cast<CK_ULONG>(pinCopy.size()));
    OPENSSL_cleanse(pinCopy.data(), pinCopy.size());
    if (login != CKR_OK && login != CKR_USER_ALREADY_LOGGED_IN) {
        throw std::runtime_error("token '" + uri.token + "' refused the PIN" +
                                 (login == CKR_PIN_INCORRECT ? std::string(": PIN incorrect") : std::string()));
    }

    std::string label = uri.object;
    std::string id = uri.id.empty() ? uri.object : uri.id;
    CK_OBJECT_CLASS privateClass = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE search[] = {{CKA_CLASS, &privateClass, sizeof privateClass}, {CKA_LABEL, label.data(), label.size()}};
    CK_OBJECT_HANDLE found = CK_INVALID_HANDLE;
    CK_ULONG foundCount = 0;
    if (f->C_FindObjectsInit(module.session, search, 2) != CKR_OK ||
        f->C_FindObjects(module.session, &found, 1, &foundCount) != CKR_OK) {
        throw std::runtime_error("the keys of token '" + uri.token + "' cannot be listed");
    }
    f->C_FindObjectsFinal(module.session);
    if (foundCount != 0) {
        throw std::runtime_error("token '" + uri.token + "' holds a key '" + uri.object + "' already: nothing is replaced");
    }

    CK_BBOOL yes = CK_TRUE;
    CK_BBOOL no = CK_FALSE;
    CK_ULONG modulusBits = bits;
    CK_BYTE exponent[] = {0x01, 0x00, 0x01};
    CK_ATTRIBUTE publicTemplate[] = {
        {CKA_TOKEN, &yes, sizeof yes},          {CKA_VERIFY, &yes, sizeof yes},
        {CKA_ENCRYPT, &no, sizeof no},          {CKA_WRAP, &no, sizeof no},
        {CKA_MODULUS_BITS, &modulusBits, sizeof modulusBits},
        {CKA_PUBLIC_EXPONENT, exponent, sizeof exponent},
        {CKA_LABEL, label.data(), label.size()}, {CKA_ID, id.data(), id.size()},
    };
    CK_ATTRIBUTE privateTemplate[] = {
        {CKA_TOKEN, &yes, sizeof yes},     {CKA_PRIVATE, &yes, sizeof yes},
        {CKA_SENSITIVE, &yes, sizeof yes}, {CKA_EXTRACTABLE, &no, sizeof no},
        {CKA_SIGN, &yes, sizeof yes},      {CKA_DECRYPT, &no, sizeof no},
        {CKA_UNWRAP, &no, sizeof no},      {CKA_LABEL, label.data(), label.size()},
        {CKA_ID, id.data(), id.size()},
    };
    CK_MECHANISM mechanism{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
    CK_OBJECT_HANDLE publicKey = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE privateKey = CK_INVALID_HANDLE;
    const auto made = f->C_GenerateKeyPair(module.session, &mechanism, publicTemplate, std::size(publicTemplate),
                                           privateTemplate, std::size(privateTemplate), &publicKey, &privateKey);
    if (made != CKR_OK) {
        throw std::runtime_error("token '" + uri.token + "' made no RSA " + std::to_string(bits) +
                                 " key pair (PKCS#11 error " + std::to_string(made) + ")");
    }
}

} // namespace enroll::server
