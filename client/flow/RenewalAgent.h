// rokin-enroll --renew --stay (Step 18): the renewal agent. It does what --renew does, then stays
// without a window and checks again: after its interval, on resume from sleep, and when the
// network comes back after a failure — never outside the bank's hours (what the last sign-in said,
// RenewalMemo), with back-off and jitter so that a thousand PCs do not reach the bank at once
// (enroll::nextRenewalCheck). Each check is a SilentRenewal over flows of its own, made for it
// and dropped after it: no certificate, key or token stays in memory between checks.
// The platform's part (one agent per session, the power broadcast, logoff) is in app/.
#pragma once

#include "enroll/CertificateValidity.h"
#include "flow/SilentRenewal.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace enroll::client {

class RenewalAgent : public QObject
{
    Q_OBJECT
public:
    // Makes the flows of one check (new ones each time).
    using MakeFlows = std::function<std::unique_ptr<WizardFlows>()>;
    // `interval`: RENEW_INTERVAL_HOURS (test builds: seconds); `hours`: read before each check.
    RenewalAgent(MakeFlows makeFlows, std::chrono::seconds interval, std::function<RenewalHours()> hours,
                 QObject* parent = nullptr);
    ~RenewalAgent() override;

    void start();        // the first check, at once (inside the bank's hours)
    void resumed();      // back from sleep: a check now (inside the bank's hours)
    void networkBack();  // the network is back: a check now if the last one failed

    [[nodiscard]] QDateTime nextCheck() const { return next_; }
    [[nodiscard]] int failuresInARow() const { return failures_; }
    [[nodiscard]] bool checking() const { return static_cast<bool>(check_); }
    // For the tests: the jitter's source (default: uniform in [0, 1)).
    void setJitter(std::function<double()> jitter) { jitter_ = std::move(jitter); }

signals:
    // One check ended, and when the next one is (Japan-time rules, in UTC).
    void checked(const enroll::client::SilentRenewalResult& result, const QDateTime& next);
    // A check was due outside the bank's hours: none made, the next one then.
    void postponed(const QDateTime& next);

private:
    void checkNow();
    void finishCheck(const SilentRenewalResult& result);
    void scheduleAt(const QDateTime& at);
    [[nodiscard]] RenewalSchedule schedule() const;

    MakeFlows makeFlows_;
    std::chrono::seconds interval_;
    std::function<RenewalHours()> hours_;
    std::function<double()> jitter_;
    QTimer timer_;
    QDateTime next_;
    int failures_ = 0;
    std::unique_ptr<WizardFlows> flows_;
    std::unique_ptr<SilentRenewal> check_;
};

} // namespace enroll::client
