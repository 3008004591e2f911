#include "metrics/ServerMetrics.h"

#include <atomic>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace enroll::server::metrics {

namespace {
std::atomic<std::uint64_t> nextId{1};
} // namespace

ServerMetrics::ServerMetrics()
    : id_(nextId.fetch_add(1)), requestSeconds_(registry_.histogram("enroll_http_request_duration_seconds",
                                          "Time from a request read to its answer, by route.", {"route"},
                                          {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10})),
      responses_(registry_.counter("enroll_http_responses_total", "Answers by route and HTTP status code.", {"route", "code"})),
      events_(registry_.counter("enroll_events_total",
                                "Audit events committed, by the audit log's name (contract.login.failure, user.locked, "
                                "code.sent, cert.issued, …).",
                                {"event"})),
      argon2Wait_(registry_.histogram("enroll_argon2_slot_wait_seconds",
                                      "Wait for an Argon2 computation slot before a password is hashed or checked "
                                      "(past argon2.maxWaitMs the request is answered 503).",
                                      {}, {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5})),
      mails_(registry_.counter("enroll_mails_total", "Mails by template and outcome (sent: handed to the transport).",
                               {"kind", "result"}))
{
    (void)argon2Wait_.with({}); // shown from the start, at zero
}

void ServerMetrics::argon2Wait(double seconds)
{
    argon2Wait_.with({}).observe(seconds);
}

void ServerMetrics::mail(const std::string& kind, bool sent)
{
    mails_.with({kind.empty() ? std::string("other") : kind, sent ? "sent" : "failed"}).add();
}

void ServerMetrics::event(const std::string& name)
{
    events_.with({name}).add();
}

namespace {

// A route's metrics as one thread has met them: its duration histogram and its answers by status.
struct RouteSlots
{
    Histogram* seconds = nullptr;
    std::vector<std::pair<int, Counter*>> statuses;
};

struct TransparentHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

using RouteCache = std::unordered_map<std::string, RouteSlots, TransparentHash, std::equal_to<>>;

} // namespace

void ServerMetrics::request(std::string_view route, int status, double seconds)
{
    // per thread and per registry (the tests make several); a family's children never move, so
    // the pointers stay good for the registry's life
    thread_local std::unordered_map<std::uint64_t, RouteCache> caches;
    auto& cache = caches[id_];
    auto found = cache.find(route);
    if (found == cache.end()) {
        found = cache.emplace(std::string(route), RouteSlots{&requestSeconds_.with({std::string(route)}), {}}).first;
    }
    auto& slots = found->second;
    slots.seconds->observe(seconds);
    for (auto& [code, counter] : slots.statuses) {
        if (code == status) {
            counter->add();
            return;
        }
    }
    auto& counter = responses_.with({std::string(route), status >= 100 && status < 600 ? std::to_string(status) : std::string("other")});
    slots.statuses.emplace_back(status, &counter);
    counter.add();
}

} // namespace enroll::server::metrics
