// The engine thread: owns the ReviewService and runs every write on one thread, so domain state needs
// no locks. Callers on any thread submit commands and wait for the result; commands that arrive while
// a transaction is being written go together into the next one (group commit). After every batch, and
// whenever the one timer (armed at the earliest pending alert) expires, it fires what has fallen due.
// Thread-safety: Submit() may be called from any thread. Stop() (or the destructor) finishes the queue.
#pragma once

#include <future>
#include <memory>

#include "engine/clock.h"
#include "engine/commands.h"
#include "engine/review_service.h"

namespace scr {

class Engine {
 public:
  // Takes the service; starts the engine thread, which first fires whatever fell due while stopped.
  // `clock` outlives the engine; with a simulated clock no timer runs: time moves only through Post().
  Engine(std::unique_ptr<ReviewService> service, const Clock* clock, size_t max_batch = 512);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  std::future<CommandResult> Submit(Command command);
  // Runs `task` on the engine thread, after every command submitted before it; then fires what is due.
  std::future<void> Post(std::function<void(ReviewService&)> task);
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scr
