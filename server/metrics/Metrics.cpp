#include "metrics/Metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <variant>

namespace enroll::server::metrics {

namespace {

bool nameCharacter(char c, bool first, bool colon)
{
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
    return letter || (!first && c >= '0' && c <= '9');
}

bool validName(std::string_view name, bool colon)
{
    if (name.empty()) {
        return false;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!nameCharacter(name[i], i == 0, colon)) {
            return false;
        }
    }
    return true;
}

// name{label="value",…} (no braces without labels); `extra` one more label (a bucket's le)
std::string sampleName(const std::string& name, const std::vector<std::string>& labelNames, const Labels& values,
                       const std::string& extraName = {}, const std::string& extraValue = {})
{
    std::string out = name;
    if (labelNames.empty() && extraName.empty()) {
        return out;
    }
    out += '{';
    for (std::size_t i = 0; i < labelNames.size(); ++i) {
        out += (i == 0 ? "" : ",") + labelNames[i] + "=\"" + escapeLabelValue(values[i]) + '"';
    }
    if (!extraName.empty()) {
        out += (labelNames.empty() ? "" : ",") + extraName + "=\"" + escapeLabelValue(extraValue) + '"';
    }
    out += '}';
    return out;
}

} // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1))
{
    if (!std::is_sorted(bounds_.begin(), bounds_.end()) ||
        std::adjacent_find(bounds_.begin(), bounds_.end()) != bounds_.end() ||
        std::any_of(bounds_.begin(), bounds_.end(), [](double b) { return !std::isfinite(b); })) {
        throw std::invalid_argument("histogram bounds must be finite and strictly ascending");
    }
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        buckets_[i].store(0, std::memory_order_relaxed);
    }
}

void Histogram::observe(double value)
{
    if (std::isnan(value)) {
        return; // no bucket holds it, and it would spoil the sum
    }
    // the first bucket whose bound is not below the value (le: less or equal)
    const auto at = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
    buckets_[at].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const
{
    Snapshot snapshot;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        snapshot.cumulative.push_back(running);
    }
    snapshot.sum = sum_.load(std::memory_order_relaxed);
    return snapshot;
}

template <typename Metric>
Metric& Family<Metric>::with(const Labels& values)
{
    if (values.size() != labelNames_.size()) {
        throw std::invalid_argument("a metric's label values do not match its label names");
    }
    const std::lock_guard lock(mutex_);
    auto& child = children_[values];
    if (!child) {
        child = make_();
    }
    return *child;
}

template <typename Metric>
void Family<Metric>::forEach(const std::function<void(const Labels&, const Metric&)>& visit) const
{
    const std::lock_guard lock(mutex_);
    for (const auto& [labels, metric] : children_) {
        visit(labels, *metric);
    }
}

template class Family<Counter>;
template class Family<Histogram>;

