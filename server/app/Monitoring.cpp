#include "app/Monitoring.h"

#include <Poco/Logger.h>

#include <chrono>
#include <mutex>

namespace enroll::server {
namespace {

using metrics::GaugeSample;

double secondsBetween(Instant from, Instant to)
{
    return std::chrono::duration<double>(to - from).count();
}

// The certificate counts are a query over every certificate: read at most every few seconds,
// however often (and from however many Prometheus servers) the metrics are scraped.
class CachedCounts
{
public:
    explicit CachedCounts(const MonitoredParts& parts) : parts_(parts) {}

    std::optional<CertificateCounts> get()
    {
        const std::lock_guard lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        if (!counts_ || now - readAt_ > std::chrono::seconds(5)) {
            try {
                counts_ = parts_.store.begin(Store::Mode::Read)->certificateCounts(parts_.clock.now());
                readAt_ = now;
            } catch (const std::exception& e) {
                Poco::Logger::get("metrics").warning("certificate counts not read: %s", std::string(e.what()));
                counts_.reset(); // absent rather than stale: the scrape shows the store is away
            }
        }
        return counts_;
    }

private:
    const MonitoredParts& parts_;
    std::mutex mutex_;
    std::optional<CertificateCounts> counts_;
    std::chrono::steady_clock::time_point readAt_;
};

} // namespace

std::optional<Instant> certificateFileNotAfter(const std::filesystem::path& file)
{
    if (file.empty()) {
        return std::nullopt;
    }
    try {
        const auto cert = ossl::certificateFromPem(readFile(file));
        if (cert) {
            return ossl::instantOf(X509_get0_notAfter(cert.get()));
        }
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

void addGauges(metrics::ServerMetrics& metrics, const MonitoredParts& parts)
{
    auto& registry = metrics.registry();
    registry.gauge("enroll_open_connections", "Client connections open now, by listener.", {"listener"}, [&parts] {
        std::vector<GaugeSample> samples{{{"direct"}, static_cast<double>(parts.directConnections())}};
        if (parts.forwardedConnections) {
            samples.push_back({{"forwarded"}, static_cast<double>(parts.forwardedConnections())});
        }
        return samples;
    });
    registry.gauge("enroll_db_connections", "Database connections of this server: in use now, and at most.", {"state"},
                   [&parts] {
                       const auto pool = parts.store.poolStats();
                       return std::vector<GaugeSample>{{{"in_use"}, static_cast<double>(pool.inUse)},
                                                       {{"max"}, static_cast<double>(pool.capacity)}};
                   });
    auto counts = std::make_shared<CachedCounts>(parts);
    registry.gauge("enroll_certificates_valid", "Client certificates confirmed, not revoked and valid now.", {},
                   [counts] {
                       const auto c = counts->get();
                       return c ? std::vector<GaugeSample>{{{}, static_cast<double>(c->valid)}} : std::vector<GaugeSample>{};
                   });
    registry.gauge("enroll_certificates_expiring", "Valid client certificates that expire within 30 and within 10 days.",
                   {"within_days"}, [counts] {
                       const auto c = counts->get();
                       if (!c) {
                           return std::vector<GaugeSample>{};
                       }
                       return std::vector<GaugeSample>{{{"30"}, static_cast<double>(c->expiringWithin30Days)},
                                                       {{"10"}, static_cast<double>(c->expiringWithin10Days)}};
                   });
    registry.gauge("enroll_certificate_remaining_seconds",
                   "Time left until the end of the issuing CA, the TLS certificate (embedded listener) and the OCSP signer "
                   "(seconds, the base unit: the alert rules divide by 86400 for days).",
                   {"certificate"}, [&parts] {
                       const auto now = parts.clock.now();
                       std::vector<GaugeSample> samples{
                           {{"issuing_ca"}, secondsBetween(now, ossl::instantOf(X509_get0_notAfter(parts.ca.caCertificate())))},
                           {{"ocsp_signer"}, secondsBetween(now, parts.ocsp.signerNotAfter())}};
                       if (parts.tlsNotAfter) {
                           samples.push_back({{"tls"}, secondsBetween(now, *parts.tlsNotAfter)});
                       }
                       return samples;
                   });
    registry.gauge("enroll_audit_chain_length", "Rows in the audit log's hash chain (the newest row's number).", {},
                   [&parts] {
                       try {
                           const auto head = parts.store.begin(Store::Mode::Read)->auditHead();
                           return std::vector<GaugeSample>{{{}, static_cast<double>(head.seq)}};
                       } catch (const std::exception&) {
                           return std::vector<GaugeSample>{};
                       }
                   });
    registry.gauge("enroll_audit_anchor_last_timestamp_seconds",
                   "When the audit chain's head was last anchored in the journal (Unix seconds; 0: not yet).", {},
                   [&parts] {
                       return std::vector<GaugeSample>{{{}, static_cast<double>(parts.anchors.lastPublished())}};
                   });
    registry.gauge("enroll_audit_anchor_interval_seconds", "How often the audit chain's head is anchored (audit.anchorIntervalSeconds).",
                   {}, [&parts] {
                       return std::vector<GaugeSample>{{{}, static_cast<double>(parts.anchorIntervalSeconds)}};
                   });
}

ObservedMailer::Observer mailOutcomes(metrics::ServerMetrics* metrics, Store& store, const Clock& clock)
{
    return [metrics, &store, &clock](const MailMessage& message, bool sent) {
        if (metrics != nullptr) {
            metrics->mail(message.kind, sent);
        }
        if (sent) {
            return;
        }
        try {
            auto tx = store.begin(Store::Mode::Write);
            tx->appendAudit({0, clock.now(), "mail.failure", message.kind, "not handed over to the mail transport", "local"});
            tx->commit();
        } catch (const std::exception& e) {
            Poco::Logger::get("mail").error("mail.failure not audited: %s", std::string(e.what()));
        }
    };
}

} // namespace enroll::server
