// What this OS user holds from the bank, as the start page and the logon-task check see it:
// the newest certificate, its expiry, and whether renewal is open (SPEC §4.0, §4.3).
#pragma once

#include "store/CertificateStore.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace enroll::client {

struct CertificateStatus
{
    bool present = false;
    QString userId;
    QDateTime notAfter;
    QDateTime renewableFrom; // 00:00 JST, 30 days before the expiry date
    bool renewalOpen = false;
    bool expired = false;
};

CertificateStatus certificateStatusOf(const std::vector<StoredCertificate>& certificates, const QDateTime& now);

// rokin-enroll --check-renewal: 0 nothing due, 10 renewal open, 20 expired or missing.
struct RenewalCheck
{
    int exitCode = 20;
    QString line; // one line for a logon task's log
};
RenewalCheck checkRenewal(const CertificateStatus& status);

} // namespace enroll::client
