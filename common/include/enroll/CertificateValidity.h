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

// "2026-11-24T15:04:05+09:00": the API's time format (RFC 3339, JST offset).
std::string formatRfc3339Jst(Instant instant);
// Accepts RFC 3339 with "Z" or a ±hh:mm offset, seconds precision (fractions are dropped).
std::optional<Instant> parseRfc3339(std::string_view text);

} // namespace enroll
