// Who is at the other end of the forwarded listener's socket (docs/operations.md, "The hop is
// bound"): the connecting process's user from the kernel (SO_PEERCRED), against the one nginx's
// workers run as. Another user's connection is refused before anything is read; the log and
// `foreign` hear of it at most once a minute per user, so a flood of connections writes no
// flood of rows.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace enroll::server {

class PeerUserCheck
{
public:
    // `uid` -1: anyone who can open the socket is served (development).
    PeerUserCheck(long uid, std::function<void(long pid, long uid)> foreign);

    // Whether the process connected on `fd` may be served.
    [[nodiscard]] bool allows(int fd);

private:
    long uid_;
    std::function<void(long, long)> foreign_;
    std::mutex mutex_;
    std::unordered_map<long, std::chrono::steady_clock::time_point> toldAt_;
};

} // namespace enroll::server
