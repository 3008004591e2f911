#include "admin/AdminService.h"

#include "enroll/RuleText.h"
#include "enroll/Utf8.h"

#include <array>
#include <sstream>

namespace enroll::server {
namespace {

constexpr std::array<const char*, 7> kReasons = {"unspecified",          "keyCompromise",   "affiliationChanged",
                                                 "superseded",           "cessationOfOperation", "certificateHold",
                                                 "privilegeWithdrawn"};

Error refused(ErrorCode code, std::string reason)
{
    return Error::of(code, std::move(reason));
}

std::string trim(std::string s)
{
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) {
        s.pop_back();
    }
    while (!s.empty() && s.front() == ' ') {
        s.erase(0, 1);
    }
    return s;
}

// The checks of one contract, as a reason for the operator (nothing when it is fine).
std::optional<std::string> contractProblem(const std::string& number, const std::string& employer,
                                           std::string_view initialPassword)
{
    if (const auto rule = checkContractNumber(number)) {
        return "contract number '" + number + "': " + std::string(wireName(*rule));
    }
    const auto chars = utf8::decode(employer);
    if (employer.empty() || !chars || chars->size() > 100) {
        return "employer name must be 1-100 characters of UTF-8";
    }
    if (const auto rule = checkInitialPassword(initialPassword)) {
        return "initial password: " + std::string(wireName(*rule)) +
               " (exactly 8 half-width characters with upper, lower, digit and symbol)";
    }
    return std::nullopt;
}

} // namespace

bool AdminService::isRevocationReason(const std::string& reason)
{
    for (const auto* r : kReasons) {
        if (reason == r) {
            return true;
        }
    }
    return false;
}

void AdminService::record(StoreTransaction& tx, const std::string& event, const std::string& subject,
                          const std::string& detail)
{
    tx.appendAudit({0, clock_.now(), event, subject, detail, "admin:" + operator_});
}

Status AdminService::addContract(const std::string& number, const std::string& employer,
                                 std::string_view initialPassword)
{
    if (auto problem = contractProblem(number, employer, initialPassword)) {
        return refused(ErrorCode::InvalidInput, *problem);
    }
    ContractRecord contract;
    contract.number = number;
    contract.employerName = employer;
    contract.initialPasswordHash = hasher_.hash(initialPassword);
    contract.createdAt = clock_.now();
    auto tx = store_.begin(Store::Mode::Write);
    if (!tx->insertContract(contract)) {
        return refused(ErrorCode::InvalidInput, "contract " + number + " already exists");
    }
    record(*tx, "admin.contract.added", number, employer);
    tx->commit();
    return Done{};
}

Result<ImportReport> AdminService::importContracts(std::istream& csv)
{
    struct Line
    {
        int number;
        std::string contract;
        std::string employer;
        SecureString password;
    };
    std::vector<Line> lines;
    ImportReport report;
    std::string text;
    int lineNumber = 0;
    while (std::getline(csv, text)) {
        ++lineNumber;
        text = trim(text);
        if (text.empty() || (lineNumber == 1 && text.rfind("number", 0) == 0)) {
            continue;
        }
        // number,employer,password: the employer may contain commas, the other two cannot
        const auto first = text.find(',');
        const auto last = text.rfind(',');
        if (first == std::string::npos || first == last) {
            report.problems.push_back("line " + std::to_string(lineNumber) + ": expected number,employer,initialPassword");
            continue;
        }
        Line line{lineNumber, trim(text.substr(0, first)), trim(text.substr(first + 1, last - first - 1)),
                  SecureString(trim(text.substr(last + 1)))};
        if (auto problem = contractProblem(line.contract, line.employer, line.password.view())) {
            report.problems.push_back("line " + std::to_string(lineNumber) + ": " + *problem);
            continue;
        }
        lines.push_back(std::move(line));
        secureWipe(text.data(), text.size());
    }
    if (!report.problems.empty()) {
        return report;
    }
    std::vector<std::string> hashes;
    for (const auto& line : lines) {
        hashes.push_back(hasher_.hash(line.password.view()));
    }
    auto tx = store_.begin(Store::Mode::Write);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        ContractRecord contract;
        contract.number = lines[i].contract;
        contract.employerName = lines[i].employer;
        contract.initialPasswordHash = hashes[i];
        contract.createdAt = clock_.now();
        if (!tx->insertContract(contract)) {
            report.problems.push_back("line " + std::to_string(lines[i].number) + ": contract " + lines[i].contract +
                                      " already exists");
            continue;
        }
        record(*tx, "admin.contract.added", contract.number, contract.employerName + " (import)");
        ++report.added;
    }
    if (!report.problems.empty()) {
        report.added = 0;
        return report; // rolled back: all or nothing
    }
    tx->commit();
    return report;
}

