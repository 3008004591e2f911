// Small conversions the flows' controllers and pages share: protocol names and texts to QString,
// the server's RFC 3339 times in Japan time and their display, a secret's text for a request body.
#pragma once

#include "enroll/CertificateValidity.h"
#include "enroll/Protocol.h"
#include "enroll/SecureString.h"

#include <QCoreApplication>
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

// A time in Japan time: "2026/11/28", "2026/11/28 20:45", with seconds, or "20:45" alone; ""
// when the time is not valid. What a page shows goes through shownJapanTime (labelled).
enum class JapanTimeText { Date, Minutes, Seconds, TimeOfDay };
inline QString japanTimeText(const QDateTime& time, JapanTimeText precision)
{
    if (!time.isValid()) {
        return {};
    }
    const auto format = precision == JapanTimeText::Date        ? QStringLiteral("yyyy/MM/dd")
                        : precision == JapanTimeText::Minutes   ? QStringLiteral("yyyy/MM/dd HH:mm")
                        : precision == JapanTimeText::TimeOfDay ? QStringLiteral("HH:mm")
                                                                : QStringLiteral("yyyy/MM/dd HH:mm:ss");
    return time.toTimeZone(QTimeZone(9 * 3600)).toString(format);
}

// A time as a clerk reads it, on a PC in any time zone: in Japan time and labelled so
// ("2026/11/28 20:45 (日本時間)"); "" when the time is not valid.
inline QString shownJapanTime(const QDateTime& time, JapanTimeText precision)
{
    return time.isValid() ? QCoreApplication::translate("JapanTime", "%1 (Japan time)").arg(japanTimeText(time, precision)) : QString();
}

// A period as a clerk reads it: "2026/11/28～2027/11/28 (日本時間)".
inline QString shownJapanPeriod(const QDateTime& from, const QDateTime& to, JapanTimeText precision)
{
    return QCoreApplication::translate("JapanTime", "%1 to %2 (Japan time)").arg(japanTimeText(from, precision), japanTimeText(to, precision));
}

inline QString secretText(const SecureString& s)
{
    return flowText(s.view());
}

} // namespace enroll::client
