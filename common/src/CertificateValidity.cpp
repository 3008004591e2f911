#include "enroll/CertificateValidity.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace enroll {

using namespace std::chrono;

year_month_day jstDate(Instant instant)
{
    return year_month_day{floor<days>(instant + kJstOffset)};
}

Instant jstStartOfDay(year_month_day date)
{
    return Instant{sys_days{date}.time_since_epoch() - kJstOffset};
}

Instant certificateNotAfter(Instant issuedAt)
{
    const auto expiryDate = year_month_day{sys_days{jstDate(issuedAt)} + days{kValidityDaysAfterIssueDate}};
    return jstStartOfDay(expiryDate) + days{1} - seconds{1};
}

Instant renewableFrom(Instant notAfter)
{
    const auto expiryDate = jstDate(notAfter);
    return jstStartOfDay(year_month_day{sys_days{expiryDate} - days{kRenewalOpensDaysBefore}});
}

RenewalState renewalState(Instant now, Instant notAfter)
{
    if (now > notAfter) {
        return RenewalState::Expired;
    }
    return now >= renewableFrom(notAfter) ? RenewalState::Open : RenewalState::NotYetOpen;
}

int daysUntilExpiry(Instant now, Instant notAfter)
{
    return static_cast<int>((sys_days{jstDate(notAfter)} - sys_days{jstDate(now)}).count());
}

bool validRenewalHours(RenewalHours hours)
{
    return hours.earliest >= 0 && hours.earliest < hours.latest && hours.latest <= 24;
}

namespace {

// The hour of the day in Japan at `at`, and the start of that day.
struct JstHour
{
    int hour;
    Instant dayStart;
};

JstHour jstHour(Instant at)
{
    const auto local = at + kJstOffset;
    const auto day = floor<days>(local);
    return {static_cast<int>(floor<hours>(local - day).count()), Instant{day.time_since_epoch() - kJstOffset}};
}

} // namespace

bool withinRenewalHours(Instant at, RenewalHours hours)
{
    const auto h = jstHour(at).hour;
    return h >= hours.earliest && h < hours.latest;
}

Instant nextRenewalOpening(Instant at, RenewalHours hours)
{
    if (withinRenewalHours(at, hours)) {
        return at;
    }
    const auto [hour, dayStart] = jstHour(at);
    const auto opening = dayStart + std::chrono::hours(hours.earliest);
    return hour < hours.earliest ? opening : opening + days{1};
}

Instant nextRenewalCheck(Instant now, int failures, const RenewalSchedule& schedule, double jitter)
{
    jitter = jitter < 0 ? 0 : (jitter >= 1 ? 0.999999 : jitter);
    const double interval = static_cast<double>(schedule.interval.count());
    double wait = interval * (1 + 0.1 * jitter);
    if (failures > 0) {
        double backoff = static_cast<double>(schedule.firstRetry.count());
        for (int i = 1; i < failures && backoff < interval; ++i) {
            backoff *= 2;
        }
        wait = std::min(backoff, interval) * (0.5 + 0.5 * jitter);
    }
    const auto next = now + seconds{static_cast<long long>(wait)};
    if (withinRenewalHours(next, schedule.hours)) {
        return next;
    }
    const auto spread = std::min<long long>(3600, (schedule.hours.latest - schedule.hours.earliest) * 3600LL);
    return nextRenewalOpening(next, schedule.hours) + seconds{static_cast<long long>(jitter * static_cast<double>(spread))};
}

std::string formatRfc3339Jst(Instant instant)
{
    const auto local = instant + kJstOffset;
    const auto day = floor<days>(local);
    const year_month_day date{day};
    const hh_mm_ss time{local - day};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d+09:00", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return buffer;
}

namespace {

bool readNumber(std::string_view text, std::size_t pos, std::size_t width, int& out)
{
    if (pos + width > text.size()) {
        return false;
    }
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    const auto result = std::from_chars(text.data() + pos, text.data() + pos + width, out);
    return result.ec == std::errc{};
}

} // namespace

std::optional<Instant> parseRfc3339(std::string_view text)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (text.size() < 20 || !readNumber(text, 0, 4, y) || text[4] != '-' || !readNumber(text, 5, 2, mo) ||
        text[7] != '-' || !readNumber(text, 8, 2, d) || (text[10] != 'T' && text[10] != 't') ||
        !readNumber(text, 11, 2, h) || text[13] != ':' || !readNumber(text, 14, 2, mi) || text[16] != ':' ||
        !readNumber(text, 17, 2, s)) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
    }
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || s > 60) {
        return std::nullopt;
    }
    seconds offset{0};
    const auto zone = text.substr(pos);
    if (zone == "Z" || zone == "z") {
        offset = seconds{0};
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int oh = 0, om = 0;
        if (!readNumber(zone, 1, 2, oh) || !readNumber(zone, 4, 2, om) || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset = hours{oh} + minutes{om};
        if (zone[0] == '-') {
            offset = -offset;
        }
    } else {
        return std::nullopt;
    }
    return Instant{sys_days{date}.time_since_epoch() + hours{h} + minutes{mi} + seconds{std::min(s, 59)} - offset};
}

} // namespace enroll
