#include "engine/clock.h"

#include "engine/calendar.h"

namespace scr {

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

Status SimulatedClock::AdvanceTo(Instant target) {
  Instant::rep wanted = target.time_since_epoch().count();
  Instant::rep current = now_.load();
  do {
    if (wanted < current) {
      return Status::InvalidArgument("the simulated clock never goes back: it is already " +
                                     FormatInstant(Instant(Instant::duration(current))));
    }
  } while (!now_.compare_exchange_weak(current, wanted));
  std::vector<std::function<void(Instant)>> listeners;
  {
    std::lock_guard<std::mutex> lock(listeners_mutex_);
    listeners = listeners_;
  }
  for (const auto& listener : listeners) listener(target);
  return Status::Ok();
}

void SimulatedClock::OnAdvance(std::function<void(Instant)> listener) {
  std::lock_guard<std::mutex> lock(listeners_mutex_);
  listeners_.push_back(std::move(listener));
}

}  // namespace scr
