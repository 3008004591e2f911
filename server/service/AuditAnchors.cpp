#include "service/AuditAnchors.h"

#include "mail/MailTemplates.h"

#include <Poco/Logger.h>

#include <ctime>

namespace enroll::server {

std::string AuditAnchors::publish(const std::string& when)
{
    auto& log = Poco::Logger::get("audit");
    std::string line;
    try {
        line = formatAuditAnchor(store_.begin(Store::Mode::Read)->auditHead());
    } catch (const std::exception& e) {
        log.error("no audit anchor (%s): the database could not be read: %s", when, std::string(e.what()));
        return {};
    }
    log.notice("%s (%s)", line, when);
    lastPublished_.store(static_cast<long long>(std::time(nullptr)));
    if (!mailTo_.empty() && !mailer_.send(mails::auditAnchor(mailTo_, line, clock_.now()))) {
        log.warning("the audit anchor could not be mailed to %s", mailTo_);
    }
    return line;
}

} // namespace enroll::server
