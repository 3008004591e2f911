// The certificates of the SQL store: issued, confirmed, revoked, and their expiry notices.
#include "store/sql/SqlTransaction.h"

namespace enroll::server {

using sqlstore::optionalInstant;
using sqlstore::Row;
using sqlstore::seconds;

namespace {

CertificateRecord certificateFrom(const Row& r)
{
    CertificateRecord c;
    c.serial = r.text("serial");
    c.userId = r.text("user_id");
    c.notBefore = r.time("not_before");
    c.notAfter = r.time("not_after");
    c.status = certificateStatusFrom(r.text("status")).value_or(CertificateStatus::Revoked);
    c.pem = r.text("pem");
    c.revokedAt = optionalInstant(r.integer("revoked_at"));
    c.revocationReason = r.text("revocation_reason");
    c.createdAt = r.time("created_at");
    return c;
}

const char* kCertificateColumns =
    "serial, user_id, not_before, not_after, status, pem, revoked_at, revocation_reason, created_at";

} // namespace

void SqlTransaction::insertCertificate(const CertificateRecord& c)
{
    exec(std::string("INSERT INTO certificates (") + kCertificateColumns +
             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {c.serial, c.userId, seconds(c.notBefore), seconds(c.notAfter), std::string(toString(c.status)),
          c.pem, c.revokedAt ? seconds(*c.revokedAt) : Poco::Int64{0}, c.revocationReason,
          seconds(c.createdAt)});
}

std::optional<CertificateRecord> SqlTransaction::certificate(const std::string& serial)
{
    return one<CertificateRecord>(std::string("SELECT ") + kCertificateColumns +
                                      " FROM certificates WHERE serial = ?",
                                  {serial}, certificateFrom);
}

std::vector<CertificateRecord> SqlTransaction::certificates(const std::optional<std::string>& userId)
{
    const std::string select = std::string("SELECT ") + kCertificateColumns + " FROM certificates";
    if (userId) {
        return many<CertificateRecord>(select + " WHERE user_id = ? ORDER BY created_at, serial", {*userId},
                                       certificateFrom);
    }
    return many<CertificateRecord>(select + " ORDER BY created_at, serial", {}, certificateFrom);
}

std::vector<CertificateRecord> SqlTransaction::revokedCertificates()
{
    return many<CertificateRecord>(
        std::string("SELECT ") + kCertificateColumns +
            " FROM certificates WHERE status = 'revoked' ORDER BY revoked_at, serial",
        {}, certificateFrom);
}

bool SqlTransaction::setCertificateStatus(const std::string& serial, CertificateStatus from,
                                          CertificateStatus to)
{
    return exec("UPDATE certificates SET status = ? WHERE serial = ? AND status = ?",
                {std::string(toString(to)), serial, std::string(toString(from))}) == 1;
}

bool SqlTransaction::revokeCertificate(const std::string& serial, const std::string& reason, Instant at)
{
    if (exec("UPDATE certificates SET status = 'revoked', revoked_at = ?, revocation_reason = ? "
             "WHERE serial = ? AND status <> 'revoked'",
             {seconds(at), reason, serial}) != 1) {
        return false;
    }
    // in the same transaction: a CRL is signed anew only when this number has moved
    exec("UPDATE revocation_head SET generation = generation + 1 WHERE id = 1", {});
    return true;
}

long long SqlTransaction::revocationGeneration()
{
    return scalar("SELECT generation FROM revocation_head WHERE id = 1", {});
}

std::vector<CertificateRecord> SqlTransaction::activeCertificatesExpiringBefore(Instant until)
{
    return many<CertificateRecord>(
        std::string("SELECT ") + kCertificateColumns +
            " FROM certificates WHERE status = 'active' AND not_after < ? ORDER BY not_after",
        {seconds(until)}, certificateFrom);
}

CertificateCounts SqlTransaction::certificateCounts(Instant now)
{
    constexpr Poco::Int64 kDay = 24 * 3600;
    const auto at = seconds(now);
    const std::string active = " FROM certificates WHERE status = 'active' AND not_before <= ? AND not_after > ?";
    CertificateCounts counts;
    counts.valid = scalar("SELECT COUNT(*)" + active, {at, at});
    counts.expiringWithin30Days = scalar("SELECT COUNT(*)" + active + " AND not_after <= ?", {at, at, at + 30 * kDay});
    counts.expiringWithin10Days = scalar("SELECT COUNT(*)" + active + " AND not_after <= ?", {at, at, at + 10 * kDay});
    return counts;
}

bool SqlTransaction::claimExpiryNotice(const std::string& serial, int daysBefore)
{
    const std::string column = daysBefore <= 10 ? "notice10_sent" : "notice30_sent";
    return exec("UPDATE certificates SET " + column + " = 1 WHERE serial = ? AND " + column + " = 0",
                {serial}) == 1;
}

void SqlTransaction::releaseExpiryNotice(const std::string& serial, int daysBefore)
{
    const std::string column = daysBefore <= 10 ? "notice10_sent" : "notice30_sent";
    exec("UPDATE certificates SET " + column + " = 0 WHERE serial = ?", {serial});
}

} // namespace enroll::server
