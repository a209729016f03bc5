// Every "now" comes from a Clock, so deadlines months away can be tested in milliseconds. The service holds
// two: the review clock (the system clock, or a simulated one in a demo or a test) that times reviews,
// alerts and digests, and the real-time clock (always the system clock in the service) that times what
// happens in the world outside: sessions, sign-in throttling, tokens' use and expiry, message delivery and
// its retries. Nothing else asks the system for the time, and nothing outside this file asks which kind a
// clock is.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/status.h"

namespace scr {

using Instant = std::chrono::system_clock::time_point;

// Thread-safe: Now() may be called from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
  // How long to wait in real time until `at`, or nothing for a clock that moves only when it is moved
  // (whoever moves it then does what fell due).
  virtual std::optional<std::chrono::steady_clock::duration> RealWaitUntil(Instant at) const = 0;
  // The moment to record for something planned for `planned` and done at `done` while the service was
  // running: on the system clock the moment it was done; on a simulated clock, which jumps over time,
  // the moment it was planned for, as if that time had passed.
  virtual Instant HappenedAt(Instant planned, Instant done) const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override { return std::chrono::system_clock::now(); }
  std::optional<std::chrono::steady_clock::duration> RealWaitUntil(Instant at) const override {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::max(Instant::duration::zero(), at - Now()));
  }
  Instant HappenedAt(Instant, Instant done) const override { return done; }
  // The one system clock, for what is timed in real time.
  static const SystemClock& Instance();
};

// A clock that stands still until moved forward; it never goes back.
// Listeners registered with OnAdvance() run on the thread that advanced the clock, after the move.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant(Instant::duration(now_.load())); }
  std::optional<std::chrono::steady_clock::duration> RealWaitUntil(Instant) const override { return std::nullopt; }
  Instant HappenedAt(Instant planned, Instant) const override { return planned; }

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
