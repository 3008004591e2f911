// The audit log as a hash chain: every row carries the SHA-256 of the row before it and of its
// own fields, numbered without gaps (seq); the database keeps the newest link (audit_head). A
// row changed, removed or slipped in outside the chain breaks it, and `enroll-admin audit verify`
// says where. Rows written before the chain existed (schema v4) have seq 0 and stand before it.
#pragma once

#include "store/Records.h"

#include <string>
#include <vector>

namespace enroll::server {

// The link of row number `seq` with `entry`'s fields (each length-prefixed) after `previous` (""
// for the first row): lower-case hex SHA-256.
std::string auditLink(const std::string& previous, long long seq, const AuditEntry& entry);

struct AuditHead
{
    long long seq = 0;  // the newest row's number (0: none yet)
    std::string chain;  // its link
};

struct AuditChainReport
{
    long long chained = 0;   // rows in the chain
    long long unchained = 0; // rows from before the chain
    AuditHead head;          // as the database has it
    std::vector<std::string> problems; // empty: the chain is whole
};

// The chain's head as written outside the database (the system journal, a mail to the bank's
// operators): whoever can write the database can re-link a rewound history so that it verifies,
// but cannot change what was written elsewhere before.
struct AuditAnchor
{
    long long seq = 0;
    std::string chain;
};
// "audit anchor seq=N chain=HEX": the words an anchor is written and found by.
std::string formatAuditAnchor(const AuditHead& head);
// Every anchor in `text` (journal or log lines, a mail: anything around them is passed over).
std::vector<AuditAnchor> parseAuditAnchors(const std::string& text);

// `rows` in id order (all of them); with `anchors`, each anchored row must still carry the link
// it had when the anchor was written.
AuditChainReport verifyAuditChain(const std::vector<AuditRow>& rows, const AuditHead& head,
                                  const std::vector<AuditAnchor>& anchors = {});

} // namespace enroll::server
