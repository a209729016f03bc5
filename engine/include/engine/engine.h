// The engine thread: owns the ReviewService and runs every write on one thread, so domain state needs
// no locks. Callers on any thread submit commands and wait for the result; commands that arrive while
// a transaction is being written go together into the next one (group commit).
// Thread-safety: Submit() may be called from any thread. Stop() (or the destructor) finishes the queue.
#pragma once

#include <future>
#include <memory>

#include "engine/commands.h"
#include "engine/review_service.h"

namespace scr {

class Engine {
 public:
  // Takes the service; starts the engine thread.
  explicit Engine(std::unique_ptr<ReviewService> service, size_t max_batch = 512);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  std::future<CommandResult> Submit(Command command);
  // Runs `task` on the engine thread, after every command submitted before it.
  std::future<void> Post(std::function<void(ReviewService&)> task);
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scr
