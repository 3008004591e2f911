#include "admin/DailyReport.h"

#include "enroll/CertificateValidity.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace enroll::server {
namespace {

using std::chrono::hours;

struct Owners
{
    std::map<std::string, std::string> contractOfUser;
    std::map<std::string, std::string> employerOfContract;

    void fill(ReportRow& row, bool subjectIsUser) const
    {
        if (subjectIsUser) {
            const auto it = contractOfUser.find(row.subject);
            row.contract = it == contractOfUser.end() ? std::string() : it->second;
        } else {
            row.contract = row.subject;
        }
        const auto employer = employerOfContract.find(row.contract);
        row.employer = employer == employerOfContract.end() ? std::string() : employer->second;
    }
};

long long count(const std::vector<AuditRow>& rows, std::string_view event, std::string_view detailPrefix = {})
{
    return std::count_if(rows.begin(), rows.end(), [&](const AuditRow& r) {
        return r.event == event && std::string_view(r.detail).starts_with(detailPrefix);
    });
}

std::string csvCell(std::string_view value)
{
    std::string cell(value);
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
        cell.insert(0, "'");
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string quoted = "\"";
    for (const char c : cell) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

std::string csvLine(const std::vector<std::string>& cells)
{
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        line += (i == 0 ? "" : ",") + csvCell(cells[i]);
    }
    return line + "\r\n";
}

std::string jst(Instant t)
{
    return formatRfc3339Jst(t);
}

void textRows(std::string& out, const char* title, const std::vector<ReportRow>& rows)
{
    out += "\n" + std::string(title) + " (" + std::to_string(rows.size()) + ")\n";
    for (const auto& r : rows) {
        out += "  " + jst(r.at) + "  " + r.what + "  " + r.subject + "  contract " + (r.contract.empty() ? "-" : r.contract) +
               "  " + (r.employer.empty() ? "-" : r.employer) + (r.detail.empty() ? "" : "  " + r.detail) + "\n";
    }
}

} // namespace

DailyReport buildDailyReport(StoreTransaction& tx, Instant since, Instant until)
{
    DailyReport report;
    report.since = since;
    report.until = until;
    auto rows = tx.audit(since);
    std::erase_if(rows, [until](const AuditRow& r) { return r.at > until; });

    Owners owners;
    for (const auto& user : tx.users(std::nullopt)) {
        owners.contractOfUser[user.userId] = user.contractNumber;
    }
    for (const auto& contract : tx.contracts()) {
        owners.employerOfContract[contract.number] = contract.employerName;
    }

    report.certificates = {{"issued (first issuance)", count(rows, "cert.issued")},
                           {"renewed in the wizard", count(rows, "cert.renewed.interactive")},
                           {"renewed by the PC itself", count(rows, "cert.renewed.silent")},
                           {"confirmed installed", count(rows, "cert.confirmed")},
                           {"revoked", count(rows, "cert.revoked")}};
    report.failures = {{"contract logins refused", count(rows, "contract.login.failure")},
                       {"user logins refused", count(rows, "user.login.failure")},
                       {"wrong one-time codes", count(rows, "code.verify.failure")},
                       {"issued but never installed (revoked when replaced)", count(rows, "cert.revoked", "never confirmed")}};

    for (const auto& r : rows) {
        const bool user = r.event.starts_with("user.");
        if (r.event == "contract.locked" || r.event == "contract.blocked" || r.event == "user.locked" || r.event == "user.blocked") {
            ReportRow row{r.at, r.event, r.subject, {}, {}, r.detail};
            owners.fill(row, user);
            report.locks.push_back(row);
        } else if (r.event == "mail.failure" || r.event == "code.mail.failure") {
            const bool toUser = r.event == "code.mail.failure";
            ReportRow row{r.at, r.event, r.subject, {}, {}, toUser ? "code mail" : r.detail};
            if (toUser) {
                owners.fill(row, true);
            }
            report.mailFailures.push_back(row);
        }
    }

    // active at the end of the period, ending within 30 days of it, and no newer certificate
    // (a renewal issued, confirmed or not) for its user
    const auto all = tx.certificates(std::nullopt);
    for (const auto& cert : all) {
        if (cert.status != CertificateStatus::Active || cert.notAfter <= until || cert.notAfter > until + hours(24 * 30)) {
            continue;
        }
        const bool renewed = std::any_of(all.begin(), all.end(), [&cert](const CertificateRecord& other) {
            return other.userId == cert.userId && other.serial != cert.serial && other.status != CertificateStatus::Revoked &&
                   other.notAfter > cert.notAfter;
        });
        if (!renewed) {
            ReportRow row{cert.notAfter, "expiring", cert.userId, {}, {}, "serial " + cert.serial};
            owners.fill(row, true);
            report.expiring.push_back(row);
        }
    }
    std::sort(report.expiring.begin(), report.expiring.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    return report;
}

std::string reportText(const DailyReport& report)
{
    std::string out = "Rokin Enroll report, " + jst(report.since) + " to " + jst(report.until) + " (Japan time)\n";
    for (const auto& [title, counts] : {std::pair{"Certificates", &report.certificates}, std::pair{"Failures", &report.failures}}) {
        out += "\n" + std::string(title) + "\n";
        for (const auto& c : *counts) {
            std::string item = "  " + c.item;
            item.resize(std::max<std::size_t>(item.size() + 1, 56), ' ');
            out += item + std::to_string(c.count) + "\n";
        }
    }
    textRows(out, "Locks and blocks", report.locks);
    textRows(out, "Expiring within 30 days, not renewed", report.expiring);
    textRows(out, "Mail failures", report.mailFailures);
    return out;
}

std::string reportCsv(const DailyReport& report)
{
    std::string out = "\xEF\xBB\xBF" + csvLine({"section", "item", "count", "time", "subject", "contract", "employer", "detail"});
    const std::string period = jst(report.since) + " to " + jst(report.until);
    for (const auto& [section, counts] : {std::pair{"certificates", &report.certificates}, std::pair{"failures", &report.failures}}) {
        for (const auto& c : *counts) {
            out += csvLine({section, c.item, std::to_string(c.count), period, "", "", "", ""});
        }
    }
    for (const auto& [section, rows] : {std::pair{"locks", &report.locks}, std::pair{"expiring", &report.expiring},
                                        std::pair{"mail failures", &report.mailFailures}}) {
        for (const auto& r : *rows) {
            out += csvLine({section, r.what, "1", jst(r.at), r.subject, r.contract, r.employer, r.detail});
        }
    }
    return out;
}

std::optional<Instant> parseSince(std::string_view text, Instant until)
{
    if (text.size() >= 2) {
        long long n = 0;
        const auto unit = text.back();
        const auto digits = text.substr(0, text.size() - 1);
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (error == std::errc() && end == digits.data() + digits.size() && n > 0 && n <= 3660 * 24) {
            const long long seconds = unit == 'd' ? 86400 : unit == 'h' ? 3600 : unit == 'm' ? 60 : unit == 's' ? 1 : 0;
            if (seconds != 0) {
                return until - std::chrono::seconds(n * seconds);
            }
        }
    }
    return parseRfc3339(text);
}

} // namespace enroll::server
