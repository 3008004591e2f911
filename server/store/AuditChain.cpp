#include "store/AuditChain.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <chrono>
#include <map>
#include <regex>

namespace enroll::server {
namespace {

void field(std::string& out, const std::string& value)
{
    out += std::to_string(value.size());
    out += ':';
    out += value;
}

} // namespace

std::string auditLink(const std::string& previous, long long seq, const AuditEntry& entry)
{
    std::string text;
    field(text, previous);
    field(text, std::to_string(seq));
    field(text, std::to_string(std::chrono::duration_cast<std::chrono::seconds>(entry.at.time_since_epoch()).count()));
    field(text, entry.event);
    field(text, entry.subject);
    field(text, entry.detail);
    field(text, entry.remote);
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(text);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string formatAuditAnchor(const AuditHead& head)
{
    return "audit anchor seq=" + std::to_string(head.seq) + " chain=" + head.chain;
}

std::vector<AuditAnchor> parseAuditAnchors(const std::string& text)
{
    static const std::regex anchor(R"(audit anchor seq=([0-9]{1,18}) chain=([0-9a-f]{64}))");
    std::vector<AuditAnchor> out;
    for (std::sregex_iterator it(text.begin(), text.end(), anchor), end; it != end; ++it) {
        out.push_back({std::stoll((*it)[1].str()), (*it)[2].str()});
    }
    return out;
}

AuditChainReport verifyAuditChain(const std::vector<AuditRow>& rows, const AuditHead& head,
                                  const std::vector<AuditAnchor>& anchors)
{
    AuditChainReport report;
    report.head = head;
    std::string previous;
    long long expected = 1;
    for (const auto& row : rows) {
        if (row.seq == 0) {
            if (report.chained > 0) {
                report.problems.push_back("row " + std::to_string(row.id) + " was written outside the chain");
            } else {
                ++report.unchained;
            }
            continue;
        }
        if (row.seq != expected) {
            report.problems.push_back("row " + std::to_string(row.id) + " is number " + std::to_string(row.seq) +
                                      " where " + std::to_string(expected) + " was due: " +
                                      (row.seq > expected ? "rows removed before it" : "a row repeated"));
        }
        const auto link = auditLink(previous, row.seq, row);
        if (link != row.chain) {
            report.problems.push_back("row " + std::to_string(row.id) + " (number " + std::to_string(row.seq) +
                                      ") does not match its link: changed, or a row before it changed or removed");
        }
        previous = row.chain;
        expected = row.seq + 1;
        ++report.chained;
    }
    if (head.seq != expected - 1 || head.chain != previous) {
        report.problems.push_back("the newest row is number " + std::to_string(expected - 1) + ", the chain's head says " +
                                  std::to_string(head.seq) + ": rows removed at the end, or the head changed");
    }
    std::map<long long, const std::string*> links;
    for (const auto& row : rows) {
        if (row.seq > 0) {
            links[row.seq] = &row.chain;
        }
    }
    for (const auto& anchor : anchors) {
        const auto it = links.find(anchor.seq);
        if (it == links.end()) {
            report.problems.push_back("anchor " + std::to_string(anchor.seq) +
                                      ": no such row any more (the history was cut back or rewound)");
        } else if (*it->second != anchor.chain) {
            report.problems.push_back("anchor " + std::to_string(anchor.seq) +
                                      ": the row's link is not the one written then (the history was rewritten)");
        }
    }
    return report;
}

} // namespace enroll::server
