#include "store/sql/SqlStore.h"

#include "store/sql/SqlTransaction.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace enroll::server {

using Poco::Data::Session;
using Poco::Data::Statement;

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
                return std::make_unique<SqlTransaction>(acquire(), dialect_, mode, auditObserver());
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
            if (sqlite3_exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", nullptr, nullptr,
                             &error) != SQLITE_OK) {
                const std::string text = error != nullptr ? error : "unknown";
                sqlite3_free(error);
                throw std::runtime_error("SQLite connection settings: " + text);
            }
        }
    }
    return std::make_unique<SqlTransaction>(std::move(session), dialect_, mode, auditObserver());
}

StorePoolStats SqlStore::poolStats()
{
    return {pool_.used(), pool_.capacity()};
}

bool SqlStore::healthy()
{
    try {
        Session session = acquire();
        // a real read of the schema, not a constant: the file must be there and readable
        Poco::Int64 versions = 0;
        session << "SELECT COUNT(*) FROM schema_version", Poco::Data::Keywords::into(versions),
            Poco::Data::Keywords::now;
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
        session << "SET client_min_messages TO WARNING",
            Poco::Data::Keywords::now; // no "already exists" notices
    }
    // created only when missing: a server role without CREATE (installer/linux/postgres-roles.sql)
    // must not be asked for it on a migrated database
    bool versioned = true;
    try {
        Poco::Int64 rows = 0;
        session << "SELECT COUNT(*) FROM schema_version", Poco::Data::Keywords::into(rows),
            Poco::Data::Keywords::now;
    } catch (const Poco::Exception&) {
        versioned = false;
    }
    if (!versioned) {
        session << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            Poco::Data::Keywords::now;
    }
    for (const auto& migration : migrations(dialect_)) {
        session << (dialect_ == SqlDialect::SQLite ? "BEGIN IMMEDIATE" : "BEGIN"), Poco::Data::Keywords::now;
        try {
            Poco::Int64 applied = 0;
            session << "SELECT COUNT(*) FROM schema_version WHERE version = " +
                           std::to_string(migration.version),
                Poco::Data::Keywords::into(applied), Poco::Data::Keywords::now;
            if (applied == 0) {
                for (const auto& sql : migration.statements) {
                    Statement st(session);
                    st << sql;
                    st.execute();
                }
                session << "INSERT INTO schema_version (version) VALUES (" +
                               std::to_string(migration.version) + ")",
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
