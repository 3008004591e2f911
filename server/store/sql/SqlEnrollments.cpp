// Registration tokens and enrollments of the SQL store: the one-time codes (each attempt spent
// before the comparison) and the issuance tokens.
#include "store/sql/SqlTransaction.h"

namespace enroll::server {

using sqlstore::Row;
using sqlstore::seconds;

namespace {

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

const char* kEnrollmentColumns =
    "id, user_id, code_hash, code_expires_at, attempts_left, resends, last_sent_at, "
    "issuance_token_hash, issuance_expires_at, issued_serial, confirmed";

} // namespace

void SqlTransaction::insertRegistrationToken(const RegistrationTokenRecord& token)
{
    exec("INSERT INTO registration_tokens (token_hash, contract_number, expires_at) VALUES (?, ?, ?)",
         {token.tokenHash, token.contractNumber, seconds(token.expiresAt)});
}

std::optional<std::string> SqlTransaction::liveRegistrationToken(const std::string& tokenHash, LiveEnds live)
{
    return one<std::string>(
        "SELECT contract_number FROM registration_tokens WHERE token_hash = ? AND used = 0 "
        "AND expires_at > ? AND expires_at <= ?",
        {tokenHash, seconds(live.after), seconds(live.atMost)},
        [](const Row& r) { return r.text("contract_number"); });
}

std::optional<std::string> SqlTransaction::spendRegistrationToken(const std::string& tokenHash, LiveEnds live)
{
    if (exec("UPDATE registration_tokens SET used = 1 WHERE token_hash = ? AND used = 0 AND expires_at > ? "
             "AND expires_at <= ?",
             {tokenHash, seconds(live.after), seconds(live.atMost)}) != 1) {
        return std::nullopt;
    }
    return one<std::string>("SELECT contract_number FROM registration_tokens WHERE token_hash = ?",
                            {tokenHash}, [](const Row& r) { return r.text("contract_number"); });
}

void SqlTransaction::insertEnrollment(const EnrollmentRecord& e)
{
    exec("INSERT INTO enrollments (id, user_id, code_hash, code_expires_at, attempts_left, resends, "
         "last_sent_at, "
         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         {e.id, e.userId, e.codeHash, seconds(e.codeExpiresAt), Poco::Int64{e.attemptsLeft},
          Poco::Int64{e.resends}, seconds(e.lastSentAt), seconds(e.lastSentAt)});
}

std::optional<EnrollmentRecord> SqlTransaction::enrollment(const std::string& id)
{
    return one<EnrollmentRecord>(
        std::string("SELECT ") + kEnrollmentColumns + " FROM enrollments WHERE id = ?", {id}, enrollmentFrom);
}

std::optional<EnrollmentRecord> SqlTransaction::enrollmentByIssuanceToken(const std::string& tokenHash)
{
    return one<EnrollmentRecord>(std::string("SELECT ") + kEnrollmentColumns +
                                     " FROM enrollments WHERE issuance_token_hash = ?",
                                 {tokenHash}, enrollmentFrom);
}

bool SqlTransaction::replaceCode(const std::string& id, const std::string& codeHash, Instant expiresAt,
                                 int attempts, int expectedResends, Instant sentAt)
{
    return exec("UPDATE enrollments SET code_hash = ?, code_expires_at = ?, attempts_left = ?, "
                "resends = resends + 1, last_sent_at = ? WHERE id = ? AND resends = ? AND code_hash <> ''",
                {codeHash, seconds(expiresAt), Poco::Int64{attempts}, seconds(sentAt), id,
                 Poco::Int64{expectedResends}}) == 1;
}

std::optional<CodeAttempt> SqlTransaction::takeCodeAttempt(const std::string& id, LiveEnds live)
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

int SqlTransaction::voidOpenEnrollments(const std::string& userId)
{
    return static_cast<int>(
        exec("UPDATE enrollments SET code_hash = '', attempts_left = 0, issuance_expires_at = 0 "
             "WHERE user_id = ? AND issued_serial IS NULL AND (code_hash <> '' OR issuance_expires_at > 0)",
             {userId}));
}

bool SqlTransaction::setIssuanceToken(const std::string& id, const std::string& codeHash,
                                      const std::string& tokenHash, Instant expiresAt)
{
    return exec("UPDATE enrollments SET code_hash = '', attempts_left = 0, issuance_token_hash = ?, "
                "issuance_expires_at = ? WHERE id = ? AND code_hash = ? AND code_hash <> ''",
                {tokenHash, seconds(expiresAt), id, codeHash}) == 1;
}

bool SqlTransaction::markIssued(const std::string& id, const std::string& serial)
{
    return exec("UPDATE enrollments SET issued_serial = ? WHERE id = ? AND issued_serial IS NULL",
                {serial, id}) == 1;
}

bool SqlTransaction::markConfirmed(const std::string& id)
{
    return exec("UPDATE enrollments SET confirmed = 1 WHERE id = ? AND confirmed = 0", {id}) == 1;
}

} // namespace enroll::server
