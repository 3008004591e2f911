#include "metrics/ServerMetrics.h"

namespace enroll::server::metrics {

ServerMetrics::ServerMetrics()
    : requestSeconds_(registry_.histogram("enroll_http_request_duration_seconds",
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

void ServerMetrics::request(const std::string& route, int status, double seconds)
{
    requestSeconds_.with({route}).observe(seconds);
    responses_.with({route, status >= 100 && status < 600 ? std::to_string(status) : std::string("other")}).add();
}

} // namespace enroll::server::metrics
