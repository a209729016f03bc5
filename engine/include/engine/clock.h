// Every "now" in the engine comes from a Clock, so deadlines months away can be tested in milliseconds.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

#include "engine/status.h"

namespace scr {

using Instant = std::chrono::system_clock::time_point;

// Thread-safe: Now() may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
  virtual bool is_simulated() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override { return std::chrono::system_clock::now(); }
  bool is_simulated() const override { return false; }
};

// A clock that stands still until moved forward; it never goes back.
// Listeners registered with OnAdvance() run on the thread that advanced the clock, after the move.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant(Instant::duration(now_.load())); }
  bool is_simulated() const override { return true; }

  // Refuses to move backwards; moving to the same instant is allowed and does nothing.
  Status AdvanceTo(Instant target);
  Status AdvanceBy(Instant::duration amount) { return AdvanceTo(Now() + amount); }
  void OnAdvance(std::function<void(Instant)> listener);

 private:
  std::atomic<Instant::rep> now_;
  std::mutex listeners_mutex_;  // guards listeners_
  std::vector<std::function<void(Instant)>> listeners_;
};

}  // namespace scr
