// One transaction of the SQL store (SQLite and PostgreSQL through Poco::Data): the Store's unit of
// work. One class, its queries kept by what they store: SqlAccounts.cpp (contracts, users and their
// lockout), SqlEnrollments.cpp (registration tokens, one-time codes, issuance tokens),
// SqlCertificates.cpp, SqlAudit.cpp; how a statement runs, in SqlStatements.cpp.
#pragma once

#include "store/Store.h"
#include "store/migrations/Migrations.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
namespace Poco::Data {
class RecordSet;
}

namespace enroll::server {
namespace sqlstore {

using Param = std::variant<std::string, Poco::Int64>;
using Params = std::initializer_list<Param>;

// Times are stored as whole seconds since the epoch; 0 stands for "none".
Poco::Int64 seconds(Instant t);
Instant instant(Poco::Int64 s);
std::optional<Instant> optionalInstant(Poco::Int64 s);

// Column access by name on one row: of a Poco RecordSet (PostgreSQL), or of an SQLite statement
// stepped through SQLite's own calls (Poco's RecordSet costs more than the query it serves).
class Row
{
public:
    Row(Poco::Data::RecordSet& rs, std::size_t row) : rs_(&rs), row_(row) {}
    explicit Row(sqlite3_stmt* statement) : statement_(statement) {}
    [[nodiscard]] std::string text(const std::string& column) const;
    [[nodiscard]] Poco::Int64 integer(const std::string& column) const; // NULL reads as 0
    [[nodiscard]] Instant time(const std::string& column) const { return instant(integer(column)); }

private:
    int index(const std::string& column) const;

    Poco::Data::RecordSet* rs_ = nullptr;
    std::size_t row_ = 0;
    sqlite3_stmt* statement_ = nullptr;
};

// A table with the lockout columns (failed_count, lock_count, locked_until, blocked) and its key.
struct LockTable
{
    const char* table;
    const char* key;
};

} // namespace sqlstore

class SqlTransaction final : public StoreTransaction
{
public:
    // `observer`: told the audit events of this transaction once it has committed (may be null).
    SqlTransaction(Poco::Data::Session session, SqlDialect dialect, Store::Mode mode,
                   std::shared_ptr<const AuditObserver> observer = nullptr);
    ~SqlTransaction() override;
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;

    void commit() override;

    // SqlAccounts.cpp
    std::optional<ContractRecord> contract(const std::string& number) override;
    bool insertContract(const ContractRecord& c) override;
    bool setContractInitialPassword(const std::string& number, const std::string& hash) override;
    std::vector<ContractRecord> contracts() override;
    std::optional<UserRecord> user(const std::string& userId) override;
    std::optional<UserRecord> activeMaster(const std::string& contractNumber) override;
    bool insertUser(const UserRecord& u) override;
    std::vector<UserRecord> users(const std::optional<std::string>& contractNumber) override;
    int activeUserCount(const std::string& contractNumber) override;
    void disableUser(const std::string& userId) override;
    void updateProfile(const std::string& userId, const std::string& userName,
                       const std::string& email) override;
    void setPassword(const std::string& userId, const std::string& passwordHash) override;
    bool replacePasswordHash(Principal principal, const std::string& id, const std::string& oldHash,
                             const std::string& newHash) override;
    std::optional<LockState> lockState(Principal principal, const std::string& id, Instant now) override;
    FailureRecorded recordFailure(Principal principal, const std::string& id, Instant now,
                                  const LockoutSettings& settings) override;
    bool recordSuccess(Principal principal, const std::string& id, Instant now) override;
    bool unblock(Principal principal, const std::string& id) override;
    bool countWrongCode(const std::string& userId, int run) override;

    // SqlEnrollments.cpp
    void insertRegistrationToken(const RegistrationTokenRecord& token) override;
    std::optional<std::string> liveRegistrationToken(const std::string& tokenHash, LiveEnds live) override;
    std::optional<std::string> spendRegistrationToken(const std::string& tokenHash, LiveEnds live) override;
    void insertEnrollment(const EnrollmentRecord& e) override;
    std::optional<EnrollmentRecord> enrollment(const std::string& id) override;
    std::optional<EnrollmentRecord> enrollmentByIssuanceToken(const std::string& tokenHash) override;
    bool replaceCode(const std::string& id, const std::string& codeHash, Instant expiresAt, int attempts,
                     int expectedResends, Instant sentAt) override;
    std::optional<CodeAttempt> takeCodeAttempt(const std::string& id, LiveEnds live) override;
    int voidOpenEnrollments(const std::string& userId) override;
    bool setIssuanceToken(const std::string& id, const std::string& codeHash, const std::string& tokenHash,
                          Instant expiresAt) override;
    bool markIssued(const std::string& id, const std::string& serial) override;
    bool markConfirmed(const std::string& id) override;

    // SqlCertificates.cpp
    void insertCertificate(const CertificateRecord& c) override;
    std::optional<CertificateRecord> certificate(const std::string& serial) override;
    std::vector<CertificateRecord> certificates(const std::optional<std::string>& userId) override;
    std::vector<CertificateRecord> revokedCertificates() override;
    bool setCertificateStatus(const std::string& serial, CertificateStatus from,
                              CertificateStatus to) override;
    bool revokeCertificate(const std::string& serial, const std::string& reason, Instant at) override;
    long long revocationGeneration() override;
    std::vector<CertificateRecord> activeCertificatesExpiringBefore(Instant until) override;
    CertificateCounts certificateCounts(Instant now) override;
    bool claimExpiryNotice(const std::string& serial, int daysBefore) override;
    void releaseExpiryNotice(const std::string& serial, int daysBefore) override;

    // SqlAudit.cpp
    void appendAudit(const AuditEntry& a) override;
    std::vector<AuditRow> audit(std::optional<Instant> since) override;
    AuditHead auditHead() override;

private:
    // SqlAccounts.cpp: one lockout table's state and counting (SPEC §3); nothing when it has no such row
    std::optional<LockState> lockRow(sqlstore::LockTable t, const std::string& key);
    std::optional<FailureOutcome> countFailure(sqlstore::LockTable t, const std::string& key, Instant now,
                                               const LockoutSettings& settings);

    // SqlStatements.cpp: `?` placeholders in every statement, numbered for PostgreSQL by dialectSql
    std::string dialectSql(const std::string& sql) const;
    std::size_t run(Poco::Data::Statement& st);
    void raw(const std::string& sql);
    Poco::Data::Statement prepare(const std::string& sql, sqlstore::Params params);
    [[nodiscard]] sqlite3* sqliteHandle() const;
    std::size_t exec(const std::string& sql, sqlstore::Params params); // the rows changed
    Poco::Int64 scalar(const std::string& sql, sqlstore::Params params);
    void query(const std::string& sql, sqlstore::Params params,
               const std::function<void(const sqlstore::Row&)>& each);

    template <typename T, typename Map>
    std::vector<T> many(const std::string& sql, sqlstore::Params params, Map map)
    {
        std::vector<T> out;
        query(sql, params, [&](const sqlstore::Row& row) { out.push_back(map(row)); });
        return out;
    }
    template <typename T, typename Map>
    std::optional<T> one(const std::string& sql, sqlstore::Params params, Map map)
    {
        auto rows = many<T>(sql, params, map);
        if (rows.empty()) {
            return std::nullopt;
        }
        return std::move(rows.front());
    }

    Poco::Data::Session session_;
    SqlDialect dialect_;
    bool open_ = false;
    std::shared_ptr<const AuditObserver> observer_;
    std::vector<AuditEntry> auditEvents_; // appended here, told at commit
};

} // namespace enroll::server
