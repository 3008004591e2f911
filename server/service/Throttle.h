// Per-address budgets of password and code checks (SPEC §3, "each client address has a budget"):
// a token bucket per (kind of check, client address), refilled evenly over a window. Separate
// from the account lockout: an address over its budget is answered RATE_LIMITED before any
// account is looked at. In memory, per process; behind nginx every address is routed to one
// instance (docs/operations.md), so the budget holds with several instances too.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace enroll::server {

// The endpoints that check a password or a code, or hash one (Argon2); each has its own budget
// per address.
enum class CheckKind { ContractLogin, Authenticate, ChangePassword, ChangeProfile, Verify, Register, UserCreate };

struct BudgetSettings
{
    int checks = 30;                      // a full budget: this many checks at once…
    std::chrono::seconds window{600};     // …refilled evenly over this time
    std::size_t maxTrackedAddresses = 100000; // memory bound under a spread-out flood
};

// The key an address is counted under: IPv4 as is, IPv6 by its /64 (one site's prefix), so
// that a host cannot step around its budget by changing its interface identifier.
std::string budgetKey(std::string_view address);

class AddressBudgets
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit AddressBudgets(BudgetSettings settings);

    // Spends one check of `kind` for `address`. Nothing when allowed; when the budget is spent,
    // how long until the next check is allowed (at least one second).
    std::optional<std::chrono::seconds> take(CheckKind kind, std::string_view address, TimePoint now);
    std::optional<std::chrono::seconds> take(CheckKind kind, std::string_view address)
    {
        return take(kind, address, std::chrono::steady_clock::now());
    }

    [[nodiscard]] std::size_t trackedCount() const;

private:
    struct Bucket
    {
        double tokens = 0;
        TimePoint last;
    };
    void refill(Bucket& bucket, TimePoint now) const;
    void prune(TimePoint now);

    BudgetSettings settings_;
    double perSecond_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace enroll::server
