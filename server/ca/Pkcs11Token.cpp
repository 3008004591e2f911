#include "ca/Pkcs11Token.h"

#include <libp11.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <algorithm>
#include <list>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

namespace enroll::server {
namespace {

using Clock = std::chrono::steady_clock;

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percentDecoded(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        const int high = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
        const int low = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
        if (high < 0 || low < 0) {
            throw std::invalid_argument("the PKCS#11 URI has a bad %-escape");
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

// "a=1;b=2" (separated by `separator`) into `into`, each value percent-decoded.
void attributes(std::string_view part, char separator, std::map<std::string, std::string>& into)
{
    while (!part.empty()) {
        const auto end = part.find(separator);
        const auto item = part.substr(0, end);
        const auto equals = item.find('=');
        if (equals == std::string_view::npos || equals == 0) {
            throw std::invalid_argument("the PKCS#11 URI has an attribute without a value: " + std::string(item));
        }
        into[std::string(item.substr(0, equals))] = percentDecoded(item.substr(equals + 1));
        part = end == std::string_view::npos ? std::string_view() : part.substr(end + 1);
    }
}

std::string describe(const Pkcs11Uri& uri)
{
    return "key '" + uri.object + "' in token '" + uri.token + "'";
}

// OpenSSL's (and libp11's) last reason, for the operator's line; clears the queue.
std::string reason()
{
    const auto code = ERR_peek_last_error();
    const char* text = code != 0 ? ERR_reason_error_string(code) : nullptr;
    ERR_clear_error();
    return text != nullptr ? text : "no reason given";
}

// A registered key of a module: what finds it again after the module is reloaded.
struct KeySlot
{
    Pkcs11Uri uri;
    std::string pin;
    EVP_PKEY* pkey = nullptr; // the module's, valid until it is disconnected
};

// One loaded module, shared by its keys. Signing holds the lock shared; reloading holds it alone,
// so no signature is under way while the module is finalized.
class Pkcs11Module
{
public:
    Pkcs11Module(std::string path, std::chrono::milliseconds retry) : path_(std::move(path)), retry_(retry) {}
    Pkcs11Module(const Pkcs11Module&) = delete;
    Pkcs11Module& operator=(const Pkcs11Module&) = delete;
    ~Pkcs11Module()
    {
        const std::unique_lock lock(mutex_);
        disconnect();
    }

    // Loads the key now; throws std::runtime_error (one line) when it cannot.
    void add(KeySlot& key)
    {
        const std::unique_lock lock(mutex_);
        if (ctx_ == nullptr) {
            connect();
        }
        load(key);
        keys_.push_back(&key);
    }

    void remove(KeySlot& key)
    {
        const std::unique_lock lock(mutex_);
        keys_.remove(&key);
        if (key.pkey != nullptr) {
            EVP_PKEY_free(key.pkey);
            key.pkey = nullptr;
        }
    }

    bool sign(KeySlot& key, const std::function<bool(EVP_PKEY*)>& operation)
    {
        std::uint64_t seen = 0;
        {
            const std::shared_lock lock(mutex_);
            seen = generation_;
            if (!down_ && key.pkey != nullptr && operation(key.pkey)) {
                return true;
            }
        }
        {
            const std::unique_lock lock(mutex_);
            if (generation_ == seen) { // nobody has reloaded since this signature failed
                if (down_ && Clock::now() < nextAttempt_) {
                    return false; // the token was not back a moment ago: no module call now
                }
                reconnect();
            }
        }
        const std::shared_lock lock(mutex_);
        return !down_ && key.pkey != nullptr && operation(key.pkey);
    }

    [[nodiscard]] bool matches(KeySlot& key, X509* cert)
    {
        const std::shared_lock lock(mutex_);
        const bool match = key.pkey != nullptr && X509_check_private_key(cert, key.pkey) == 1;
        ERR_clear_error();
        return match;
    }

private:
    void connect()
    {
        ctx_ = PKCS11_CTX_new();
        if (ctx_ == nullptr) {
            throw std::runtime_error("PKCS#11: out of memory");
        }
        if (PKCS11_CTX_load(ctx_, path_.c_str()) != 0) {
            PKCS11_CTX_free(ctx_);
            ctx_ = nullptr;
            ERR_clear_error();
            throw std::runtime_error("the PKCS#11 module " + path_ + " does not load");
        }
        if (PKCS11_enumerate_slots(ctx_, &slots_, &slotCount_) != 0) {
            slots_ = nullptr;
            slotCount_ = 0;
            const auto why = reason();
            disconnect();
            throw std::runtime_error("the PKCS#11 module " + path_ + " lists no slots: " + why);
        }
    }

    void load(KeySlot& key)
    {
        PKCS11_SLOT* slot = nullptr;
        for (unsigned i = 0; i < slotCount_; ++i) {
            if (slots_[i].token != nullptr && slots_[i].token->label != nullptr && key.uri.token == slots_[i].token->label) {
                slot = &slots_[i];
                break;
            }
        }
        if (slot == nullptr) {
            throw std::runtime_error("no token labelled '" + key.uri.token + "' in " + path_);
        }
        int loggedIn = 0;
        if (PKCS11_is_logged_in(slot, 0, &loggedIn) != 0 || loggedIn == 0) {
            if (PKCS11_login(slot, 0, key.pin.c_str()) != 0) {
                throw std::runtime_error("token '" + key.uri.token + "' refused the PIN: " + reason());
            }
        }
        PKCS11_KEY* keys = nullptr;
        unsigned count = 0;
        if (PKCS11_enumerate_keys(slot->token, &keys, &count) != 0) {
            throw std::runtime_error("the keys of token '" + key.uri.token + "' cannot be listed: " + reason());
        }
        for (unsigned i = 0; i < count; ++i) {
            const auto& candidate = keys[i];
            const bool labelled = candidate.label != nullptr && key.uri.object == candidate.label;
            const bool identified = key.uri.id.empty() ||
                                    std::string(reinterpret_cast<const char*>(candidate.id), candidate.id_len) == key.uri.id;
            if (candidate.isPrivate != 0 && labelled && identified) {
                key.pkey = PKCS11_get_private_key(&keys[i]);
                if (key.pkey == nullptr) {
                    throw std::runtime_error(describe(key.uri) + " cannot be used: " + reason());
                }
                return;
            }
        }
        throw std::runtime_error("no private " + describe(key.uri) + " (" + path_ + ")");
    }

    void disconnect()
    {
        for (auto* key : keys_) {
            if (key->pkey != nullptr) {
                EVP_PKEY_free(key->pkey);
                key->pkey = nullptr;
            }
        }
        if (slots_ != nullptr) {
            PKCS11_release_all_slots(ctx_, slots_, slotCount_);
            slots_ = nullptr;
            slotCount_ = 0;
        }
        if (ctx_ != nullptr) {
            PKCS11_CTX_unload(ctx_);
            PKCS11_CTX_free(ctx_);
            ctx_ = nullptr;
        }
    }

    // The whole module afresh: a token that was pulled and put back has new handles for
    // everything, and only a new C_Initialize finds it again (measured with SoftHSM2).
    void reconnect()
    {
        ++generation_;
        disconnect();
        try {
            connect();
            for (auto* key : keys_) {
                load(*key);
            }
            down_ = false;
        } catch (const std::exception&) {
            disconnect();
            down_ = true;
            nextAttempt_ = Clock::now() + retry_;
        }
    }

    std::string path_;
    std::chrono::milliseconds retry_;
    std::shared_mutex mutex_;
    PKCS11_CTX* ctx_ = nullptr;
    PKCS11_SLOT* slots_ = nullptr;
    unsigned slotCount_ = 0;
    std::list<KeySlot*> keys_;
    std::uint64_t generation_ = 0;
    bool down_ = false;
    Clock::time_point nextAttempt_{};
};

// One module object per path in this process: two would finalize each other.
std::shared_ptr<Pkcs11Module> moduleFor(const std::string& path, std::chrono::milliseconds retry)
{
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<Pkcs11Module>> modules;
    const std::lock_guard lock(mutex);
    auto& entry = modules[path];
    auto module = entry.lock();
    if (!module) {
        module = std::make_shared<Pkcs11Module>(path, retry);
        entry = module;
    }
    return module;
}

class TokenKey final : public SigningKey
{
public:
    TokenKey(const Pkcs11Uri& uri, std::string pin, std::chrono::milliseconds retry)
        : module_(moduleFor(uri.modulePath, retry))
    {
        slot_.uri = uri;
        slot_.pin = std::move(pin);
        module_->add(slot_);
    }
    TokenKey(const TokenKey&) = delete;
    TokenKey& operator=(const TokenKey&) = delete;
    ~TokenKey() override
    {
        module_->remove(slot_);
        OPENSSL_cleanse(slot_.pin.data(), slot_.pin.size());
    }

    void sign(const std::function<bool(EVP_PKEY*)>& operation) const override
    {
        if (!module_->sign(slot_, operation)) {
            ERR_clear_error();
            throw KeyUnavailable("the token cannot sign with " + describe(slot_.uri) + " now");
        }
    }
    [[nodiscard]] bool matches(X509* cert) const override { return module_->matches(slot_, cert); }
    [[nodiscard]] bool inToken() const override { return true; }
    [[nodiscard]] ossl::Pkey publicKey() const override
    {
        ossl::Pkey half;
        sign([&half](EVP_PKEY* key) {
            half = publicHalf(key);
            return true;
        });
        return half;
    }

private:
    std::shared_ptr<Pkcs11Module> module_;
    mutable KeySlot slot_;
};

} // namespace

Pkcs11Uri parsePkcs11Uri(std::string_view uri)
{
    constexpr std::string_view kScheme = "pkcs11:";
    if (uri.substr(0, kScheme.size()) != kScheme) {
        throw std::invalid_argument("not a pkcs11: URI");
    }
    uri.remove_prefix(kScheme.size());
    const auto question = uri.find('?');
    std::map<std::string, std::string> path;
    std::map<std::string, std::string> query;
    attributes(uri.substr(0, question), ';', path);
    if (question != std::string_view::npos) {
        attributes(uri.substr(question + 1), '&', query);
    }
    if (query.count("pin-value") != 0 || query.count("pin-source") != 0) {
        throw std::invalid_argument("the PKCS#11 URI names a PIN: keep the PIN in the key's secret file, not in the URI");
    }
    Pkcs11Uri parsed;
    for (const auto& [name, value] : path) {
        if (name == "token") {
            parsed.token = value;
        } else if (name == "object") {
            parsed.object = value;
        } else if (name == "id") {
            parsed.id = value;
        } else if (name != "type" || value != "private") {
            throw std::invalid_argument("the PKCS#11 URI has an attribute this server does not use: " + name + "=" + value);
        }
    }
    for (const auto& [name, value] : query) {
        if (name != "module-path") {
            throw std::invalid_argument("the PKCS#11 URI has a query attribute this server does not use: " + name);
        }
        parsed.modulePath = value;
    }
    if (parsed.token.empty() || parsed.object.empty()) {
        throw std::invalid_argument("the PKCS#11 URI needs token= and object=");
    }
    if (parsed.modulePath.empty()) {
        throw std::invalid_argument("the PKCS#11 URI needs ?module-path= (the token's PKCS#11 library)");
    }
    return parsed;
}

std::shared_ptr<SigningKey> openTokenKey(const Pkcs11Uri& uri, std::string pin, std::chrono::milliseconds retry)
{
    return std::make_shared<TokenKey>(uri, std::move(pin), retry);
}

} // namespace enroll::server
