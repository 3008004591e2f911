#include "store/sql/SqlStore.h"

#include "store/AuditChain.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <sqlite3.h>

#include <chrono>
#include <thread>

#include <stdexcept>
#include <variant>

namespace enroll::server {
namespace {

using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;
using Param = std::variant<std::string, Poco::Int64>;
using Params = std::initializer_list<Param>;

Poco::Int64 seconds(Instant t)
{
    return static_cast<Poco::Int64>(t.time_since_epoch().count());
}

Instant instant(Poco::Int64 s)
{
    return Instant{std::chrono::seconds{s}};
}

std::optional<Instant> optionalInstant(Poco::Int64 s)
{
    return s == 0 ? std::nullopt : std::optional<Instant>(instant(s));
}

// Column access by name on one row: of a Poco RecordSet (PostgreSQL), or of an SQLite statement
// stepped through SQLite's own calls (Poco's RecordSet costs more than the query it serves).
class Row
{
public:
    Row(RecordSet& rs, std::size_t row) : rs_(&rs), row_(row) {}
    explicit Row(sqlite3_stmt* statement) : statement_(statement) {}
    [[nodiscard]] std::string text(const std::string& column) const
    {
        if (statement_ != nullptr) {
            const int i = index(column);
            const auto* bytes = sqlite3_column_text(statement_, i);
            return bytes == nullptr ? std::string()
                                    : std::string(reinterpret_cast<const char*>(bytes),
                                                  static_cast<std::size_t>(sqlite3_column_bytes(statement_, i)));
        }
        const auto v = rs_->value(column, row_);
        return v.isEmpty() ? std::string() : v.convert<std::string>();
    }
    [[nodiscard]] Poco::Int64 integer(const std::string& column) const
    {
        if (statement_ != nullptr) {
            return sqlite3_column_int64(statement_, index(column)); // NULL reads as 0
        }
        const auto v = rs_->value(column, row_);
        return v.isEmpty() ? 0 : v.convert<Poco::Int64>();
    }
    [[nodiscard]] Instant time(const std::string& column) const { return instant(integer(column)); }

private:
    int index(const std::string& column) const
    {
        const int count = sqlite3_column_count(statement_);
        for (int i = 0; i < count; ++i) {
            if (column == sqlite3_column_name(statement_, i)) {
                return i;
            }
        }
        throw std::logic_error("no column " + column + " in the result");
    }

