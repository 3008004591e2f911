#include "service/Secrets.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

namespace enroll::server {
namespace {


void randomBytes(unsigned char* out, std::size_t size)
{
    if (RAND_bytes(out, static_cast<int>(size)) != 1) {
        throw std::runtime_error("CSPRNG failure");
    }
}

std::string base64url(const unsigned char* data, std::size_t size)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < size; i += 3) {
        const unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (size - i == 1) {
        const unsigned v = data[i] << 16;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
    } else if (size - i == 2) {
        const unsigned v = (data[i] << 16) | (data[i + 1] << 8);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
    }
    return out;
}

std::string hex(const unsigned char* data, std::size_t size)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 15];
    }
    return out;
}

} // namespace

SecureString newOneTimeCode()
{
    // Draw 32-bit values below the largest multiple of 10^6 to avoid modulo bias.
    constexpr std::uint32_t kRange = 1000000;
    constexpr std::uint32_t kLimit = (0xFFFFFFFFu / kRange) * kRange;
    std::uint32_t value = 0;
    do {
        randomBytes(reinterpret_cast<unsigned char*>(&value), sizeof value);
    } while (value >= kLimit);
    std::string digits(6, '0');
    value %= kRange;
    for (int i = 5; i >= 0; --i) {
        digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    SecureString code(std::move(digits));
    return code;
}

SecureString newToken()
{
    std::array<unsigned char, 32> bytes{};
    randomBytes(bytes.data(), bytes.size());
    SecureString token(base64url(bytes.data(), bytes.size()));
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return token;
}

std::string newPublicId()
{
    std::array<unsigned char, 16> bytes{};
    randomBytes(bytes.data(), bytes.size());
    return base64url(bytes.data(), bytes.size());
}

std::string sha256Hex(std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failure");
    }
    return hex(digest.data(), size);
}

std::string keyedHash(std::string_view key, std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &size) == nullptr) {
        throw std::runtime_error("HMAC failure");
    }
    return hex(mac.data(), size);
}

bool constantTimeEquals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

PasswordHasher::PasswordHasher(unsigned maxConcurrent, std::chrono::milliseconds maxWait, PasswordCost cost)
    : gate_(maxConcurrent, maxWait), cost_(cost)
{
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    dummyHash_ = hash("dummy password for unknown IDs");
}

std::string PasswordHasher::hash(std::string_view password) const
{
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const auto slot = gate_.enter();
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost_.passes, cost_.memoryKiB * 1024,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return std::string(out.data());
}

bool PasswordHasher::verify(std::string_view storedHash, std::string_view password) const
{
    const std::string stored(storedHash); // NUL-terminated copy for libsodium
    const auto slot = gate_.enter();
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(std::string_view storedHash) const
{
    const std::string stored(storedHash);
    // 1: other parameters; -1: not an Argon2id string of today's kind at all
    return crypto_pwhash_str_needs_rehash(stored.c_str(), cost_.passes, cost_.memoryKiB * 1024) != 0;
}

void PasswordHasher::verifyDummy(std::string_view password) const
{
    (void)verify(dummyHash_, password);
}

} // namespace enroll::server
