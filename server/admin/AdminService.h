// The bank operators' actions (SPEC §7) on the same store the server uses, each one audited.
// enroll-admin parses the command line and prints; the rules live here.
#pragma once

#include "admin/DailyReport.h"
#include "enroll/Result.h"
#include "service/Clock.h"
#include "service/Secrets.h"
#include "store/Store.h"

#include <istream>
#include <string>
#include <vector>

namespace enroll::server {

struct ImportReport
{
    int added = 0;
    std::vector<std::string> problems; // "line 3: contract number 1234567: length"
};

class AdminService
{
public:
    AdminService(Store& store, const Clock& clock, const PasswordHasher& hasher, std::string operatorName)
        : store_(store), clock_(clock), hasher_(hasher), operator_(std::move(operatorName))
    {
    }

    // Errors carry a one-line English reason in `detail` for the operator's terminal.
    Status addContract(const std::string& number, const std::string& employer, std::string_view initialPassword);
    // CSV: number,employer,initialPassword per line; a header line and blank lines are skipped.
    // All lines are checked first; nothing is added when any line is wrong.
    Result<ImportReport> importContracts(std::istream& csv);
    // Disables the contract's master (its certificates are revoked) so a new master can register.
    // Disables the master, revokes its certificates and sets a new initial password (the contract's
    // initial-password rule, different from the old one), so that only the new one registers.
    Status resetMaster(const std::string& number, std::string_view newInitialPassword);
    Status unblock(Principal principal, const std::string& id);
    Status revoke(const std::string& serial, const std::string& reason);

    std::vector<ContractRecord> contracts();
    std::vector<UserRecord> users(const std::optional<std::string>& contract);
    std::vector<CertificateRecord> certificates(const std::optional<std::string>& userId);
    std::vector<AuditRow> audit(std::optional<Instant> since);
    // The daily report of a period, read in one transaction.
    DailyReport report(Instant since, Instant until);
    // The whole audit chain checked row by row against its head (read in one transaction), and
    // against anchors written outside the database when given.
    AuditChainReport verifyAudit(const std::vector<AuditAnchor>& anchors = {});

    static bool isRevocationReason(const std::string& reason);

private:
    void record(StoreTransaction& tx, const std::string& event, const std::string& subject, const std::string& detail);
    Store& store_;
    const Clock& clock_;
    const PasswordHasher& hasher_;
    std::string operator_;
};

} // namespace enroll::server