    RecordSet* rs_ = nullptr;
    std::size_t row_ = 0;
    sqlite3_stmt* statement_ = nullptr;
};

// One SQLite statement through SQLite's own calls: prepared, bound, finalized with its scope.
class SqliteStatement
{
public:
    SqliteStatement(sqlite3* db, const std::string& sql, Params params) : db_(db)
    {
        if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK) {
            fail("prepare");
        }
        int i = 0;
        for (const auto& p : params) {
            ++i;
            const int rc = std::holds_alternative<std::string>(p)
                               ? sqlite3_bind_text(statement_, i, std::get<std::string>(p).data(),
                                                   static_cast<int>(std::get<std::string>(p).size()), SQLITE_TRANSIENT)
                               : sqlite3_bind_int64(statement_, i, std::get<Poco::Int64>(p));
            if (rc != SQLITE_OK) {
                fail("bind");
            }
        }
    }
    ~SqliteStatement() { sqlite3_finalize(statement_); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // True with a row to read, false when done.
    bool step()
    {
        const int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            fail("step");
        }
        return false;
    }
    [[nodiscard]] sqlite3_stmt* get() const { return statement_; }

private:
    [[noreturn]] void fail(const char* what) const
    {
        const auto message = std::string("SQLite ") + what + ": " + sqlite3_errmsg(db_);
        switch (sqlite3_errcode(db_)) {
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_NOMEM:
            throw StoreUnavailable(message); // the disk or the machine, not the request
        default:
            throw std::runtime_error(message);
        }
    }

    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

LockState lockFrom(const Row& r)
{
    LockState s;
    s.failedCount = static_cast<int>(r.integer("failed_count"));
    s.lockCount = static_cast<int>(r.integer("lock_count"));
    s.lockedUntil = optionalInstant(r.integer("locked_until"));
    s.blocked = r.integer("blocked") != 0;
    return s;
}

ContractRecord contractFrom(const Row& r)
{
    ContractRecord c;
    c.number = r.text("number");
    c.employerName = r.text("employer_name");
    c.initialPasswordHash = r.text("initial_password_hash");
    c.createdAt = r.time("created_at");
    c.lock = lockFrom(r);
    return c;
}

UserRecord userFrom(const Row& r)
{
    UserRecord u;
    u.userId = r.text("user_id");
    u.contractNumber = r.text("contract_number");
    u.role = r.text("role") == "master" ? protocol::Role::Master : protocol::Role::General;
    u.userName = r.text("user_name");
    u.email = r.text("email");
    u.passwordHash = r.text("password_hash");
    u.disabled = r.integer("disabled") != 0;
    u.mustChangePassword = r.integer("must_change_password") != 0;
    u.createdAt = r.time("created_at");
    u.lock = lockFrom(r);
    return u;
}

EnrollmentRecord enrollmentFrom(const Row& r)
{
    EnrollmentRecord e;
    e.id = r.text("id");
    e.userId = r.text("user_id");
    e.codeHash = r.text("code_hash");
    e.codeExpiresAt = r.time("code_expires_at");
    e.attemptsLeft = static_cast<int>(r.integer("attempts_left"));
    e.resends = static_cast<int>(r.integer("resends"));
    e.lastSentAt = r.time("last_sent_at");
    e.issuanceTokenHash = r.text("issuance_token_hash");
    e.issuanceExpiresAt = r.time("issuance_expires_at");
    e.issuedSerial = r.text("issued_serial");
    e.confirmed = r.integer("confirmed") != 0;
    return e;
}

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

// The lockout columns live on two tables with the same names.
struct PrincipalTable
{
    const char* table;
    const char* key;
};

PrincipalTable tableOf(Principal p)
{
    return p == Principal::Contract ? PrincipalTable{"contracts", "number"} : PrincipalTable{"users", "user_id"};
}

const char* kUserColumns = "user_id, contract_number, role, user_name, email, password_hash, disabled, created_at, "
                           "failed_count, lock_count, locked_until, blocked, must_change_password";
const char* kCertificateColumns =
    "serial, user_id, not_before, not_after, status, pem, revoked_at, revocation_reason, created_at";
const char* kEnrollmentColumns = "id, user_id, code_hash, code_expires_at, attempts_left, resends, last_sent_at, "
                                 "issuance_token_hash, issuance_expires_at, issued_serial, confirmed";

class SqlTransaction final : public StoreTransaction
{
public:
    SqlTransaction(Session session, SqlDialect dialect, Store::Mode mode)
        : session_(std::move(session)), dialect_(dialect)
    {
        const bool sqlite = dialect_ == SqlDialect::SQLite;
        // SQLite: IMMEDIATE takes the write lock now, waiting out other writers (busy timeout),
        // so a read-then-write never fails half-way. PostgreSQL: row locks from the UPDATEs.
        raw(mode == Store::Mode::Write && sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
        open_ = true;
    }
    ~SqlTransaction() override
    {
        if (open_) {
            try {
                raw("ROLLBACK");
            } catch (...) { // NOLINT(bugprone-empty-catch): nothing more can be done in a destructor
            }
        }
    }
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;

    void commit() override
    {
        raw("COMMIT");
        open_ = false;
    }

    // --- contracts ---
    std::optional<ContractRecord> contract(const std::string& number) override
    {
        return one<ContractRecord>("SELECT * FROM contracts WHERE number = ?", {number}, contractFrom);
    }
    bool insertContract(const ContractRecord& c) override
    {
        // ON CONFLICT DO NOTHING: the same statement in SQLite and PostgreSQL, no error on a duplicate
        return exec("INSERT INTO contracts (number, employer_name, initial_password_hash, created_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    {c.number, c.employerName, c.initialPasswordHash, seconds(c.createdAt)}) == 1;
    }
    bool setContractInitialPassword(const std::string& number, const std::string& hash) override
    {
        return exec("UPDATE contracts SET initial_password_hash = ? WHERE number = ?", {hash, number}) == 1;
    }
    std::vector<ContractRecord> contracts() override
    {
        return many<ContractRecord>("SELECT * FROM contracts ORDER BY number", {}, contractFrom);
    }

    // --- users ---
    std::optional<UserRecord> user(const std::string& userId) override
    {
        return one<UserRecord>(std::string("SELECT ") + kUserColumns + " FROM users WHERE user_id = ?", {userId},
                               userFrom);
    }
    std::optional<UserRecord> activeMaster(const std::string& contractNumber) override
    {
        return one<UserRecord>(std::string("SELECT ") + kUserColumns +
                                   " FROM users WHERE contract_number = ? AND role = 'master' AND disabled = 0",
                               {contractNumber}, userFrom);
    }
    bool insertUser(const UserRecord& u) override
    {
        return exec("INSERT INTO users (user_id, contract_number, role, user_name, email, password_hash, created_at, "
                    "must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    {u.userId, u.contractNumber, std::string(protocol::wireName(u.role)), u.userName, u.email,
                     u.passwordHash, seconds(u.createdAt), Poco::Int64{u.mustChangePassword ? 1 : 0}}) == 1;
    }
    std::vector<UserRecord> users(const std::optional<std::string>& contractNumber) override
    {
        const std::string select = std::string("SELECT ") + kUserColumns + " FROM users";
        if (contractNumber) {
            return many<UserRecord>(select + " WHERE contract_number = ? ORDER BY role DESC, user_id",
                                    {*contractNumber}, userFrom);
        }
        return many<UserRecord>(select + " ORDER BY contract_number, role DESC, user_id", {}, userFrom);
    }
    int activeUserCount(const std::string& contractNumber) override
    {
        return static_cast<int>(
            scalar("SELECT COUNT(*) FROM users WHERE contract_number = ? AND disabled = 0", {contractNumber}));
    }
    void disableUser(const std::string& userId) override
    {
        exec("UPDATE users SET disabled = 1 WHERE user_id = ?", {userId});
    }
    void updateProfile(const std::string& userId, const std::string& userName, const std::string& email) override
    {
        exec("UPDATE users SET user_name = ?, email = ? WHERE user_id = ?", {userName, email, userId});
    }
    void setPassword(const std::string& userId, const std::string& passwordHash) override
    {
        exec("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE user_id = ?", {passwordHash, userId});
    }

    bool replacePasswordHash(Principal principal, const std::string& id, const std::string& oldHash,
                             const std::string& newHash) override
    {
        return exec(principal == Principal::User
                        ? "UPDATE users SET password_hash = ? WHERE user_id = ? AND password_hash = ?"
                        : "UPDATE contracts SET initial_password_hash = ? WHERE number = ? AND initial_password_hash = ?",
                    {newHash, id, oldHash}) == 1;
    }

    // --- lockout ---
    std::optional<LockState> lockState(Principal principal, const std::string& id) override
    {
        const auto t = tableOf(principal);
        return one<LockState>(std::string("SELECT failed_count, lock_count, locked_until, blocked FROM ") + t.table +
                                  " WHERE " + t.key + " = ?",
                              {id}, lockFrom);
    }

    FailureOutcome recordFailure(Principal principal, const std::string& id, Instant now,
                                 const LockoutSettings& settings) override
    {
        const auto t = tableOf(principal);
        const std::string where = std::string(" WHERE ") + t.key + " = ?";
        // 1. count, only while neither locked nor blocked (a lock that ran out counts afresh)
        const auto counted = exec(std::string("UPDATE ") + t.table + " SET failed_count = failed_count + 1" + where +
                                      " AND blocked = 0 AND locked_until <= ?",
                                  {id, seconds(now)});
        if (counted == 0) {
            const auto state = lockState(principal, id);
            if (!state) {
                return FailureOutcome::Unknown;
            }
            return state->blocked ? FailureOutcome::AlreadyBlocked : FailureOutcome::AlreadyLocked;
        }
        // 2. the threshold-th failure locks and starts a fresh count for after the lock
        const auto locked = exec(std::string("UPDATE ") + t.table +
                                     " SET failed_count = 0, lock_count = lock_count + 1, locked_until = ?" + where +
                                     " AND failed_count >= ?",
                                 {seconds(now + settings.duration), id, Poco::Int64{settings.threshold}});
        if (locked == 0) {
            return FailureOutcome::Counted;
        }
        // 3. the locksBeforeBlock-th lock in a row blocks for good
        const auto blocked = exec(std::string("UPDATE ") + t.table + " SET blocked = 1" + where + " AND lock_count >= ?",
                                  {id, Poco::Int64{settings.locksBeforeBlock}});
        return blocked == 0 ? FailureOutcome::LockedNow : FailureOutcome::BlockedNow;
    }

    bool recordSuccess(Principal principal, const std::string& id, Instant now) override
    {
        const auto t = tableOf(principal);
        return exec(std::string("UPDATE ") + t.table + " SET failed_count = 0, lock_count = 0, locked_until = 0 WHERE " +
                        t.key + " = ? AND blocked = 0 AND locked_until <= ?",
                    {id, seconds(now)}) == 1;
    }

    bool unblock(Principal principal, const std::string& id) override
    {
        const auto t = tableOf(principal);
        return exec(std::string("UPDATE ") + t.table +
                        " SET blocked = 0, failed_count = 0, lock_count = 0, locked_until = 0 WHERE " + t.key + " = ?",
                    {id}) == 1;
    }

    // --- registration tokens ---
    void insertRegistrationToken(const RegistrationTokenRecord& token) override
    {
        exec("INSERT INTO registration_tokens (token_hash, contract_number, expires_at) VALUES (?, ?, ?)",
             {token.tokenHash, token.contractNumber, seconds(token.expiresAt)});
    }
    std::optional<std::string> spendRegistrationToken(const std::string& tokenHash, LiveEnds live) override
    {
        if (exec("UPDATE registration_tokens SET used = 1 WHERE token_hash = ? AND used = 0 AND expires_at > ? "
                 "AND expires_at <= ?",
                 {tokenHash, seconds(live.after), seconds(live.atMost)}) != 1) {
            return std::nullopt;
        }
        return one<std::string>("SELECT contract_number FROM registration_tokens WHERE token_hash = ?", {tokenHash},
                                [](const Row& r) { return r.text("contract_number"); });
    }

    // --- enrollments ---
    void insertEnrollment(const EnrollmentRecord& e) override
    {
        exec("INSERT INTO enrollments (id, user_id, code_hash, code_expires_at, attempts_left, resends, last_sent_at, "
             "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             {e.id, e.userId, e.codeHash, seconds(e.codeExpiresAt), Poco::Int64{e.attemptsLeft},
              Poco::Int64{e.resends}, seconds(e.lastSentAt), seconds(e.lastSentAt)});
    }
    std::optional<EnrollmentRecord> enrollment(const std::string& id) override
    {
        return one<EnrollmentRecord>(std::string("SELECT ") + kEnrollmentColumns + " FROM enrollments WHERE id = ?",
                                     {id}, enrollmentFrom);
    }
    std::optional<EnrollmentRecord> enrollmentByIssuanceToken(const std::string& tokenHash) override
    {
        return one<EnrollmentRecord>(std::string("SELECT ") + kEnrollmentColumns +
                                         " FROM enrollments WHERE issuance_token_hash = ?",
                                     {tokenHash}, enrollmentFrom);
    }
    bool replaceCode(const std::string& id, const std::string& codeHash, Instant expiresAt, int attempts,
                     int expectedResends, Instant sentAt) override
    {
        return exec("UPDATE enrollments SET code_hash = ?, code_expires_at = ?, attempts_left = ?, "
                    "resends = resends + 1, last_sent_at = ? WHERE id = ? AND resends = ? AND code_hash <> ''",
                    {codeHash, seconds(expiresAt), Poco::Int64{attempts}, seconds(sentAt), id,
                     Poco::Int64{expectedResends}}) == 1;
    }
    std::optional<CodeAttempt> takeCodeAttempt(const std::string& id, LiveEnds live) override
    {
        // the UPDATE takes the row's lock (PostgreSQL) or the database's (SQLite, IMMEDIATE):
        // the SELECT after it reads this transaction's own decrement
        if (exec("UPDATE enrollments SET attempts_left = attempts_left - 1 WHERE id = ? AND code_hash <> '' "
                 "AND attempts_left > 0 AND code_expires_at > ? AND code_expires_at <= ?",
                 {id, seconds(live.after), seconds(live.atMost)}) != 1) {
            return std::nullopt;
        }
        return one<CodeAttempt>("SELECT user_id, code_hash, attempts_left FROM enrollments WHERE id = ?", {id},
                                [](const Row& r) {
                                    return CodeAttempt{r.text("user_id"), r.text("code_hash"),
                                                       static_cast<int>(r.integer("attempts_left"))};
                                });
    }
    int voidOpenEnrollments(const std::string& userId) override
    {
        return static_cast<int>(
            exec("UPDATE enrollments SET code_hash = '', attempts_left = 0, issuance_expires_at = 0 "
                 "WHERE user_id = ? AND issued_serial IS NULL AND (code_hash <> '' OR issuance_expires_at > 0)",
                 {userId}));
    }
    bool setIssuanceToken(const std::string& id, const std::string& codeHash, const std::string& tokenHash,
                          Instant expiresAt) override
    {
        return exec("UPDATE enrollments SET code_hash = '', attempts_left = 0, issuance_token_hash = ?, "
                    "issuance_expires_at = ? WHERE id = ? AND code_hash = ? AND code_hash <> ''",
                    {tokenHash, seconds(expiresAt), id, codeHash}) == 1;
    }
    bool markIssued(const std::string& id, const std::string& serial) override
    {
        return exec("UPDATE enrollments SET issued_serial = ? WHERE id = ? AND issued_serial IS NULL", {serial, id}) ==
               1;
    }
    bool markConfirmed(const std::string& id) override
    {
        return exec("UPDATE enrollments SET confirmed = 1 WHERE id = ? AND confirmed = 0", {id}) == 1;
    }

