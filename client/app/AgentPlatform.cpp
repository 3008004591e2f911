#include "app/AgentPlatform.h"

#include <QNetworkInformation>

#ifdef Q_OS_WIN
#include <QWindow>
#include <windows.h>
#else
#include <QLockFile>
#endif

namespace enroll::client {

#ifdef Q_OS_WIN
struct SingleAgent::Held
{
    HANDLE mutex = nullptr;
};

SingleAgent::SingleAgent(const QString&) : held_(std::make_unique<Held>())
{
    // Local\: this logon session's namespace, so another user's agent on the same PC is apart
    held_->mutex = CreateMutexW(nullptr, TRUE, L"Local\\RokinEnroll.RenewalAgent");
    acquired_ = held_->mutex != nullptr && GetLastError() != ERROR_ALREADY_EXISTS;
}

SingleAgent::~SingleAgent()
{
    if (held_->mutex != nullptr) {
        if (acquired_) {
            ReleaseMutex(held_->mutex);
        }
        CloseHandle(held_->mutex);
    }
}

struct PcEvents::Window
{
    QWindow window;
};

void PcEvents::makeWindow()
{
    window_ = std::make_unique<Window>();
    window_->window.setTitle(QString::fromLatin1(kWindowTitle));
    window_->window.setFlags(Qt::Tool); // never on the taskbar; never shown
    window_->window.create();           // a native top-level window, hidden: it is sent broadcasts
}

bool PcEvents::nativeEventFilter(const QByteArray& eventType, void* message, qintptr*)
{
    if (eventType != "windows_generic_MSG") {
        return false;
    }
    const auto* msg = static_cast<const MSG*>(message);
    if (msg->message == WM_POWERBROADCAST && (msg->wParam == PBT_APMRESUMEAUTOMATIC || msg->wParam == PBT_APMRESUMESUSPEND)) {
        emit resumed();
    } else if (msg->message == WM_ENDSESSION && msg->wParam == TRUE) {
        emit sessionEnding();
    }
    return false;
}
#else
struct SingleAgent::Held
{
    explicit Held(const QString& file) : lock(file) {}
    QLockFile lock;
};

SingleAgent::SingleAgent(const QString& dataDir) : held_(std::make_unique<Held>(dataDir + QStringLiteral("/renewal-agent.lock")))
{
    held_->lock.setStaleLockTime(0); // held for the agent's life; a dead agent's lock is stale
    acquired_ = held_->lock.tryLock(0);
}

SingleAgent::~SingleAgent() = default;

struct PcEvents::Window
{
};

void PcEvents::makeWindow() {}

bool PcEvents::nativeEventFilter(const QByteArray&, void*, qintptr*)
{
    return false;
}
#endif

PcEvents::PcEvents(QObject* parent) : QObject(parent)
{
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online) {
                        emit networkBack();
                    }
                });
    }
}

PcEvents::~PcEvents() = default;

} // namespace enroll::client
