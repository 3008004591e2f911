#include "flow/CertificateStatus.h"

#include "enroll/CertificateValidity.h"

#include <QTimeZone>

namespace enroll::client {

CertificateStatus certificateStatusOf(const std::vector<StoredCertificate>& certificates, const QDateTime& now)
{
    CertificateStatus status;
    for (const auto& cert : certificates) {
        if (!status.present || cert.notAfter > status.notAfter) {
            status.present = true;
            status.userId = cert.userId;
            status.notAfter = cert.notAfter;
        }
    }
    if (status.present) {
        const Instant notAfter{std::chrono::seconds{status.notAfter.toSecsSinceEpoch()}};
        const Instant current{std::chrono::seconds{now.toSecsSinceEpoch()}};
        const auto state = renewalState(current, notAfter);
        status.renewableFrom = QDateTime::fromSecsSinceEpoch(renewableFrom(notAfter).time_since_epoch().count(), Qt::UTC);
        status.expired = state == RenewalState::Expired;
        status.renewalOpen = state == RenewalState::Open;
    }
    return status;
}

RenewalCheck checkRenewal(const CertificateStatus& status)
{
    const auto expiry = status.notAfter.toTimeZone(QTimeZone(9 * 3600)).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss+09:00"));
    if (!status.present) {
        return {20, QStringLiteral("missing: no certificate from the bank for this user")};
    }
    if (status.expired) {
        return {20, QStringLiteral("expired: the certificate of %1 expired at %2").arg(status.userId, expiry)};
    }
    if (status.renewalOpen) {
        return {10, QStringLiteral("renewal open: the certificate of %1 expires at %2").arg(status.userId, expiry)};
    }
    return {0, QStringLiteral("ok: the certificate of %1 is valid until %2").arg(status.userId, expiry)};
}

} // namespace enroll::client