    // --- certificates ---
    void insertCertificate(const CertificateRecord& c) override
    {
        exec(std::string("INSERT INTO certificates (") + kCertificateColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {c.serial, c.userId, seconds(c.notBefore), seconds(c.notAfter), std::string(toString(c.status)), c.pem,
              c.revokedAt ? seconds(*c.revokedAt) : Poco::Int64{0}, c.revocationReason, seconds(c.createdAt)});
    }
    std::optional<CertificateRecord> certificate(const std::string& serial) override
    {
        return one<CertificateRecord>(std::string("SELECT ") + kCertificateColumns +
                                          " FROM certificates WHERE serial = ?",
                                      {serial}, certificateFrom);
    }
    std::vector<CertificateRecord> certificates(const std::optional<std::string>& userId) override
    {
        const std::string select = std::string("SELECT ") + kCertificateColumns + " FROM certificates";
        if (userId) {
            return many<CertificateRecord>(select + " WHERE user_id = ? ORDER BY created_at, serial", {*userId},
                                           certificateFrom);
        }
        return many<CertificateRecord>(select + " ORDER BY created_at, serial", {}, certificateFrom);
    }
    std::vector<CertificateRecord> revokedCertificates() override
    {
        return many<CertificateRecord>(std::string("SELECT ") + kCertificateColumns +
                                           " FROM certificates WHERE status = 'revoked' ORDER BY revoked_at, serial",
                                       {}, certificateFrom);
    }
    bool setCertificateStatus(const std::string& serial, CertificateStatus from, CertificateStatus to) override
    {
        return exec("UPDATE certificates SET status = ? WHERE serial = ? AND status = ?",
                    {std::string(toString(to)), serial, std::string(toString(from))}) == 1;
    }
    bool revokeCertificate(const std::string& serial, const std::string& reason, Instant at) override
    {
        return exec("UPDATE certificates SET status = 'revoked', revoked_at = ?, revocation_reason = ? "
                    "WHERE serial = ? AND status <> 'revoked'",
                    {seconds(at), reason, serial}) == 1;
    }