Status AdminService::resetMaster(const std::string& number, std::string_view newInitialPassword)
{
    if (const auto rule = checkInitialPassword(newInitialPassword)) {
        return refused(ErrorCode::InvalidInput, "new initial password: " + std::string(wireName(*rule)) +
                                                    " (exactly 8 half-width characters with upper, lower, digit and symbol)");
    }
    std::optional<ContractRecord> contract;
    {
        auto tx = store_.begin(Store::Mode::Read);
        contract = tx->contract(number);
    }
    if (!contract) {
        return refused(ErrorCode::NotFound, "no contract " + number);
    }
    // whoever knew the old initial password must not register the next master
    if (hasher_.verify(contract->initialPasswordHash, newInitialPassword)) {
        return refused(ErrorCode::InvalidInput, "the new initial password must differ from the old one");
    }
    const auto hash = hasher_.hash(newInitialPassword);
    auto tx = store_.begin(Store::Mode::Write);
    const auto master = tx->activeMaster(number);
    if (!master) {
        return refused(ErrorCode::NotFound, "contract " + number + " has no active master");
    }
    tx->disableUser(master->userId);
    for (const auto& cert : tx->certificates(master->userId)) {
        if (cert.status != CertificateStatus::Revoked) {
            tx->revokeCertificate(cert.serial, "cessationOfOperation", clock_.now());
            record(*tx, "cert.revoked", cert.serial, "master reset");
        }
    }
    tx->setContractInitialPassword(number, hash);
    tx->unblock(Principal::Contract, number);
    record(*tx, "admin.contract.reset-master", number,
           "master " + master->userId + " disabled, new initial password set");
    tx->commit();
    return Done{};
}

Status AdminService::unblock(Principal principal, const std::string& id)
{
    auto tx = store_.begin(Store::Mode::Write);
    if (!tx->unblock(principal, id)) {
        return refused(ErrorCode::NotFound, std::string(principal == Principal::User ? "no user " : "no contract ") + id);
    }
    record(*tx, principal == Principal::User ? "admin.user.unblocked" : "admin.contract.unblocked", id, "");
    tx->commit();
    return Done{};
}

Status AdminService::revoke(const std::string& serial, const std::string& reason)
{
    if (!isRevocationReason(reason)) {
        std::string all;
        for (const auto* r : kReasons) {
            all += std::string(all.empty() ? "" : ", ") + r;
        }
        return refused(ErrorCode::InvalidInput, "reason must be one of: " + all);
    }
    auto tx = store_.begin(Store::Mode::Write);
    const auto cert = tx->certificate(serial);
    if (!cert) {
        return refused(ErrorCode::NotFound, "no certificate " + serial);
    }
    if (!tx->revokeCertificate(serial, reason, clock_.now())) {
        return refused(ErrorCode::InvalidInput, "certificate " + serial + " is already revoked");
    }
    record(*tx, "cert.revoked", serial, "by the bank: " + reason);
    tx->commit();
    return Done{};
}

std::vector<ContractRecord> AdminService::contracts()
{
    return store_.begin(Store::Mode::Read)->contracts();
}

std::vector<UserRecord> AdminService::users(const std::optional<std::string>& contract)
{
    return store_.begin(Store::Mode::Read)->users(contract);
}

std::vector<CertificateRecord> AdminService::certificates(const std::optional<std::string>& userId)
{
    return store_.begin(Store::Mode::Read)->certificates(userId);
}

AuditChainReport AdminService::verifyAudit(const std::vector<AuditAnchor>& anchors)
{
    auto tx = store_.begin(Store::Mode::Read);
    const auto rows = tx->audit(std::nullopt);
    return verifyAuditChain(rows, tx->auditHead(), anchors);
}

DailyReport AdminService::report(Instant since, Instant until)
{
    auto tx = store_.begin(Store::Mode::Read);
    return buildDailyReport(*tx, since, until);
}

std::vector<AuditRow> AdminService::audit(std::optional<Instant> since)
{
    return store_.begin(Store::Mode::Read)->audit(since);
}

} // namespace enroll::server
