#include "engine/token_use.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/calendar.h"
#include "store/sqlite/database.h"

namespace scr {
namespace {

constexpr auto kAtMostEvery = std::chrono::minutes(1);

class TokenUseImpl final : public TokenUse {
 public:
  explicit TokenUseImpl(std::string database_path)
      : database_path_(std::move(database_path)), writer_([this] { WriteUntilStopped(); }) {}

  ~TokenUseImpl() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    writer_.join();  // writes what is queued first
  }

  void Note(int64_t token_id, Instant at) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
      auto [last, first_use] = last_written_.try_emplace(token_id, at);
      if (!first_use && at - last->second < kAtMostEvery) return;
      last->second = at;
      queue_.emplace_back(token_id, at);
    }
    wake_.notify_one();
  }

 private:
  void WriteUntilStopped() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything written
      std::vector<std::pair<int64_t, Instant>> batch;
      batch.swap(queue_);
      lock.unlock();
      if (Status written = Write(batch); !written.ok()) {
        spdlog::warn("tokens: when {} tokens were last used could not be recorded: {}", batch.size(), written.message());
      }
      lock.lock();
    }
  }

  Status Write(const std::vector<std::pair<int64_t, Instant>>& batch) {
    try {
      if (!database_) {
        Result<std::unique_ptr<Database>> opened = Database::Open(database_path_, Database::Mode::kReadWrite);
        if (!opened.ok()) return opened.status();
        database_ = std::move(opened).value();
      }
      WriteTransaction transaction(*database_);
      Database::Statement update = database_->Prepare(
          "UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)");
      for (const auto& [token_id, at] : batch) {
        update->reset();
        update->clearBindings();
        update->bind(1, FormatInstant(at));
        update->bind(2, token_id);
        update->bind(3, FormatInstant(at));
        update->exec();
      }
      transaction.Commit();
      return Status::Ok();
    } catch (const std::exception& e) {
      database_.reset();  // opened afresh for the next batch
      return StorageError(e, "recording when tokens were last used");
    }
  }

  const std::string database_path_;
  std::mutex mutex_;  // guards last_written_, queue_, stopping_
  std::condition_variable wake_;
  std::unordered_map<int64_t, Instant> last_written_;  // per token: the use last queued for writing
  std::vector<std::pair<int64_t, Instant>> queue_;
  bool stopping_ = false;
  std::unique_ptr<Database> database_;  // the writer thread's alone
  std::thread writer_;                  // last: started once everything above exists
};

}  // namespace

std::unique_ptr<TokenUse> TokenUse::Create(const std::string& database_path) {
  return std::make_unique<TokenUseImpl>(database_path);
}

}  // namespace scr
