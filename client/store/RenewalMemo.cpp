#include "store/RenewalMemo.h"

#include <QSettings>

namespace enroll::client {
namespace {

const QString kSilent = QStringLiteral("renewal/silentAllowed");
const QString kHolder = QStringLiteral("renewal/holder");
const QString kNotice = QStringLiteral("renewal/notice");
const QString kEarliest = QStringLiteral("renewal/earliestHour");
const QString kLatest = QStringLiteral("renewal/latestHour");

} // namespace

RenewalMemo::RenewalMemo(QString file, bool logonTask) : file_(std::move(file)), logonTask_(logonTask) {}

bool RenewalMemo::renewsByItself() const
{
    return logonTask_ && bankAllowsSilentRenewal();
}

bool RenewalMemo::bankAllowsSilentRenewal() const
{
    return QSettings(file_, QSettings::IniFormat).value(kSilent, true).toBool();
}

void RenewalMemo::setBankAllowsSilentRenewal(bool allowed)
{
    QSettings settings(file_, QSettings::IniFormat);
    if (settings.value(kSilent, true).toBool() != allowed || !settings.contains(kSilent)) {
        settings.setValue(kSilent, allowed); // written when it changes, not at every sign-in
    }
}

RenewalHours RenewalMemo::bankRenewalHours() const
{
    const QSettings settings(file_, QSettings::IniFormat);
    const RenewalHours hours{settings.value(kEarliest, RenewalHours{}.earliest).toInt(), settings.value(kLatest, RenewalHours{}.latest).toInt()};
    return validRenewalHours(hours) ? hours : RenewalHours{}; // an edited file: the default
}

void RenewalMemo::setBankRenewalHours(RenewalHours hours)
{
    if (!validRenewalHours(hours)) {
        return;
    }
    QSettings settings(file_, QSettings::IniFormat);
    if (settings.value(kEarliest).toInt() != hours.earliest || settings.value(kLatest).toInt() != hours.latest ||
        !settings.contains(kEarliest)) {
        settings.setValue(kEarliest, hours.earliest); // written when they change
        settings.setValue(kLatest, hours.latest);
    }
}

QString RenewalMemo::holder() const
{
    return QSettings(file_, QSettings::IniFormat).value(kHolder).toString();
}

void RenewalMemo::setHolder(const QString& userId)
{
    QSettings settings(file_, QSettings::IniFormat);
    if (settings.value(kHolder).toString() != userId) {
        settings.setValue(kHolder, userId); // written when it changes, not at every logon
    }
}

void RenewalMemo::leaveNotice(const QString& text)
{
    QSettings(file_, QSettings::IniFormat).setValue(kNotice, text);
}

QString RenewalMemo::peekNotice() const
{
    return QSettings(file_, QSettings::IniFormat).value(kNotice).toString();
}

QString RenewalMemo::takeNotice()
{
    QSettings settings(file_, QSettings::IniFormat);
    const auto text = settings.value(kNotice).toString();
    settings.remove(kNotice);
    return text;
}

} // namespace enroll::client
