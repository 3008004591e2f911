#include "flow/RenewalAgent.h"

#include <QRandomGenerator>

namespace enroll::client {
namespace {

Instant instantOf(const QDateTime& utc)
{
    return Instant{std::chrono::seconds{utc.toSecsSinceEpoch()}};
}

QDateTime dateTimeOf(Instant instant)
{
    return QDateTime::fromSecsSinceEpoch(instant.time_since_epoch().count(), Qt::UTC);
}

} // namespace

RenewalAgent::RenewalAgent(MakeFlows makeFlows, std::chrono::seconds interval, std::function<RenewalHours()> hours,
                           QObject* parent)
    : QObject(parent), makeFlows_(std::move(makeFlows)), interval_(interval), hours_(std::move(hours)),
      jitter_([] { return QRandomGenerator::global()->generateDouble(); })
{
    timer_.setSingleShot(true);
    timer_.setTimerType(Qt::VeryCoarseTimer); // seconds are enough, and cost the PC nothing
    connect(&timer_, &QTimer::timeout, this, &RenewalAgent::checkNow);
}

RenewalAgent::~RenewalAgent() = default;

RenewalSchedule RenewalAgent::schedule() const
{
    RenewalSchedule s;
    s.interval = interval_;
    // the first retry a minute after a failure; a test build's interval of seconds retries sooner
    s.firstRetry = std::min(std::chrono::seconds{60}, std::max(std::chrono::seconds{1}, interval_ / 8));
    s.hours = hours_();
    return s;
}

void RenewalAgent::start()
{
    checkNow();
}

void RenewalAgent::resumed()
{
    if (!check_) {
        checkNow();
    }
}

void RenewalAgent::networkBack()
{
    if (!check_ && failures_ > 0) {
        checkNow();
    }
}

void RenewalAgent::checkNow()
{
    timer_.stop();
    const auto now = QDateTime::currentDateTimeUtc();
    const auto s = schedule();
    if (!withinRenewalHours(instantOf(now), s.hours)) {
        // outside the bank's hours: spread over the first hour after they open
        const auto opening = nextRenewalOpening(instantOf(now), s.hours);
        const auto at = dateTimeOf(opening + std::chrono::seconds{static_cast<long long>(jitter_() * 3600)});
        scheduleAt(at);
        emit postponed(at);
        return;
    }
    flows_ = makeFlows_();
    check_ = std::make_unique<SilentRenewal>(*flows_);
    connect(check_.get(), &SilentRenewal::finished, this, &RenewalAgent::finishCheck, Qt::QueuedConnection);
    check_->run();
}

void RenewalAgent::finishCheck(const SilentRenewalResult& result)
{
    // the check's flows go with it: its session, signed-in identity and key pair
    check_.reset();
    flows_.reset();
    failures_ = result.outcome == SilentRenewalResult::Outcome::Failed ? failures_ + 1 : 0;
    const auto next = dateTimeOf(nextRenewalCheck(instantOf(QDateTime::currentDateTimeUtc()), failures_, schedule(), jitter_()));
    scheduleAt(next);
    emit checked(result, next);
}

void RenewalAgent::scheduleAt(const QDateTime& at)
{
    next_ = at;
    const auto wait = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at));
    timer_.start(std::chrono::milliseconds(wait));
}

} // namespace enroll::client