    std::vector<CertificateRecord> activeCertificatesExpiringBefore(Instant until) override
    {
        return many<CertificateRecord>(std::string("SELECT ") + kCertificateColumns +
                                           " FROM certificates WHERE status = 'active' AND not_after < ? ORDER BY not_after",
                                       {seconds(until)}, certificateFrom);
    }
    bool claimExpiryNotice(const std::string& serial, int daysBefore) override
    {
        const std::string column = daysBefore <= 10 ? "notice10_sent" : "notice30_sent";
        return exec("UPDATE certificates SET " + column + " = 1 WHERE serial = ? AND " + column + " = 0", {serial}) == 1;
    }
    void releaseExpiryNotice(const std::string& serial, int daysBefore) override
    {
        const std::string column = daysBefore <= 10 ? "notice10_sent" : "notice30_sent";
        exec("UPDATE certificates SET " + column + " = 0 WHERE serial = ?", {serial});
    }

    // --- audit ---
    void appendAudit(const AuditEntry& a) override
    {
        // the UPDATE locks the head row until this transaction ends: appends line up, one link each
        exec("UPDATE audit_head SET seq = seq + 1 WHERE id = 1", {});
        // after the increment the head holds this row's number and still the previous row's link
        const auto head = one<AuditHead>("SELECT seq, chain FROM audit_head WHERE id = 1", {}, headFrom).value_or(AuditHead{});
        const auto link = auditLink(head.chain, head.seq, a);
        exec("INSERT INTO audit_log (at, event, subject, detail, remote, seq, chain) VALUES (?, ?, ?, ?, ?, ?, ?)",
             {seconds(a.at), a.event, a.subject, a.detail, a.remote, Poco::Int64{head.seq}, link});
        exec("UPDATE audit_head SET chain = ? WHERE id = 1", {link});
    }
    std::vector<AuditRow> audit(std::optional<Instant> since) override
    {
        return many<AuditRow>("SELECT id, at, event, subject, detail, remote, seq, chain FROM audit_log WHERE at >= ? "
                                "ORDER BY id",
                                {since ? seconds(*since) : Poco::Int64{0}}, auditFrom);
    }
    AuditHead auditHead() override
    {
        return one<AuditHead>("SELECT seq, chain FROM audit_head WHERE id = 1", {}, headFrom).value_or(AuditHead{});
    }

private:
    // Poco's PostgreSQL connector numbers its placeholders: ? → $1, $2, …
    std::string dialectSql(const std::string& sql) const
    {
        if (dialect_ == SqlDialect::SQLite) {
            return sql;
        }
        std::string out;
        int n = 0;
        for (char c : sql) {
            if (c == '?') {
                out += "$" + std::to_string(++n);
            } else {
                out += c;
            }
        }
        return out;
    }

