// What the metrics listener shows beyond the counters the transport and the audit log feed
// (docs/operations.md, "Monitoring"): gauges read at each scrape — open connections, database
// connections in use, certificates valid and expiring, days left on the issuing CA, the TLS
// certificate and the OCSP signer, the audit chain's length and its last anchor — and the mail
// outcomes (counted; a failure also audited as mail.failure for the daily report).
#pragma once

#include "ca/CertificateAuthority.h"
#include "ca/OcspResponder.h"
#include "mail/ObservedMailer.h"
#include "metrics/ServerMetrics.h"
#include "service/AuditAnchors.h"
#include "service/Clock.h"
#include "store/Store.h"

#include <functional>
#include <optional>

namespace enroll::server {

struct MonitoredParts
{
    Store& store;
    const Clock& clock; // the server's clock: days left are counted as the server counts validity
    const CertificateAuthority& ca;
    const OcspResponder& ocsp;
    std::optional<Instant> tlsNotAfter; // the embedded listener's certificate, when it has one
    const AuditAnchors& anchors;
    int anchorIntervalSeconds = 0;
    // Open connections per listener ("direct": the TLS and revocation ports, "forwarded": nginx's).
    std::function<int()> directConnections;
    std::function<int()> forwardedConnections;
};

// The end of the first certificate in a PEM file; nothing when there is none (no path, unreadable).
std::optional<Instant> certificateFileNotAfter(const std::filesystem::path& file);

// Registers the gauges; `parts` must outlive every scrape.
void addGauges(metrics::ServerMetrics& metrics, const MonitoredParts& parts);

// The mail observer: counts each outcome, and audits a failure as mail.failure (its kind).
ObservedMailer::Observer mailOutcomes(metrics::ServerMetrics* metrics, Store& store, const Clock& clock);

} // namespace enroll::server
