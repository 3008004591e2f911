#include "metrics/ServerMetrics.h"

namespace enroll::server::metrics {

ServerMetrics::ServerMetrics()
    : requestSeconds_(registry_.histogram("enroll_http_request_duration_seconds",
                                          "Time from a request read to its answer, by route.", {"route"},
                                          {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10})),
      responses_(registry_.counter("enroll_http_responses_total", "Answers by route and status class (2xx, 4xx, 5xx…).",
                                   {"route", "status_class"}))
{
}

void ServerMetrics::request(const std::string& route, int status, double seconds)
{
    requestSeconds_.with({route}).observe(seconds);
    const std::string statusClass = status >= 100 && status < 600 ? std::to_string(status / 100) + "xx" : std::string("other");
    responses_.with({route, statusClass}).add();
}

} // namespace enroll::server::metrics
