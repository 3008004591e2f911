// What the server counts and measures for the bank's monitoring, in Prometheus' text exposition
// format (version 0.0.4): counters and histograms that the server updates as it works, gauges read
// when the monitoring scrapes. Debian 12 ships no C++ Prometheus client, so this one small module
// writes the format (docs/operations.md, "Monitoring"); TestMetrics checks it, also with promtool.
// Thread-safe: counters and histograms are atomics; a family's children are created under a lock
// and stay where they are, so callers may keep the reference.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace enroll::server::metrics {

class Counter
{
public:
    void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

class Histogram
{
public:
    // `bounds`: the buckets' upper bounds, ascending (+Inf is added).
    explicit Histogram(std::vector<double> bounds);
    void observe(double value);

    struct Snapshot
    {
        std::vector<std::uint64_t> cumulative; // per bound, then +Inf (= the count)
        double sum = 0;
    };
    [[nodiscard]] Snapshot snapshot() const;
    [[nodiscard]] const std::vector<double>& bounds() const { return bounds_; }

private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_; // not cumulative; the last one is +Inf
    std::atomic<double> sum_{0};
};

// Label values, in the order of their family's label names.
using Labels = std::vector<std::string>;

// The metrics of one name, one per set of label values.
template <typename Metric>
class Family
{
public:
    Family(std::vector<std::string> labelNames, std::function<std::unique_ptr<Metric>()> make)
        : labelNames_(std::move(labelNames)), make_(std::move(make))
    {
    }
    // The metric for these label values (as many as the family's names), made on first use.
    Metric& with(const Labels& values);
    [[nodiscard]] const std::vector<std::string>& labelNames() const { return labelNames_; }
    // Each child, in the order of its label values.
    void forEach(const std::function<void(const Labels&, const Metric&)>& visit) const;

private:
    std::vector<std::string> labelNames_;
    std::function<std::unique_ptr<Metric>()> make_;
    mutable std::mutex mutex_;
    std::map<Labels, std::unique_ptr<Metric>> children_;
};

using CounterFamily = Family<Counter>;
using HistogramFamily = Family<Histogram>;

// A gauge's value as read at a scrape.
struct GaugeSample
{
    Labels labels;
    double value = 0;
};

class Registry
{
public:
    Registry();
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // Registered once each, at start-up; a name that is not valid or used twice is a programming
    // error (std::invalid_argument). Counter names end in "_total".
    CounterFamily& counter(const std::string& name, const std::string& help, std::vector<std::string> labelNames = {});
    HistogramFamily& histogram(const std::string& name, const std::string& help, std::vector<std::string> labelNames,
                               std::vector<double> bounds);
    // `read` is called at every scrape (render), on the scraping thread.
    void gauge(const std::string& name, const std::string& help, std::vector<std::string> labelNames,
               std::function<std::vector<GaugeSample>()> read);

    // Every metric in the order registered: # HELP, # TYPE, then its samples.
    [[nodiscard]] std::string render() const;

private:
    struct Entry;
    Entry& add(const std::string& name, const std::string& help, const std::vector<std::string>& labelNames);
    std::vector<std::unique_ptr<Entry>> entries_;
    mutable std::mutex mutex_;
};

// The format's parts (public for their tests).
[[nodiscard]] bool validMetricName(std::string_view name);
[[nodiscard]] bool validLabelName(std::string_view name);
[[nodiscard]] std::string escapeLabelValue(std::string_view value); // \ " and newline
[[nodiscard]] std::string escapeHelp(std::string_view help);        // \ and newline
[[nodiscard]] std::string formatValue(double value);                // shortest exact form; +Inf, -Inf, NaN

// The Content-Type of render()'s text.
inline constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

} // namespace enroll::server::metrics
