// The certificate's validity (SPEC §4.3: 366 days counting the issue date, JST) and the renewal
// window, as pure functions of a given instant. All JST arithmetic of the product lives here.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace enroll {

using Instant = std::chrono::sys_seconds;

// Japan has had no daylight saving time since 1951: JST is UTC+9 all year.
inline constexpr std::chrono::hours kJstOffset{9};
inline constexpr int kValidityDaysAfterIssueDate = 365; // issue date + 365 = 366 days in all
inline constexpr int kRenewalOpensDaysBefore = 30;

// The calendar date in Japan at `instant`.
std::chrono::year_month_day jstDate(Instant instant);
// 00:00:00 JST of `date`, as an instant.
Instant jstStartOfDay(std::chrono::year_month_day date);

// notAfter = 23:59:59 JST on (JST issue date + 365 days).
Instant certificateNotAfter(Instant issuedAt);

// Renewal opens at 00:00:00 JST on the date 30 days before the expiry date
// (a certificate expiring on 12/31 can be renewed from 12/1).
Instant renewableFrom(Instant notAfter);

enum class RenewalState { NotYetOpen, Open, Expired };
RenewalState renewalState(Instant now, Instant notAfter);

// Whole JST calendar days from today to the expiry date (0 on the expiry date itself).
int daysUntilExpiry(Instant now, Instant notAfter);

// --- the renewal agent's schedule (RokinEnroll --renew --stay, Step 18) ------------------------------

// The hours of the day, in Japan, in which PCs renew by themselves (renewal.earliestHour and
// renewal.latestHour; GET /me tells the PC): from earliest:00 to before latest:00.
struct RenewalHours
{
    int earliest = 8;
    int latest = 20;
};
// 0 <= earliest < latest <= 24
[[nodiscard]] bool validRenewalHours(RenewalHours hours);
[[nodiscard]] bool withinRenewalHours(Instant at, RenewalHours hours);
// `at` itself when it is within the hours; otherwise the next earliest:00 JST (that day or the next).
[[nodiscard]] Instant nextRenewalOpening(Instant at, RenewalHours hours);

struct RenewalSchedule
{
    std::chrono::seconds interval{std::chrono::hours(8)}; // between checks (RENEW_INTERVAL_HOURS)
    std::chrono::seconds firstRetry{60};                  // after a first failure; doubled per failure
    RenewalHours hours;
};
// When to check next, after a check at `now` that left `failures` failed checks in a row (0: it
// succeeded, or had nothing to do). `jitter` in [0, 1), drawn by the caller, spreads a thousand PCs:
// up to a tenth of the interval after a success; half to all of the back-off after a failure
// (the back-off doubles from firstRetry up to the interval); and, when that falls outside the
// bank's hours, through the first hour after they open instead of all at earliest:00.
[[nodiscard]] Instant nextRenewalCheck(Instant now, int failures, const RenewalSchedule& schedule, double jitter);

// "2026-11-24T15:04:05+09:00": the API's time format (RFC 3339, JST offset).
std::string formatRfc3339Jst(Instant instant);
// Accepts RFC 3339 with "Z" or a ±hh:mm offset, seconds precision (fractions are dropped).
std::optional<Instant> parseRfc3339(std::string_view text);

} // namespace enroll
