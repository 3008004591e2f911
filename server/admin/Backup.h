// Backups of the SQLite database that restore (docs/operations.md, "Backups"): SQLite's online
// backup API copies one consistent snapshot while the server keeps serving (WAL: its writers are
// not held up), into a file written beside the target and renamed into place only once it
// verifies — PRAGMA integrity_check, then the audit log's hash chain. A restore verifies the same
// way before the copy becomes the data directory's database, and never replaces one.
// PostgreSQL is backed up with pg_dump and pg_restore instead (the same section).
#pragma once

#include "store/AuditChain.h"

#include <filesystem>

namespace enroll::server {

struct BackupReport
{
    long long certificates = 0;
    long long auditRows = 0;
    AuditHead head;
    std::uintmax_t bytes = 0;
};

// Each throws std::runtime_error with a one-line reason; then nothing is left at the target.
BackupReport backupDatabase(const std::filesystem::path& database, const std::filesystem::path& file);
BackupReport restoreDatabase(const std::filesystem::path& file, const std::filesystem::path& database);

// What a copy holds, once it has verified (throws otherwise). The copy may be changed back to a
// single file (rollback journal), nothing else.
BackupReport verifyDatabaseCopy(const std::filesystem::path& copy);

} // namespace enroll::server
