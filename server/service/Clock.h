// Time as the services see it: injected, so tests can move it (STYLE.md, "Time").
#pragma once

#include "enroll/CertificateValidity.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace enroll::server {

// A code, token or lock that ends at `expiresAt` and lasts `lifetime` is in force only inside
// [expiresAt - lifetime, expiresAt): when the clock steps back (NTP, a restored VM), nothing
// lives longer than its rule; when it steps forward, it ends early.
inline bool inForce(Instant now, Instant expiresAt, std::chrono::seconds lifetime)
{
    return now < expiresAt && expiresAt - lifetime <= now;
}

class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual Instant now() const = 0;
};

class SystemClock final : public Clock
{
public:
    [[nodiscard]] Instant now() const override
    {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

} // namespace enroll::server