    // A Poco statement (PostgreSQL) run: a connection the database server lost (a restart, a
    // network cut) is StoreUnavailable, answered 503; any other failure stays what it is.
    std::size_t run(Statement& st)
    {
        try {
            return st.execute();
        } catch (const Poco::Exception& e) {
            if (!session_.isConnected()) {
                throw StoreUnavailable("PostgreSQL connection lost: " + e.displayText());
            }
            throw;
        }
    }

    void raw(const std::string& sql)
    {
        if (sqlite3* db = sqliteHandle()) {
            SqliteStatement st(db, sql, {});
            while (st.step()) {
            }
            return;
        }
        Statement st(session_);
        st << sql;
        run(st);
    }

    Statement prepare(const std::string& sql, Params params)
    {
        Statement st(session_);
        st << dialectSql(sql);
        for (const auto& p : params) {
            std::visit([&st](const auto& v) { st.addBind(Poco::Data::Keywords::bind(v)); }, p);
        }
        return st;
    }

    [[nodiscard]] sqlite3* sqliteHandle() const
    {
        return dialect_ == SqlDialect::SQLite ? Poco::Data::SQLite::Utility::dbHandle(session_) : nullptr;
    }

    std::size_t exec(const std::string& sql, Params params)
    {
        if (sqlite3* db = sqliteHandle()) {
            SqliteStatement st(db, sql, params);
            while (st.step()) {
            }
            return static_cast<std::size_t>(sqlite3_changes(db));
        }
        auto st = prepare(sql, params);
        return run(st);
    }

