#include "http/PeerUserCheck.h"

#include <Poco/Logger.h>

#include <sys/socket.h>

namespace enroll::server {

PeerUserCheck::PeerUserCheck(long uid, std::function<void(long, long)> foreign) : uid_(uid), foreign_(std::move(foreign)) {}

bool PeerUserCheck::allows(int fd)
{
    if (uid_ < 0) {
        return true;
    }
    ucred peer{};
    socklen_t size = sizeof peer;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &size) == 0 && static_cast<long>(peer.uid) == uid_) {
        return true;
    }
    const long uid = size == sizeof peer ? static_cast<long>(peer.uid) : -1;
    const auto now = std::chrono::steady_clock::now();
    {
        const std::lock_guard lock(mutex_);
        auto& told = toldAt_[uid];
        if (told != std::chrono::steady_clock::time_point{} && now - told < std::chrono::minutes(1)) {
            return false; // said a moment ago
        }
        told = now;
        if (toldAt_.size() > 1024) {
            toldAt_.clear();
        }
    }
    Poco::Logger::get("http").warning("forwarded listener: a process of uid %ld (pid %ld) connected, not the front's user: closed",
                                      uid, static_cast<long>(peer.pid));
    if (foreign_) {
        foreign_(static_cast<long>(peer.pid), uid);
    }
    return false;
}

} // namespace enroll::server
