// The server's own metrics (docs/operations.md, "Monitoring"): what every listener's requests
// took and answered, and the audit log's events as they are committed. Registered once at start; the transport reports into it, the metrics
// listener (metrics.listen) renders it.
#pragma once

#include "metrics/Metrics.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace enroll::server::metrics {

class ServerMetrics
{
public:
    ServerMetrics();

    // One answered request: its route (Router::Route::name, or "unmatched"), status and duration.
    // On the hot path of every request: the metrics a thread has used are found again in a cache
    // of its own, without a lock or an allocation.
    void request(std::string_view route, int status, double seconds);
    // One audit event, committed (Store::setAuditObserver): a login's outcome, a lock, a code
    // sent, a certificate issued… by the audit log's own names (docs/operations.md).
    void event(const std::string& name);
    // The wait for an Argon2 slot (PasswordHasher), in seconds.
    void argon2Wait(double seconds);
    // One mail handed to the transport (`sent`) or not, by its template name (MailMessage::kind).
    void mail(const std::string& kind, bool sent);

    [[nodiscard]] Registry& registry() { return registry_; }
    [[nodiscard]] std::string render() const { return registry_.render(); }

private:
    const std::uint64_t id_; // the key of the threads' caches: never reused, unlike an address
    Registry registry_;
    HistogramFamily& requestSeconds_;
    CounterFamily& responses_;
    CounterFamily& events_;
    HistogramFamily& argon2Wait_;
    CounterFamily& mails_;
};

} // namespace enroll::server::metrics
