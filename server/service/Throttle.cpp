#include "service/Throttle.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <cmath>
#include <vector>

namespace enroll::server {

std::string budgetKey(std::string_view address)
{
    try {
        Poco::Net::IPAddress ip{std::string(address)};
        if (ip.family() == Poco::Net::IPAddress::IPv6 && !ip.isIPv4Mapped()) {
            std::array<unsigned char, 16> bytes{};
            std::memcpy(bytes.data(), ip.addr(), bytes.size());
            std::fill(bytes.begin() + 8, bytes.end(), 0); // the interface identifier
            return Poco::Net::IPAddress(bytes.data(), static_cast<poco_socklen_t>(bytes.size())).toString() + "/64";
        }
        if (ip.isIPv4Mapped()) {
            return ip.toString().substr(ip.toString().rfind(':') + 1);
        }
        return ip.toString();
    } catch (const Poco::Exception&) {
        return std::string(address); // not an address (a Unix socket peer): counted as given
    }
}

AddressBudgets::AddressBudgets(BudgetSettings settings)
    : settings_(settings),
      perSecond_(static_cast<double>(settings.checks) / static_cast<double>(std::max<long long>(1, settings.window.count())))
{
}

void AddressBudgets::refill(Bucket& bucket, TimePoint now) const
{
    const double elapsed = std::chrono::duration<double>(now - bucket.last).count();
    if (elapsed > 0) {
        bucket.tokens = std::min(static_cast<double>(settings_.checks), bucket.tokens + elapsed * perSecond_);
        bucket.last = now;
    }
}

std::optional<std::chrono::seconds> AddressBudgets::take(CheckKind kind, std::string_view address, TimePoint now)
{
    const std::string key = std::to_string(static_cast<int>(kind)) + ' ' + budgetKey(address);
    const std::lock_guard lock(mutex_);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) {
        if (buckets_.size() >= settings_.maxTrackedAddresses) {
            prune(now);
        }
        it = buckets_.emplace(key, Bucket{static_cast<double>(settings_.checks), now}).first;
    }
    Bucket& bucket = it->second;
    refill(bucket, now);
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - bucket.tokens) / perSecond_;
    return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

void AddressBudgets::prune(TimePoint now)
{
    // Full buckets carry no information; drop them first.
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        refill(it->second, now);
        it = it->second.tokens >= settings_.checks ? buckets_.erase(it) : std::next(it);
    }
    if (buckets_.size() < settings_.maxTrackedAddresses) {
        return;
    }
    // Still full of spent buckets (a flood from very many addresses): forget the fuller half.
    std::vector<std::pair<double, std::string>> byTokens;
    byTokens.reserve(buckets_.size());
    for (const auto& [key, bucket] : buckets_) {
        byTokens.emplace_back(bucket.tokens, key);
    }
    const auto half = byTokens.begin() + static_cast<std::ptrdiff_t>(byTokens.size() / 2);
    std::nth_element(byTokens.begin(), half, byTokens.end(), std::greater<>());
    for (auto it = byTokens.begin(); it != half; ++it) {
        buckets_.erase(it->second);
    }
}

std::size_t AddressBudgets::trackedCount() const
{
    const std::lock_guard lock(mutex_);
    return buckets_.size();
}

} // namespace enroll::server
