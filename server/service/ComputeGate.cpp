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
    if (!slots_.try_acquire_for(maxWait_)) {
        throw ServiceBusy();
    }
    return Slot(*this);
}

} // namespace enroll::server
