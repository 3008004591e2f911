// The renewal agent's ties to the PC (rokin-enroll --renew --stay): one agent per user session,
// and the events it checks again on. On Windows a named mutex in the session's namespace
// (Local\) and a hidden top-level window that receives the power broadcast (resume from sleep)
// and the end of the session (logoff); elsewhere a lock file in the user's data folder and none.
// The network coming back is Qt's QNetworkInformation on both.
#pragma once

#include <QAbstractNativeEventFilter>
#include <QObject>
#include <QString>

#include <memory>

namespace enroll::client {

class SingleAgent
{
public:
    // `dataDir`: this OS user's data folder (the lock file's place off Windows).
    explicit SingleAgent(const QString& dataDir);
    ~SingleAgent();
    SingleAgent(const SingleAgent&) = delete;
    SingleAgent& operator=(const SingleAgent&) = delete;
    // false: another agent of this session holds it (this one then ends at once).
    [[nodiscard]] bool acquired() const { return acquired_; }

private:
    struct Held;
    std::unique_ptr<Held> held_;
    bool acquired_ = false;
};

// What the PC says to the agent. Install with QCoreApplication::installNativeEventFilter; on
// Windows it needs a top-level window (hidden) to be sent the broadcasts: makeWindow() creates it.
class PcEvents : public QObject, public QAbstractNativeEventFilter
{
    Q_OBJECT
public:
    explicit PcEvents(QObject* parent = nullptr);
    ~PcEvents() override;
    void makeWindow();
    bool nativeEventFilter(const QByteArray& eventType, void* message, qintptr* result) override;
    // the window's title, for the tests that send it the broadcast
    static constexpr const char* kWindowTitle = "Rokin Enroll renewal agent";

signals:
    void resumed();       // back from sleep (PBT_APMRESUMEAUTOMATIC)
    void sessionEnding(); // logoff or shutdown (WM_ENDSESSION)
    void networkBack();   // the network reachable again

private:
    struct Window;
    std::unique_ptr<Window> window_;
};

} // namespace enroll::client
