// The workers of the HTTP server: a thread per connection being served, started when a connection arrives
// and no worker is free, up to `max_workers`; idle workers wait for the next connection. The library's fixed
// pool lets as many slow clients as it has threads hold the whole service; this one grows past them (each
// connection is bounded by the ConnectionGuard's deadlines and per-address cap).
// Thread-safety: enqueue() from the accepting thread, shutdown() once, when the server stops.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace scr {

class GrowingThreadPool final : public httplib::TaskQueue {
 public:
  explicit GrowingThreadPool(size_t max_workers) : max_workers_(max_workers) {}
  ~GrowingThreadPool() override { shutdown(); }
  GrowingThreadPool(const GrowingThreadPool&) = delete;
  GrowingThreadPool& operator=(const GrowingThreadPool&) = delete;

  void enqueue(std::function<void()> work) override {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(work));
    if (idle_ < queue_.size() && workers_.size() < max_workers_) {
      workers_.emplace_back([this] { Work(); });
    } else {
      wake_.notify_one();
    }
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

 private:
  void Work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      --idle_;
      if (queue_.empty()) return;  // stopping, and nothing left to serve
      std::function<void()> work = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      work();
      lock.lock();
    }
  }

  const size_t max_workers_;
  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;  // only grows; joined at shutdown
  size_t idle_ = 0;                   // workers waiting for work
  bool stopping_ = false;
};

}  // namespace scr
