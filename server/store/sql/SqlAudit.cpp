// The audit log of the SQL store: append-only, each row linked to the one before (AuditChain).
#include "store/sql/SqlTransaction.h"

namespace enroll::server {

using sqlstore::Row;
using sqlstore::seconds;

namespace {

AuditRow auditFrom(const Row& r)
{
    AuditRow a;
    a.id = r.integer("id");
    a.at = r.time("at");
    a.event = r.text("event");
    a.subject = r.text("subject");
    a.detail = r.text("detail");
    a.remote = r.text("remote");
    a.seq = r.integer("seq");
    a.chain = r.text("chain");
    return a;
}

AuditHead headFrom(const Row& r)
{
    return AuditHead{r.integer("seq"), r.text("chain")};
}

} // namespace

void SqlTransaction::appendAudit(const AuditEntry& a)
{
    // the UPDATE locks the head row until this transaction ends: appends line up, one link each
    exec("UPDATE audit_head SET seq = seq + 1 WHERE id = 1", {});
    // after the increment the head holds this row's number and still the previous row's link
    const auto head =
        one<AuditHead>("SELECT seq, chain FROM audit_head WHERE id = 1", {}, headFrom).value_or(AuditHead{});
    const auto link = auditLink(head.chain, head.seq, a);
    exec(
        "INSERT INTO audit_log (at, event, subject, detail, remote, seq, chain) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {seconds(a.at), a.event, a.subject, a.detail, a.remote, Poco::Int64{head.seq}, link});
    exec("UPDATE audit_head SET chain = ? WHERE id = 1", {link});
    if (observer_) {
        auditEvents_.push_back(a);
    }
}

std::vector<AuditRow> SqlTransaction::audit(std::optional<Instant> since)
{
    return many<AuditRow>(
        "SELECT id, at, event, subject, detail, remote, seq, chain FROM audit_log WHERE at >= ? "
        "ORDER BY id",
        {since ? seconds(*since) : Poco::Int64{0}}, auditFrom);
}

AuditHead SqlTransaction::auditHead()
{
    return one<AuditHead>("SELECT seq, chain FROM audit_head WHERE id = 1", {}, headFrom)
        .value_or(AuditHead{});
}

} // namespace enroll::server
