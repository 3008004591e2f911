// The audit chain anchored outside the database (issue #26): its head (sequence, link) written to
// the system journal (the server's log; under systemd its standard output goes there) at a fixed
// interval, at start and at shutdown, and mailed to the bank's operators when an address is set.
// Whoever can write the database can rewind the history and re-link it so that `audit verify`
// passes; `enroll-admin audit verify --anchors FILE` checks it against anchors written earlier.
#pragma once

#include "mail/Mailer.h"
#include "service/Clock.h"
#include "store/Store.h"

#include <atomic>
#include <string>

namespace enroll::server {

class AuditAnchors
{
public:
    // `mailTo`: the operators' address (audit.anchorMailTo), empty for none
    AuditAnchors(Store& store, Mailer& mailer, const Clock& clock, std::string mailTo)
        : store_(store), mailer_(mailer), clock_(clock), mailTo_(std::move(mailTo))
    {}
    // Writes the head now; `when` says why ("start", "hourly", "shutdown"). The anchor's line, or
    // empty when the database could not be read (logged; the next round tries again).
    std::string publish(const std::string& when);
    // When the last anchor was written, in Unix seconds of this machine's real clock (what the
    // monitoring compares with its own time); 0 before the first.
    [[nodiscard]] long long lastPublished() const { return lastPublished_.load(); }

private:
    Store& store_;
    Mailer& mailer_;
    const Clock& clock_;
    std::string mailTo_;
    std::atomic<long long> lastPublished_{0};
};

} // namespace enroll::server
