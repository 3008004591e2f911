// The bank operator's daily report (`enroll-admin report --since 24h [--csv]`, docs/operations.md,
// "The daily report"): what the audit log holds for a period — certificates issued, renewed (in the
// wizard and by PCs themselves), confirmed and revoked; refused logins and wrong codes; locks and
// blocks with their contracts; mail failures — and the certificates that expire within 30 days of
// its end without a renewal, with their contracts. Plain text for reading, CSV for the bank's
// spreadsheet. Built from one read transaction; formatting is separate and pure.
#pragma once

#include "store/Store.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace enroll::server {

struct ReportCount
{
    std::string item;
    long long count = 0;
};

struct ReportRow
{
    Instant at{};         // the event's time; for an expiring certificate, its end
    std::string what;     // the audit event, or "expiring"
    std::string subject;  // a contract number, user ID or serial
    std::string contract; // the contract it belongs to, when known
    std::string employer;
    std::string detail;
};

struct DailyReport
{
    Instant since{};
    Instant until{};
    std::vector<ReportCount> certificates;
    std::vector<ReportCount> failures;
    std::vector<ReportRow> locks;
    std::vector<ReportRow> expiring;
    std::vector<ReportRow> mailFailures;
};

DailyReport buildDailyReport(StoreTransaction& tx, Instant since, Instant until);
[[nodiscard]] std::string reportText(const DailyReport& report);
// UTF-8 with a byte order mark (Excel on Japanese Windows reads it as UTF-8 then), one header row;
// a cell that starts with = + - @ is prefixed with ' so a spreadsheet never runs it.
[[nodiscard]] std::string reportCsv(const DailyReport& report);

// "24h", "7d", "90m", "3600s": a period back from `until`; or an RFC 3339 time.
[[nodiscard]] std::optional<Instant> parseSince(std::string_view text, Instant until);

} // namespace enroll::server
