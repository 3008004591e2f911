// Random secrets and their storage form: one-time codes, bearer tokens, public IDs from the
// CSPRNG; only hashes are stored; passwords and initial passwords hashed with Argon2id.
#pragma once

#include "enroll/SecureString.h"
#include "service/ComputeGate.h"

#include <string>
#include <string_view>

namespace enroll::server {

// Six decimal digits, uniformly drawn (rejection sampling, no modulo bias).
SecureString newOneTimeCode();
// 256 random bits, base64url without padding: bearer tokens.
SecureString newToken();
// 128 random bits, base64url: public identifiers such as enrollmentId.
std::string newPublicId();
// Lower-case hex SHA-256: how tokens are looked up in the database.
std::string sha256Hex(std::string_view data);
// HMAC-SHA-256 with the server's secret key, hex: how one-time codes are stored
// (six digits alone would be reversible from a plain hash).
std::string keyedHash(std::string_view key, std::string_view data);
// Constant-time equality of two strings of possibly different length.
bool constantTimeEquals(std::string_view a, std::string_view b);

// Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane) through libsodium. At most
// `maxConcurrent` computations run at once (0: one per core); a caller that cannot start one
// within `maxWait` gets ServiceBusy (the API answers 503 UNAVAILABLE).
// Argon2id's cost. OWASP's minimum is the default and the floor the configuration accepts.
struct PasswordCost
{
    unsigned long long passes = 2;   // argon2.passes
    std::size_t memoryKiB = 19 * 1024; // argon2.memoryKiB
};

class PasswordHasher
{
public:
    // initialises libsodium; throws if it cannot
    explicit PasswordHasher(unsigned maxConcurrent = 0,
                            std::chrono::milliseconds maxWait = std::chrono::milliseconds(2000), PasswordCost cost = {});
    [[nodiscard]] std::string hash(std::string_view password) const;
    [[nodiscard]] bool verify(std::string_view storedHash, std::string_view password) const;
    // Whether a stored hash was made with another algorithm or cost than today's: hashed again at
    // the next right password.
    [[nodiscard]] bool needsRehash(std::string_view storedHash) const;
    // Spends the time of a real verification, so an unknown ID answers like a wrong password.
    void verifyDummy(std::string_view password) const;
    // The wait for a computation slot, in seconds, of every hash and verification (the metrics).
    void setWaitObserver(std::function<void(double)> observer) { gate_.setWaitObserver(std::move(observer)); }

private:
    mutable ComputeGate gate_;
    PasswordCost cost_;
    std::string dummyHash_;
};

} // namespace enroll::server
