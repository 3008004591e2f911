#include "service/ComputeGate.h"

#include <algorithm>
#include <thread>

namespace enroll::server {
namespace {

unsigned slotCount(unsigned slots)
{
    if (slots == 0) {
        slots = std::max(1u, std::thread::hardware_concurrency());
    }
    return std::min<unsigned>(slots, 1024);
}

} // namespace

ComputeGate::ComputeGate(unsigned slots, std::chrono::milliseconds maxWait)
    : count_(slotCount(slots)), maxWait_(maxWait), slots_(static_cast<std::ptrdiff_t>(count_))
{
}

ComputeGate::Slot ComputeGate::enter()
{
    const auto start = std::chrono::steady_clock::now();
    const bool entered = slots_.try_acquire(); // the common case: no wait, no clock read after
    const bool got = entered || slots_.try_acquire_for(maxWait_);
    if (waitObserver_) {
        waitObserver_(entered ? 0.0 : std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    if (!got) {
        throw ServiceBusy();
    }
    return Slot(*this);
}

} // namespace enroll::server
