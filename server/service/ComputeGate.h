// Bounds how many costly computations (Argon2id: 19 MiB and tens of milliseconds each) run at
// once, so that memory stays bounded under a flood: a caller waits briefly for a slot, and past
// that wait the request is answered UNAVAILABLE instead of piling up.
#pragma once

#include <chrono>
#include <functional>
#include <semaphore>
#include <stdexcept>

namespace enroll::server {

// Thrown when no slot frees up within the wait; the transport answers 503 UNAVAILABLE with
// Retry-After. Nothing has been checked or counted at that point.
class ServiceBusy : public std::runtime_error
{
public:
    ServiceBusy() : std::runtime_error("busy: no computation slot free") {}
};

class ComputeGate
{
public:
    // `slots` 0: one per core.
    ComputeGate(unsigned slots, std::chrono::milliseconds maxWait);

    class Slot
    {
    public:
        explicit Slot(ComputeGate& gate) : gate_(gate) {}
        ~Slot() { gate_.slots_.release(); }
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;

    private:
        ComputeGate& gate_;
    };

    // A slot held for the caller's scope; throws ServiceBusy after the wait.
    [[nodiscard]] Slot enter();
    [[nodiscard]] unsigned capacity() const { return count_; }
    // Told how long each enter() waited, in seconds (those that timed out too); set once, before
    // the gate is shared between threads.
    void setWaitObserver(std::function<void(double)> observer) { waitObserver_ = std::move(observer); }

private:
    static constexpr std::ptrdiff_t kMaxSlots = 1024;
    unsigned count_;
    std::chrono::milliseconds maxWait_;
    std::counting_semaphore<kMaxSlots> slots_;
    std::function<void(double)> waitObserver_;
};

} // namespace enroll::server