    Poco::Int64 scalar(const std::string& sql, Params params)
    {
        if (sqlite3* db = sqliteHandle()) {
            SqliteStatement st(db, sql, params);
            return st.step() ? sqlite3_column_int64(st.get(), 0) : 0;
        }
        auto st = prepare(sql, params);
        run(st);
        RecordSet rs(st);
        if (rs.rowCount() == 0 || rs.value(0, 0).isEmpty()) {
            return 0;
        }
        return rs.value(0, 0).convert<Poco::Int64>();
    }

    template <typename T, typename Map>
    std::vector<T> many(const std::string& sql, Params params, Map map)
    {
        std::vector<T> out;
        if (sqlite3* db = sqliteHandle()) {
            SqliteStatement st(db, sql, params);
            while (st.step()) {
                out.push_back(map(Row(st.get())));
            }
            return out;
        }
        auto st = prepare(sql, params);
        run(st);
        RecordSet rs(st);
        out.reserve(rs.rowCount());
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            out.push_back(map(Row(rs, i)));
        }
        return out;
    }

    template <typename T, typename Map>
    std::optional<T> one(const std::string& sql, Params params, Map map)
    {
        auto rows = many<T>(sql, params, map);
        if (rows.empty()) {
            return std::nullopt;
        }
        return std::move(rows.front());
    }

