// Small conversions the flows' controllers share: protocol names and texts to QString, the
// server's RFC 3339 times in Japan time, a secret's text for a request body.
#pragma once

#include "enroll/CertificateValidity.h"
#include "enroll/Protocol.h"
#include "enroll/SecureString.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <string_view>

namespace enroll::client {

inline QString flowText(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// An RFC 3339 time from the server, in Japan time (UTC+9); invalid when unreadable.
inline QDateTime japanTimeOf(const QString& rfc3339)
{
    const auto t = parseRfc3339(rfc3339.toStdString());
    return t ? QDateTime::fromSecsSinceEpoch(t->time_since_epoch().count(), QTimeZone(9 * 3600)) : QDateTime();
}

inline QString secretText(const SecureString& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace enroll::client
