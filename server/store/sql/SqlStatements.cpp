#include "store/sql/SqlTransaction.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>

namespace enroll::server {

namespace sqlstore {

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

std::string Row::text(const std::string& column) const
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

Poco::Int64 Row::integer(const std::string& column) const
{
    if (statement_ != nullptr) {
        return sqlite3_column_int64(statement_, index(column));
    }
    const auto v = rs_->value(column, row_);
    return v.isEmpty() ? 0 : v.convert<Poco::Int64>();
}

int Row::index(const std::string& column) const
{
    const int count = sqlite3_column_count(statement_);
    for (int i = 0; i < count; ++i) {
        if (column == sqlite3_column_name(statement_, i)) {
            return i;
        }
    }
    throw std::logic_error("no column " + column + " in the result");
}

} // namespace sqlstore

using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;
using sqlstore::Params;
using sqlstore::Row;

namespace {

// One SQLite statement through SQLite's own calls: prepared, bound, finalized with its scope.
class SqliteStatement
{
public:
    SqliteStatement(sqlite3* db, const std::string& sql, Params params) : db_(db)
    {
        if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &statement_, nullptr) !=
            SQLITE_OK) {
            fail("prepare");
        }
        int i = 0;
        for (const auto& p : params) {
            ++i;
            const int rc =
                std::holds_alternative<std::string>(p)
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

} // namespace

SqlTransaction::SqlTransaction(Session session, SqlDialect dialect, Store::Mode mode,
                               std::shared_ptr<const AuditObserver> observer)
    : session_(std::move(session)), dialect_(dialect), observer_(std::move(observer))
{
    const bool sqlite = dialect_ == SqlDialect::SQLite;
    // SQLite: IMMEDIATE takes the write lock now, waiting out other writers (busy timeout),
    // so a read-then-write never fails half-way. PostgreSQL: row locks from the UPDATEs.
    raw(mode == Store::Mode::Write && sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    open_ = true;
}
SqlTransaction::~SqlTransaction()
{
    if (open_) {
        try {
            raw("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): nothing more can be done in a destructor
        }
    }
}
void SqlTransaction::commit()
{
    raw("COMMIT");
    open_ = false;
    if (observer_) {
        for (const auto& entry : auditEvents_) {
            (*observer_)(entry);
        }
    }
    auditEvents_.clear();
}

// Poco's PostgreSQL connector numbers its placeholders: ? → $1, $2, …
std::string SqlTransaction::dialectSql(const std::string& sql) const
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
std::size_t SqlTransaction::run(Statement& st)
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

void SqlTransaction::raw(const std::string& sql)
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

Statement SqlTransaction::prepare(const std::string& sql, Params params)
{
    Statement st(session_);
    st << dialectSql(sql);
    for (const auto& p : params) {
        std::visit([&st](const auto& v) { st.addBind(Poco::Data::Keywords::bind(v)); }, p);
    }
    return st;
}

sqlite3* SqlTransaction::sqliteHandle() const
{
    return dialect_ == SqlDialect::SQLite ? Poco::Data::SQLite::Utility::dbHandle(session_) : nullptr;
}

std::size_t SqlTransaction::exec(const std::string& sql, Params params)
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

Poco::Int64 SqlTransaction::scalar(const std::string& sql, Params params)
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

void SqlTransaction::query(const std::string& sql, Params params, const std::function<void(const Row&)>& each)
{
    if (sqlite3* db = sqliteHandle()) {
        SqliteStatement st(db, sql, params);
        while (st.step()) {
            each(Row(st.get()));
        }
        return;
    }
    auto st = prepare(sql, params);
    run(st);
    RecordSet rs(st);
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
        each(Row(rs, i));
    }
}

} // namespace enroll::server