struct Registry::Entry
{
    std::string name;
    std::string help;
    std::vector<std::string> labelNames;
    std::variant<std::monostate, std::unique_ptr<CounterFamily>, std::unique_ptr<HistogramFamily>,
                 std::function<std::vector<GaugeSample>()>>
        metric;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Entry& Registry::add(const std::string& name, const std::string& help, const std::vector<std::string>& labelNames)
{
    if (!validMetricName(name)) {
        throw std::invalid_argument("not a metric name: " + name);
    }
    for (const auto& label : labelNames) {
        if (!validLabelName(label) || label.starts_with("__") || label == "le") {
            throw std::invalid_argument("not a label name for " + name + ": " + label);
        }
    }
    const std::lock_guard lock(mutex_);
    for (const auto& entry : entries_) {
        if (entry->name == name) {
            throw std::invalid_argument("metric registered twice: " + name);
        }
    }
    entries_.push_back(std::make_unique<Entry>(Entry{name, help, labelNames, {}}));
    return *entries_.back();
}

CounterFamily& Registry::counter(const std::string& name, const std::string& help, std::vector<std::string> labelNames)
{
    if (!name.ends_with("_total")) {
        throw std::invalid_argument("a counter's name ends in _total: " + name);
    }
    auto& entry = add(name, help, labelNames);
    auto family = std::make_unique<CounterFamily>(std::move(labelNames), [] { return std::make_unique<Counter>(); });
    auto& result = *family;
    entry.metric = std::move(family);
    return result;
}

HistogramFamily& Registry::histogram(const std::string& name, const std::string& help, std::vector<std::string> labelNames,
                                     std::vector<double> bounds)
{
    Histogram check(bounds); // refuses bounds that are not ascending, before anything is registered
    auto& entry = add(name, help, labelNames);
    auto family = std::make_unique<HistogramFamily>(std::move(labelNames),
                                                    [bounds = std::move(bounds)] { return std::make_unique<Histogram>(bounds); });
    auto& result = *family;
    entry.metric = std::move(family);
    return result;
}

void Registry::gauge(const std::string& name, const std::string& help, std::vector<std::string> labelNames,
                     std::function<std::vector<GaugeSample>()> read)
{
    auto& entry = add(name, help, labelNames);
    entry.metric = std::move(read);
}

std::string Registry::render() const
{
    std::vector<const Entry*> entries;
    {
        const std::lock_guard lock(mutex_);
        for (const auto& entry : entries_) {
            entries.push_back(entry.get());
        }
    }
    std::string out;
    for (const auto* entry : entries) {
        const auto& names = entry->labelNames;
        auto header = [&](const char* type) {
            out += "# HELP " + entry->name + ' ' + escapeHelp(entry->help) + "\n# TYPE " + entry->name + ' ' + type + '\n';
        };
        if (const auto* counters = std::get_if<std::unique_ptr<CounterFamily>>(&entry->metric)) {
            header("counter");
            (*counters)->forEach([&](const Labels& labels, const Counter& counter) {
                out += sampleName(entry->name, names, labels) + ' ' + std::to_string(counter.value()) + '\n';
            });
        } else if (const auto* histograms = std::get_if<std::unique_ptr<HistogramFamily>>(&entry->metric)) {
            header("histogram");
            (*histograms)->forEach([&](const Labels& labels, const Histogram& histogram) {
                const auto snapshot = histogram.snapshot();
                const auto& bounds = histogram.bounds();
                for (std::size_t i = 0; i <= bounds.size(); ++i) {
                    const auto le = i < bounds.size() ? formatValue(bounds[i]) : std::string("+Inf");
                    out += sampleName(entry->name + "_bucket", names, labels, "le", le) + ' ' +
                           std::to_string(snapshot.cumulative[i]) + '\n';
                }
                out += sampleName(entry->name + "_sum", names, labels) + ' ' + formatValue(snapshot.sum) + '\n';
                out += sampleName(entry->name + "_count", names, labels) + ' ' + std::to_string(snapshot.cumulative.back()) + '\n';
            });
        } else if (const auto* read = std::get_if<std::function<std::vector<GaugeSample>()>>(&entry->metric)) {
            header("gauge");
            auto samples = (*read)();
            std::sort(samples.begin(), samples.end(), [](const GaugeSample& a, const GaugeSample& b) { return a.labels < b.labels; });
            for (const auto& sample : samples) {
                if (sample.labels.size() == names.size()) {
                    out += sampleName(entry->name, names, sample.labels) + ' ' + formatValue(sample.value) + '\n';
                }
            }
        }
    }
    return out;
}

bool validMetricName(std::string_view name)
{
    return validName(name, true);
}

bool validLabelName(std::string_view name)
{
    return validName(name, false);
}

namespace {

// \ and a line break escaped, and " too in a label's value (the format's two rules)
std::string escaped(std::string_view text, bool quotes)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\' || (quotes && c == '"')) {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

std::string escapeLabelValue(std::string_view value)
{
    return escaped(value, true);
}

std::string escapeHelp(std::string_view help)
{
    return escaped(help, false);
}

std::string formatValue(double value)
{
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string("NaN");
}

} // namespace enroll::server::metrics
