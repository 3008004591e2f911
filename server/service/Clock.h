// Time as the services see it: injected, so tests can move it (STYLE.md, "Time").
#pragma once

#include "enroll/CertificateValidity.h"
#include "store/Records.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace enroll::server {

// A code, token or lock that lasts `lifetime` is in force at `now` only when it ends after now
// and no later than now + lifetime (now inside [end - lifetime, end)): when the clock steps back
// (NTP, a restored VM), nothing lives longer than its rule; when it steps forward, it ends early.
// The one place of that rule: the store's claims (a code attempt, a registration token) take
// these ends as they are.
inline LiveEnds liveEnds(Instant now, std::chrono::seconds lifetime)
{
    return {now, now + lifetime};
}

inline bool inForce(Instant now, Instant expiresAt, std::chrono::seconds lifetime)
{
    const auto live = liveEnds(now, lifetime);
    return live.after < expiresAt && expiresAt <= live.atMost;
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
