#include "engine/access_log.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine/calendar.h"
#include "store/sqlite/database.h"

namespace scr {
namespace {

// The writer lets reads gather for this long, or up to this many, before it writes them in one transaction:
// one durable commit per read would cost more than the read itself, at a few thousand reads a second.
constexpr auto kGatherFor = std::chrono::milliseconds(10);
constexpr size_t kMostPerTransaction = 2000;
// While writes fail, the writer tries again this often, keeping what it could not write; reads are refused
// meanwhile, and also when this many wait (the writer is stuck).
constexpr auto kRetryAfter = std::chrono::milliseconds(200);
constexpr size_t kMostWaiting = 50000;

struct PendingRead {
  Actor actor;
  ReviewId review = 0;
  std::string route;
  std::string read_at;
};

class AccessLogImpl final : public AccessLog {
 public:
  explicit AccessLogImpl(std::string database_path)
      : database_path_(std::move(database_path)), writer_([this] { WriteUntilStopped(); }) {}

  ~AccessLogImpl() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    writer_.join();  // writes what is queued first
  }

  Status Record(const Actor& actor, ReviewId review, const std::string& route, Instant at) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return Status::Unavailable("the service is stopping");
      if (!failure_.empty()) return Status::Unavailable("the access log cannot be written: " + failure_);
      if (queue_.size() >= kMostWaiting) {
        return Status::Unavailable("the access log's writer is behind by " + std::to_string(queue_.size()) + " reads");
      }
      queue_.push_back({actor, review, route, FormatInstant(at)});
      ++queued_;
      if (queue_.size() != 1 && queue_.size() != kMostPerTransaction) return Status::Ok();  // the writer knows
    }
    wake_.notify_one();
    return Status::Ok();
  }

  Result<std::vector<ReviewRead>> Reads(BoardId board, ReviewId review, std::optional<int64_t> after,
                                        int limit) override {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      uint64_t target = queued_;  // every read recorded before this call is in the answer
      if (!written_.wait_for(lock, std::chrono::seconds(5), [&] { return handled_ >= target; })) {
        return Status::Unavailable("the access log's latest reads are not written yet: " +
                                   (failure_.empty() ? std::string("the writer is behind") : failure_));
      }
    }
    std::lock_guard<std::mutex> lock(reader_mutex_);
    try {
      if (!reader_) {
        Result<std::unique_ptr<Database>> opened = Database::Open(database_path_, Database::Mode::kReadOnly);
        if (!opened.ok()) return opened.status();
        reader_ = std::move(opened).value();
      }
      Database::Statement owner = reader_->Prepare("SELECT 1 FROM reviews WHERE id = ? AND board_id = ?");
      owner->bind(1, review);
      owner->bind(2, board);
      if (!owner->executeStep()) return Status::NotFound("no review " + std::to_string(review));
      Database::Statement select = reader_->Prepare(
          "SELECT id, route, actor_name, actor_role, user_id, token_id, read_at FROM review_reads "
          "WHERE review_id = ? AND id > ? ORDER BY id LIMIT ?");
      select->bind(1, review);
      select->bind(2, after.value_or(0));
      select->bind(3, limit);
      std::vector<ReviewRead> reads;
      while (select->executeStep()) {
        ReviewRead read;
        read.id = select->getColumn(0).getInt64();
        read.review = review;
        read.route = select->getColumn(1).getString();
        read.actor_name = select->getColumn(2).getString();
        read.actor_role = RoleFromName(select->getColumn(3).getText()).value_or(Role::kViewer);
        if (!select->getColumn(4).isNull()) read.user_id = select->getColumn(4).getInt64();
        if (!select->getColumn(5).isNull()) read.token_id = select->getColumn(5).getInt64();
        read.read_at = select->getColumn(6).getString();
        reads.push_back(std::move(read));
      }
      return reads;
    } catch (const std::exception& e) {
      return StorageError(e, "reading the access log of review " + std::to_string(review));
    }
  }

 private:
  // The writer thread: takes whatever has queued up and writes it in one transaction (group commit). A batch
  // that cannot be written is kept and tried again; until it is written, Record refuses new reads.
  void WriteUntilStopped() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      wake_.wait_for(lock, kGatherFor, [this] { return stopping_ || queue_.size() >= kMostPerTransaction; });
      if (queue_.empty()) return;  // stopping, and everything written
      std::vector<PendingRead> batch;
      batch.swap(queue_);
      lock.unlock();
      Status written = Write(batch);
      lock.lock();
      if (written.ok()) {
        if (!failure_.empty()) spdlog::info("access log: written again, {} reads caught up", batch.size());
        failure_.clear();
      } else if (stopping_) {
        spdlog::error("access log: {} reads of reviews could not be recorded before stopping: {}", batch.size(),
                      written.message());
      } else {
        if (failure_.empty()) {
          spdlog::error("access log: {} reads of reviews cannot be recorded yet ({}); reads are refused until "
                        "they are",
                        batch.size(), written.message());
        }
        failure_ = written.message();
        queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
        wake_.wait_for(lock, kRetryAfter, [this] { return stopping_; });
        continue;
      }
      handled_ += batch.size();
      written_.notify_all();
    }
  }

  Status Write(const std::vector<PendingRead>& batch) {
    try {
      if (!writer_database_) {
        Result<std::unique_ptr<Database>> opened = Database::Open(database_path_, Database::Mode::kReadWrite);
        if (!opened.ok()) return opened.status();
        writer_database_ = std::move(opened).value();
      }
      WriteTransaction transaction(*writer_database_);
      Database::Statement insert = writer_database_->Prepare(
          "INSERT INTO review_reads (board_id, review_id, route, actor_name, actor_role, user_id, token_id, read_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      for (const PendingRead& read : batch) {
        insert->reset();
        insert->clearBindings();
        insert->bind(1, read.actor.board_id);
        insert->bind(2, read.review);
        insert->bind(3, read.route);
        insert->bind(4, read.actor.name);
        insert->bind(5, RoleName(read.actor.role));
        if (read.actor.user_id) insert->bind(6, *read.actor.user_id);
        if (read.actor.token_id) insert->bind(7, *read.actor.token_id);
        insert->bind(8, read.read_at);
        insert->exec();
      }
      transaction.Commit();
      return Status::Ok();
    } catch (const std::exception& e) {
      writer_database_.reset();  // opened afresh for the next batch
      return StorageError(e, "writing the access log");
    }
  }

  const std::string database_path_;
  std::mutex mutex_;  // guards queue_, queued_, handled_, failure_, stopping_
  std::condition_variable wake_;     // the writer: something queued, or stopping
  std::condition_variable written_;  // Reads(): handled_ moved on
  std::vector<PendingRead> queue_;
  uint64_t queued_ = 0;   // reads queued since start
  uint64_t handled_ = 0;  // of those, written (or reported as lost)
  std::string failure_;  // why the last write failed; empty while writes succeed
  bool stopping_ = false;
  std::unique_ptr<Database> writer_database_;  // the writer thread's alone
  std::mutex reader_mutex_;                    // guards reader_
  std::unique_ptr<Database> reader_;
  std::thread writer_;  // last: started once everything above exists
};

}  // namespace

std::unique_ptr<AccessLog> AccessLog::Create(const std::string& database_path) {
  return std::make_unique<AccessLogImpl>(database_path);
}

}  // namespace scr
