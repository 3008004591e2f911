// Test builds only (CMake ENROLL_TEST_HOOKS, the enroll-server-test program; config
// `test.clockFile`): the system time plus the whole number of seconds written in a file, re-read on
// every call, so a black-box test can move the running server's time. Never in a package.
#pragma once

#include "service/Clock.h"

#include <string>

namespace enroll::server {

class FileOffsetClock final : public Clock
{
public:
    explicit FileOffsetClock(std::string path) : path_(std::move(path)) {}
    [[nodiscard]] Instant now() const override;

private:
    std::string path_;
};

} // namespace enroll::server
