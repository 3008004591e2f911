#include "store/migrations/Migrations.h"

namespace enroll::server {
namespace {

// Times are Unix seconds (INTEGER); 0 means "none". Secrets are stored only as hashes.
std::vector<std::string> initialSchema(SqlDialect dialect)
{
    const std::string autoId = dialect == SqlDialect::SQLite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    std::vector<std::string> s = {
        R"(CREATE TABLE contracts (
            number TEXT PRIMARY KEY,
            employer_name TEXT NOT NULL,
            initial_password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            failed_count INTEGER NOT NULL DEFAULT 0,
            lock_count INTEGER NOT NULL DEFAULT 0,
            locked_until BIGINT NOT NULL DEFAULT 0,
            blocked INTEGER NOT NULL DEFAULT 0))",
        R"(CREATE TABLE users (
            user_id TEXT PRIMARY KEY,
            contract_number TEXT NOT NULL REFERENCES contracts(number),
            role TEXT NOT NULL CHECK (role IN ('master', 'general')),
            user_name TEXT NOT NULL,
            email TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            failed_count INTEGER NOT NULL DEFAULT 0,
            lock_count INTEGER NOT NULL DEFAULT 0,
            locked_until BIGINT NOT NULL DEFAULT 0,
            blocked INTEGER NOT NULL DEFAULT 0))",
        // at most one active master per contract, enforced by the database itself
        "CREATE UNIQUE INDEX one_master_per_contract ON users(contract_number) WHERE role = 'master' AND disabled = 0",
        "CREATE INDEX users_by_contract ON users(contract_number)",
        R"(CREATE TABLE registration_tokens (
            token_hash TEXT PRIMARY KEY,
            contract_number TEXT NOT NULL REFERENCES contracts(number),
            expires_at BIGINT NOT NULL,
            used INTEGER NOT NULL DEFAULT 0))",
        R"(CREATE TABLE enrollments (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            code_hash TEXT NOT NULL,
            code_expires_at BIGINT NOT NULL,
            attempts_left INTEGER NOT NULL,
            resends INTEGER NOT NULL DEFAULT 0,
            last_sent_at BIGINT NOT NULL,
            issuance_token_hash TEXT UNIQUE,
            issuance_expires_at BIGINT NOT NULL DEFAULT 0,
            issued_serial TEXT,
            confirmed INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL))",
        R"(CREATE TABLE certificates (
            serial TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(user_id),
            not_before BIGINT NOT NULL,
            not_after BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
            pem TEXT NOT NULL,
            revoked_at BIGINT NOT NULL DEFAULT 0,
            revocation_reason TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL))",
        // one certificate awaiting confirmation and one in use per user, at most
        "CREATE UNIQUE INDEX one_pending_certificate ON certificates(user_id) WHERE status = 'pending'",
        "CREATE UNIQUE INDEX one_active_certificate ON certificates(user_id) WHERE status = 'active'",
        "CREATE TABLE audit_log (id " + autoId + R"(,
            at BIGINT NOT NULL,
            event TEXT NOT NULL,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL,
            remote TEXT NOT NULL))",
        "CREATE INDEX audit_by_time ON audit_log(at)",
    };
    // The audit log is append-only: the database refuses to change or delete a row.
    if (dialect == SqlDialect::SQLite) {
        s.emplace_back("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END");
        s.emplace_back("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END");
    } else {
        s.emplace_back("CREATE FUNCTION audit_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$ LANGUAGE plpgsql");
        s.emplace_back("CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_append_only()");
    }
    return s;
}

// v2: the expiry notices (30 and 10 days before), each sent once per certificate.
std::vector<std::string> expiryNotices()
{
    return {
        "ALTER TABLE certificates ADD COLUMN notice30_sent INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE certificates ADD COLUMN notice10_sent INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX certificates_by_expiry ON certificates(status, not_after)",
    };
}

// v3: general users replace the initial password their master gave them before enrolling.
std::vector<std::string> firstPasswordChange()
{
    return {"ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0"};
}

// v4: the audit log becomes a hash chain (store/AuditChain.h); audit_head keeps its newest link,
// and its one row is locked by every append, so that appends on several instances line up.
std::vector<std::string> auditChain()
{
    return {
        "ALTER TABLE audit_log ADD COLUMN seq BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE audit_log ADD COLUMN chain TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, chain TEXT NOT NULL)",
        "INSERT INTO audit_head (id, seq, chain) VALUES (1, 0, '')",
    };
}

// v5 (SPEC §3, nothing to guess or enumerate): an unknown user ID's or contract number's failures
// count in unknown_lockouts (tried_as "user:<id>" or "contract:<number>"), locked and blocked as a known
// one's, until `expires_at` (LockoutSettings::unknownRetention after the last failure); and a
// user's wrong one-time codes in a row, across codes, resends and authentications.
std::vector<std::string> guessing()
{
    return {
        "CREATE TABLE unknown_lockouts (tried_as TEXT PRIMARY KEY, failed_count INTEGER NOT NULL DEFAULT 0, "
        "lock_count INTEGER NOT NULL DEFAULT 0, locked_until BIGINT NOT NULL DEFAULT 0, "
        "blocked INTEGER NOT NULL DEFAULT 0, expires_at BIGINT NOT NULL)",
        "CREATE INDEX unknown_lockouts_by_expiry ON unknown_lockouts(expires_at)",
        "ALTER TABLE users ADD COLUMN code_failures INTEGER NOT NULL DEFAULT 0",
    };
}

// v6: revocation_head counts the revocations, so that a CRL in memory is known current from one
// row (CrlPublisher) instead of the whole list of revoked certificates.
std::vector<std::string> revocationHead()
{
    return {
        "CREATE TABLE revocation_head (id INTEGER PRIMARY KEY CHECK (id = 1), generation BIGINT NOT NULL)",
        "INSERT INTO revocation_head (id, generation) VALUES (1, 0)",
    };
}

} // namespace

const std::vector<Migration>& migrations(SqlDialect dialect)
{
    static const std::vector<Migration> sqlite = {{1, initialSchema(SqlDialect::SQLite)}, {2, expiryNotices()}, {3, firstPasswordChange()}, {4, auditChain()}, {5, guessing()}, {6, revocationHead()}};
    static const std::vector<Migration> postgres = {{1, initialSchema(SqlDialect::PostgreSQL)}, {2, expiryNotices()}, {3, firstPasswordChange()}, {4, auditChain()}, {5, guessing()}, {6, revocationHead()}};
    return dialect == SqlDialect::SQLite ? sqlite : postgres;
}

} // namespace enroll::server
