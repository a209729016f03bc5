#include "engine/engine.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <deque>
#include <mutex>
#include <thread>

namespace scr {

constexpr size_t kAlertsPerTransaction = 1000;

struct Engine::Impl {
  struct Pending {
    Command command;
    std::promise<CommandResult> done;
  };

  std::unique_ptr<ReviewService> service;
  const Clock* clock = nullptr;
  size_t max_batch;
  boost::asio::io_context io;
  boost::asio::steady_timer timer{io};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::mutex queue_mutex;  // guards queue and drain_scheduled
  std::deque<Pending> queue;
  bool drain_scheduled = false;
  bool more_to_fire = false;  // a FireAndArm is posted (engine thread only)
  std::thread thread;

  // On the engine thread: everything queued so far goes into transactions of up to max_batch commands.
  void Drain() {
    for (;;) {
      std::vector<Pending> batch;
      {
        std::lock_guard<std::mutex> lock(queue_mutex);
        while (!queue.empty() && batch.size() < max_batch) {
          batch.push_back(std::move(queue.front()));
          queue.pop_front();
        }
        if (batch.empty()) {
          drain_scheduled = false;
          break;
        }
      }
      std::vector<Command> commands;
      commands.reserve(batch.size());
      for (Pending& pending : batch) commands.push_back(std::move(pending.command));
      std::vector<CommandResult> results = service->ExecuteBatch(commands);
      for (size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(std::move(results[i]));
    }
    FireAndArm();
  }

  // Fires what has fallen due, one transaction at a time so that commands queued meanwhile go in between,
  // then arms the timer at the next alert. A long wait is cut to an hour, so that a jump of the system
  // clock is noticed. On the simulated clock, whoever moves it fires everything (FireAll).
  void FireAndArm() {
    Result<size_t> fired = service->FireDueAlerts(kAlertsPerTransaction, 1);
    if (!fired.ok()) spdlog::error("alerts could not be stored; retrying shortly: {}", fired.status().message());
    std::optional<Instant> next = service->NextAlertAt();
    if (fired.ok() && next && *next <= clock->Now()) {
      if (!more_to_fire) {  // after whatever was queued meanwhile
        more_to_fire = true;
        boost::asio::post(io, [this] {
          more_to_fire = false;
          FireAndArm();
        });
      }
      return;
    }
    std::optional<std::chrono::steady_clock::duration> until = clock->RealWaitUntil(next.value_or(clock->Now()));
    if (!until) return;  // a clock that moves only when moved: whoever moves it fires what fell due
    auto wait = std::chrono::steady_clock::duration(std::chrono::hours(1));
    if (!fired.ok()) wait = std::chrono::seconds(5);
    else if (next) wait = std::min(wait, *until);
    timer.expires_after(wait);
    timer.async_wait([this](const boost::system::error_code& error) {
      if (!error) FireAndArm();
    });
  }

  // Everything due by now, before returning: a move of the simulated clock is answered only then.
  void FireAll() {
    Result<size_t> fired = service->FireDueAlerts(kAlertsPerTransaction);
    if (!fired.ok()) spdlog::error("alerts could not be stored: {}", fired.status().message());
    FireAndArm();
  }
};

Engine::Engine(std::unique_ptr<ReviewService> service, const Clock* clock, size_t max_batch)
    : impl_(std::make_unique<Impl>()) {
  impl_->service = std::move(service);
  impl_->clock = clock;
  impl_->max_batch = max_batch;
  boost::asio::post(impl_->io, [impl = impl_.get()] { impl->FireAndArm(); });  // catch up on what fell due
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

Engine::~Engine() { Stop(); }

std::future<CommandResult> Engine::Submit(Command command) {
  std::promise<CommandResult> done;
  std::future<CommandResult> result = done.get_future();
  bool schedule = false;
  {
    std::lock_guard<std::mutex> lock(impl_->queue_mutex);
    impl_->queue.push_back(Impl::Pending{std::move(command), std::move(done)});
    schedule = !impl_->drain_scheduled;
    impl_->drain_scheduled = true;
  }
  if (schedule) boost::asio::post(impl_->io, [impl = impl_.get()] { impl->Drain(); });
  return result;
}

std::future<void> Engine::Post(std::function<void(ReviewService&)> task) {
  auto done = std::make_shared<std::promise<void>>();
  std::future<void> result = done->get_future();
  boost::asio::post(impl_->io, [impl = impl_.get(), task = std::move(task), done] {
    impl->Drain();
    task(*impl->service);
    impl->FireAll();
    done->set_value();
  });
  return result;
}

void Engine::Stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  boost::asio::post(impl_->io, [impl = impl_.get()] {
    impl->Drain();
    impl->timer.cancel();
  });
  impl_->work.reset();
  impl_->thread.join();
}

}  // namespace scr
