#include "service/ExpiryNotifier.h"

#include "mail/MailTemplates.h"

#include <Poco/Logger.h>

namespace enroll::server {

int ExpiryNotifier::sendDueNotices()
{
    const auto now = clock_.now();
    std::vector<CertificateRecord> due;
    {
        auto tx = store_.begin(Store::Mode::Read);
        due = tx->activeCertificatesExpiringBefore(now + std::chrono::days(31));
    }
    int sent = 0;
    for (const auto& cert : due) {
        const int days = daysUntilExpiry(now, cert.notAfter);
        if (cert.notAfter <= now || days > 30) {
            continue;
        }
        // Within 10 days only the 10-day notice goes out (a 30-day one now would be stale).
        const int notice = days <= 10 ? 10 : 30;
        std::optional<UserRecord> user;
        {
            auto tx = store_.begin(Store::Mode::Write);
            if (!tx->claimExpiryNotice(cert.serial, notice)) {
                continue;
            }
            if (notice == 10) {
                (void)tx->claimExpiryNotice(cert.serial, 30);
            }
            user = tx->user(cert.userId);
            tx->commit();
        }
        if (!user || user->disabled) {
            continue;
        }
        if (!mailer_.send(mails::expiryNotice(user->email, user->userId, cert.notAfter, days, silentRenewal_))) {
            auto tx = store_.begin(Store::Mode::Write);
            tx->releaseExpiryNotice(cert.serial, notice); // try again at the next round
            tx->commit();
            continue;
        }
        auto tx = store_.begin(Store::Mode::Write);
        tx->appendAudit({0, now, "cert.expiry.notice", cert.serial, std::to_string(notice) + " days", "scheduler"});
        tx->commit();
        ++sent;
    }
    if (sent > 0) {
        Poco::Logger::get("notices").information("%d expiry notice(s) sent", sent);
    }
    return sent;
}

} // namespace enroll::server
