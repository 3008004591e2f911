// Time as the services see it: injected, so tests can move it (STYLE.md, "Time").
#pragma once

#include "enroll/CertificateValidity.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace enroll::server {

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

// Test-only (config `test.clockFile`): the system time plus the whole number of seconds written
// in a file, re-read on every call, so a black-box test can move the running server's time.
class FileOffsetClock final : public Clock
{
public:
    explicit FileOffsetClock(std::string path) : path_(std::move(path)) {}
    [[nodiscard]] Instant now() const override;

private:
    std::string path_;
};

} // namespace enroll::server