    Session session_;
    SqlDialect dialect_;
    bool open_ = false;
};

} // namespace

std::string_view toString(CertificateStatus status)
{
    switch (status) {
    case CertificateStatus::Pending:
        return "pending";
    case CertificateStatus::Active:
        return "active";
    case CertificateStatus::Revoked:
        return "revoked";
    }
    return "revoked";
}

std::optional<CertificateStatus> certificateStatusFrom(std::string_view text)
{
    for (auto s : {CertificateStatus::Pending, CertificateStatus::Active, CertificateStatus::Revoked}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

SqlStore::SqlStore(SqlDialect dialect, const std::string& connector, const std::string& connection)
    : dialect_(dialect), pool_(connector, connection, 1, kMaxConnections, 60)
{
    if (dialect_ == SqlDialect::SQLite) {
        Session session = pool_.get();
        Statement(session) << "PRAGMA journal_mode = WAL", Poco::Data::Keywords::now;
    }
    migrate();
}

Session SqlStore::acquire()
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        try {
            return pool_.get();
        } catch (const Poco::Data::SessionPoolExhaustedException&) {
            if (std::chrono::steady_clock::now() >= deadline) {
                throw StoreBusy();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
}

std::unique_ptr<StoreTransaction> SqlStore::begin(Mode mode)
{
    if (dialect_ == SqlDialect::PostgreSQL) {
        // A connection the database server dropped (it restarted) fails at BEGIN, before anything
        // is done: released, the pool leaves it out (it is no longer connected), and the next one
        // is tried, up to a fresh connection. The database down: StoreUnavailable (503).
        for (int attempt = 1;; ++attempt) {
            try {
                return std::make_unique<SqlTransaction>(acquire(), dialect_, mode);
            } catch (const StoreBusy&) {
                throw;
            } catch (const StoreUnavailable&) {
                if (attempt > kMaxConnections) {
                    throw;
                }
            } catch (const Poco::Exception& e) {
                if (attempt > kMaxConnections) {
                    throw StoreUnavailable("PostgreSQL: " + e.displayText());
                }
            }
        }
    }
    Session session = acquire();
    if (dialect_ == SqlDialect::SQLite) {
        // once per connection: enforce references, wait for the write lock, never lose a commit
        // (through SQLite's own calls: a Poco statement each costs more than the query it serves).
        // References off means a connection not yet set up: the pool opens new ones at any time.
        sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session);
        int references = 0;
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &references);
        if (references == 0) {
            sqlite3_busy_timeout(db, 15000);
            char* error = nullptr;
            if (sqlite3_exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", nullptr, nullptr, &error) !=
                SQLITE_OK) {
                const std::string text = error != nullptr ? error : "unknown";
                sqlite3_free(error);
                throw std::runtime_error("SQLite connection settings: " + text);
            }
        }
    }
    return std::make_unique<SqlTransaction>(std::move(session), dialect_, mode);
}

bool SqlStore::healthy()
{
    try {
        Session session = acquire();
        // a real read of the schema, not a constant: the file must be there and readable
        Poco::Int64 versions = 0;
        session << "SELECT COUNT(*) FROM schema_version", Poco::Data::Keywords::into(versions), Poco::Data::Keywords::now;
        return versions > 0;
    } catch (...) {
        return false;
    }
}

void SqlStore::migrate()
{
    Session session = pool_.get();
    if (dialect_ == SqlDialect::SQLite) {
        Statement(session) << "PRAGMA busy_timeout = 15000", Poco::Data::Keywords::now;
    }
    if (dialect_ == SqlDialect::PostgreSQL) {
        session << "SET client_min_messages TO WARNING", Poco::Data::Keywords::now; // no "already exists" notices
    }
    // created only when missing: a server role without CREATE (installer/linux/postgres-roles.sql)
    // must not be asked for it on a migrated database
    bool versioned = true;
    try {
        Poco::Int64 rows = 0;
        session << "SELECT COUNT(*) FROM schema_version", Poco::Data::Keywords::into(rows), Poco::Data::Keywords::now;
    } catch (const Poco::Exception&) {
        versioned = false;
    }
    if (!versioned) {
        session << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", Poco::Data::Keywords::now;
    }
    for (const auto& migration : migrations(dialect_)) {
        session << (dialect_ == SqlDialect::SQLite ? "BEGIN IMMEDIATE" : "BEGIN"), Poco::Data::Keywords::now;
        try {
            Poco::Int64 applied = 0;
            session << "SELECT COUNT(*) FROM schema_version WHERE version = " + std::to_string(migration.version),
                Poco::Data::Keywords::into(applied), Poco::Data::Keywords::now;
            if (applied == 0) {
                for (const auto& sql : migration.statements) {
                    Statement st(session);
                    st << sql;
                    st.execute();
                }
                session << "INSERT INTO schema_version (version) VALUES (" + std::to_string(migration.version) + ")",
                    Poco::Data::Keywords::now;
            }
            session << "COMMIT", Poco::Data::Keywords::now;
        } catch (...) {
            session << "ROLLBACK", Poco::Data::Keywords::now;
            throw;
        }
    }
}

std::unique_ptr<Store> openStore(const std::string& url)
{
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite)) {
        Poco::Data::SQLite::Connector::registerConnector();
        return std::make_unique<SqlStore>(SqlDialect::SQLite, "SQLite", url.substr(kSqlite.size()));
    }
    constexpr std::string_view kPostgres = "postgresql:";
    if (url.starts_with(kPostgres)) {
        Poco::Data::PostgreSQL::Connector::registerConnector();
        return std::make_unique<SqlStore>(SqlDialect::PostgreSQL, "PostgreSQL", url.substr(kPostgres.size()));
    }
    throw std::invalid_argument("unsupported db.url (expected sqlite:PATH or postgresql:CONNINFO)");
}

} // namespace enroll::server
