#include "admin/Backup.h"

#include "store/Store.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

namespace enroll::server {
namespace {

namespace fs = std::filesystem;

struct CloseDb
{
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Db open(const fs::path& path, int flags)
{
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    Db owned(db);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("cannot open " + path.string() + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(db, 10000);
    return owned;
}

// Every row of a one-column query, as text.
std::vector<std::string> column(sqlite3* db, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string("not an enroll database: ") + sqlite3_errmsg(db));
    }
    std::vector<std::string> out;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(statement, 0);
        out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    const std::string error = rc == SQLITE_DONE ? std::string() : sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    if (!error.empty()) {
        throw std::runtime_error("the database cannot be read: " + error);
    }
    return out;
}

void exec(sqlite3* db, const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string error = message ? message : "unknown error";
        sqlite3_free(message);
        throw std::runtime_error(error);
    }
}

void syncPath(const fs::path& path, int flags)
{
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) {
            ::close(fd);
        }
        throw std::runtime_error("cannot write " + path.string() + " to disk: " + std::generic_category().message(errno));
    }
    ::close(fd);
}

// A partial file beside `target`, removed unless it was renamed into place.
class Partial
{
public:
    explicit Partial(const fs::path& target)
        : path_(target.parent_path() / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid())))
    {
        removeAll();
    }
    ~Partial() { removeAll(); }
    Partial(const Partial&) = delete;
    Partial& operator=(const Partial&) = delete;
    [[nodiscard]] const fs::path& path() const { return path_; }

    // fsync, rename over `target`, fsync the directory
    void commit(const fs::path& target)
    {
        syncPath(path_, O_RDONLY);
        fs::rename(path_, target);
        syncPath(target.parent_path().empty() ? fs::path(".") : target.parent_path(), O_RDONLY | O_DIRECTORY);
    }

private:
    void removeAll()
    {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            fs::remove(path_.string() + suffix, ignored);
        }
    }
    fs::path path_;
};

fs::path absoluteTarget(const fs::path& path)
{
    return fs::absolute(path).lexically_normal();
}

} // namespace

BackupReport verifyDatabaseCopy(const fs::path& copy)
{
    {
        const auto db = open(copy, SQLITE_OPEN_READWRITE);
        std::vector<std::string> integrity;
        try {
            integrity = column(db.get(), "PRAGMA integrity_check");
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string("the copy is damaged (") + e.what() + ")");
        }
        if (integrity.size() != 1 || integrity.front() != "ok") {
            throw std::runtime_error("the copy is damaged (integrity check: " + (integrity.empty() ? std::string("no answer") : integrity.front()) + ")");
        }
        if (column(db.get(), "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").empty()) {
            throw std::runtime_error("not a Rokin Enroll database (no audit log)");
        }
    }
    BackupReport report;
    {
        // the audit chain read as the server reads it (the store runs no migration on a copy of
        // its own schema version)
        const auto store = openStore("sqlite:" + copy.string());
        auto tx = store->begin(Store::Mode::Read);
        const auto chain = verifyAuditChain(tx->audit(std::nullopt), tx->auditHead());
        if (!chain.problems.empty()) {
            throw std::runtime_error("the audit chain does not verify: " + chain.problems.front() + " (" +
                                     std::to_string(chain.problems.size()) + " problem(s))");
        }
        report.auditRows = chain.chained + chain.unchained;
        report.head = chain.head;
        report.certificates = static_cast<long long>(tx->certificates(std::nullopt).size());
    }
    // one self-contained file again (the store had switched it to WAL)
    const auto db = open(copy, SQLITE_OPEN_READWRITE);
    exec(db.get(), "PRAGMA journal_mode = DELETE");
    report.bytes = fs::file_size(copy);
    return report;
}

BackupReport backupDatabase(const fs::path& database, const fs::path& file)
{
    if (!fs::exists(database)) {
        throw std::runtime_error("no database at " + database.string());
    }
    const auto target = absoluteTarget(file);
    if (fs::is_directory(target)) {
        throw std::runtime_error(target.string() + " is a directory: give the backup's file name");
    }
    Partial partial(target);
    {
        const auto source = open(database, SQLITE_OPEN_READWRITE); // WAL: a reader needs the shared memory
        const auto copy = open(partial.path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        sqlite3_backup* backup = sqlite3_backup_init(copy.get(), "main", source.get(), "main");
        if (backup == nullptr) {
            throw std::runtime_error(std::string("backup not started: ") + sqlite3_errmsg(copy.get()));
        }
        // every page in one step: one read transaction, so one consistent snapshot; the server's
        // writes go on into its WAL meanwhile. Busy only while a checkpoint holds the file.
        int rc = SQLITE_OK;
        for (int tries = 0; tries < 200; ++tries) {
            rc = sqlite3_backup_step(backup, -1);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
                break;
            }
            sqlite3_sleep(50);
        }
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
        }
    }
    fs::permissions(partial.path(), fs::perms::owner_read | fs::perms::owner_write); // hashes, addresses
    auto report = verifyDatabaseCopy(partial.path());
    partial.commit(target);
    return report;
}

BackupReport restoreDatabase(const fs::path& file, const fs::path& database)
{
    if (!fs::is_regular_file(file)) {
        throw std::runtime_error("no backup file at " + file.string());
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        if (fs::exists(database.string() + suffix)) {
            throw std::runtime_error(database.string() + suffix +
                                     " exists: a restore never replaces a database (stop the server and move the data "
                                     "directory's enroll.db* aside first)");
        }
    }
    fs::create_directories(database.parent_path());
    Partial partial(database);
    fs::copy_file(file, partial.path());
    fs::permissions(partial.path(), fs::perms::owner_read | fs::perms::owner_write);
    // restored by root: the database belongs to whoever owns its directory (the service's user)
    struct stat directory {};
    if (::geteuid() == 0 && ::stat(database.parent_path().c_str(), &directory) == 0 &&
        ::chown(partial.path().c_str(), directory.st_uid, directory.st_gid) != 0) {
        throw std::runtime_error("cannot give " + partial.path().string() + " to the owner of its directory");
    }
    auto report = verifyDatabaseCopy(partial.path());
    partial.commit(database);
    return report;
}

} // namespace enroll::server
