// The contracts and users of the SQL store, and their lockout counts (SPEC §3): each step of
// the lockout one atomic statement, exact under concurrent attempts and several instances.
#include "store/sql/SqlTransaction.h"

namespace enroll::server {

using sqlstore::optionalInstant;
using sqlstore::Row;
using sqlstore::seconds;

namespace {

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

// The lockout columns live on three tables with the same names: a contract's, a user's, and an
// unknown ID's (SPEC §3), keyed by what it was tried as ("user:<id>", "contract:<number>").
using sqlstore::LockTable;

constexpr LockTable kContracts{"contracts", "number"};
constexpr LockTable kUsers{"users", "user_id"};
constexpr LockTable kUnknown{"unknown_lockouts", "tried_as"};

LockTable tableOf(Principal p)
{
    return p == Principal::Contract ? kContracts : kUsers;
}

std::string unknownKey(Principal p, const std::string& id)
{
    return (p == Principal::Contract ? "contract:" : "user:") + id;
}

const char* kUserColumns =
    "user_id, contract_number, role, user_name, email, password_hash, disabled, created_at, "
    "failed_count, lock_count, locked_until, blocked, must_change_password";

} // namespace

std::optional<ContractRecord> SqlTransaction::contract(const std::string& number)
{
    return one<ContractRecord>("SELECT * FROM contracts WHERE number = ?", {number}, contractFrom);
}

bool SqlTransaction::insertContract(const ContractRecord& c)
{
    // ON CONFLICT DO NOTHING: the same statement in SQLite and PostgreSQL, no error on a duplicate
    return exec("INSERT INTO contracts (number, employer_name, initial_password_hash, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                {c.number, c.employerName, c.initialPasswordHash, seconds(c.createdAt)}) == 1;
}

bool SqlTransaction::setContractInitialPassword(const std::string& number, const std::string& hash)
{
    return exec("UPDATE contracts SET initial_password_hash = ? WHERE number = ?", {hash, number}) == 1;
}

std::vector<ContractRecord> SqlTransaction::contracts()
{
    return many<ContractRecord>("SELECT * FROM contracts ORDER BY number", {}, contractFrom);
}

std::optional<UserRecord> SqlTransaction::user(const std::string& userId)
{
    return one<UserRecord>(std::string("SELECT ") + kUserColumns + " FROM users WHERE user_id = ?", {userId},
                           userFrom);
}

std::optional<UserRecord> SqlTransaction::activeMaster(const std::string& contractNumber)
{
    return one<UserRecord>(std::string("SELECT ") + kUserColumns +
                               " FROM users WHERE contract_number = ? AND role = 'master' AND disabled = 0",
                           {contractNumber}, userFrom);
}

bool SqlTransaction::insertUser(const UserRecord& u)
{
    return exec("INSERT INTO users (user_id, contract_number, role, user_name, email, password_hash, "
                "created_at, "
                "must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                {u.userId, u.contractNumber, std::string(protocol::wireName(u.role)), u.userName, u.email,
                 u.passwordHash, seconds(u.createdAt), Poco::Int64{u.mustChangePassword ? 1 : 0}}) == 1;
}

std::vector<UserRecord> SqlTransaction::users(const std::optional<std::string>& contractNumber)
{
    const std::string select = std::string("SELECT ") + kUserColumns + " FROM users";
    if (contractNumber) {
        return many<UserRecord>(select + " WHERE contract_number = ? ORDER BY role DESC, user_id",
                                {*contractNumber}, userFrom);
    }
    return many<UserRecord>(select + " ORDER BY contract_number, role DESC, user_id", {}, userFrom);
}

int SqlTransaction::activeUserCount(const std::string& contractNumber)
{
    return static_cast<int>(
        scalar("SELECT COUNT(*) FROM users WHERE contract_number = ? AND disabled = 0", {contractNumber}));
}

void SqlTransaction::disableUser(const std::string& userId)
{
    exec("UPDATE users SET disabled = 1 WHERE user_id = ?", {userId});
}

void SqlTransaction::updateProfile(const std::string& userId, const std::string& userName,
                                   const std::string& email)
{
    exec("UPDATE users SET user_name = ?, email = ? WHERE user_id = ?", {userName, email, userId});
}

void SqlTransaction::setPassword(const std::string& userId, const std::string& passwordHash)
{
    exec("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE user_id = ?",
         {passwordHash, userId});
}

bool SqlTransaction::replacePasswordHash(Principal principal, const std::string& id,
                                         const std::string& oldHash, const std::string& newHash)
{
    return exec(principal == Principal::User
                    ? "UPDATE users SET password_hash = ? WHERE user_id = ? AND password_hash = ?"
                    : "UPDATE contracts SET initial_password_hash = ? WHERE number = ? AND "
                      "initial_password_hash = ?",
                {newHash, id, oldHash}) == 1;
}

std::optional<LockState> SqlTransaction::lockRow(LockTable t, const std::string& key)
{
    return one<LockState>(std::string("SELECT failed_count, lock_count, locked_until, blocked FROM ") +
                              t.table + " WHERE " + t.key + " = ?",
                          {key}, lockFrom);
}

std::optional<LockState> SqlTransaction::lockState(Principal principal, const std::string& id, Instant now)
{
    if (auto known = lockRow(tableOf(principal), id)) {
        return known;
    }
    return one<LockState>("SELECT failed_count, lock_count, locked_until, blocked FROM unknown_lockouts "
                          "WHERE tried_as = ? AND expires_at > ?",
                          {unknownKey(principal, id), seconds(now)}, lockFrom);
}

std::optional<FailureOutcome> SqlTransaction::countFailure(LockTable t, const std::string& key, Instant now,
                                                           const LockoutSettings& settings)
{
    const std::string where = std::string(" WHERE ") + t.key + " = ?";
    // 1. count, only while neither locked nor blocked (a lock that ran out counts afresh)
    const auto counted = exec(std::string("UPDATE ") + t.table + " SET failed_count = failed_count + 1" +
                                  where + " AND blocked = 0 AND locked_until <= ?",
                              {key, seconds(now)});
    if (counted == 0) {
        const auto state = lockRow(t, key);
        if (!state) {
            return std::nullopt;
        }
        return state->blocked ? FailureOutcome::AlreadyBlocked : FailureOutcome::AlreadyLocked;
    }
    // 2. the threshold-th failure locks and starts a fresh count for after the lock
    const auto locked = exec(std::string("UPDATE ") + t.table +
                                 " SET failed_count = 0, lock_count = lock_count + 1, locked_until = ?" +
                                 where + " AND failed_count >= ?",
                             {seconds(now + settings.duration), key, Poco::Int64{settings.threshold}});
    if (locked == 0) {
        return FailureOutcome::Counted;
    }
    // 3. the locksBeforeBlock-th lock in a row blocks for good
    const auto blocked =
        exec(std::string("UPDATE ") + t.table + " SET blocked = 1" + where + " AND lock_count >= ?",
             {key, Poco::Int64{settings.locksBeforeBlock}});
    return blocked == 0 ? FailureOutcome::LockedNow : FailureOutcome::BlockedNow;
}

FailureRecorded SqlTransaction::recordFailure(Principal principal, const std::string& id, Instant now,
                                              const LockoutSettings& settings)
{
    if (const auto outcome = countFailure(tableOf(principal), id, now, settings)) {
        return {*outcome, true};
    }
    // No such contract or user: counted all the same, in a row of the unknown IDs' table that
    // lives `unknownRetention` after its last failure (the expired ones are cleared here).
    const auto key = unknownKey(principal, id);
    const auto until = seconds(now + settings.unknownRetention);
    exec("DELETE FROM unknown_lockouts WHERE expires_at <= ?", {seconds(now)});
    exec("INSERT INTO unknown_lockouts (tried_as, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
         {key, until});
    exec("UPDATE unknown_lockouts SET expires_at = ? WHERE tried_as = ?", {until, key});
    return {countFailure(kUnknown, key, now, settings).value_or(FailureOutcome::Counted), false};
}

bool SqlTransaction::recordSuccess(Principal principal, const std::string& id, Instant now)
{
    const auto t = tableOf(principal);
    // a whole authentication also ends a user's run of wrong one-time codes
    const char* codes = principal == Principal::User ? ", code_failures = 0" : "";
    return exec(std::string("UPDATE ") + t.table + " SET failed_count = 0, lock_count = 0, locked_until = 0" +
                    codes + " WHERE " + t.key + " = ? AND blocked = 0 AND locked_until <= ?",
                {id, seconds(now)}) == 1;
}

bool SqlTransaction::unblock(Principal principal, const std::string& id)
{
    const auto t = tableOf(principal);
    const char* codes = principal == Principal::User ? ", code_failures = 0" : "";
    return exec(std::string("UPDATE ") + t.table +
                    " SET blocked = 0, failed_count = 0, lock_count = 0, locked_until = 0" + codes +
                    " WHERE " + t.key + " = ?",
                {id}) == 1;
}

bool SqlTransaction::countWrongCode(const std::string& userId, int run)
{
    exec("UPDATE users SET code_failures = code_failures + 1 WHERE user_id = ?", {userId});
    // one statement decides who completed the run, under concurrent wrong codes too
    return exec("UPDATE users SET code_failures = 0 WHERE user_id = ? AND code_failures >= ?",
                {userId, Poco::Int64{run}}) == 1;
}

} // namespace enroll::server
