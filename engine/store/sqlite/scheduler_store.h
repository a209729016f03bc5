// SchedulerStore on SQLite: the alerts, digests and outbox tables as the scheduler writes them. Borrows
// the caller's Database; not thread-safe (one connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/scheduler_store.h"

namespace scr {

class SqliteSchedulerStore final : public SchedulerStore {
 public:
  explicit SqliteSchedulerStore(Database& database) : database_(database) {}

  std::unique_ptr<WriteScope> BeginWrite() override;
  void InsertAlerts(const std::vector<AlertRow>& rows) override;
  int64_t LastAlertId() override;
  std::vector<FiredAlertSteps> ReadFiredAlertSteps() override;
  std::vector<std::pair<ReviewId, std::string>> ReadTimescaleAlertsTold() override;
  void QueueAlertsAfter(int64_t alerts_after) override;
  void QueueHeldAlerts(BoardId board) override;
  void QueueDigest(int64_t digest, BoardId board, const std::vector<Role>& recipients, Instant at) override;
  std::optional<LastDigest> ReadLastDailyDigest(BoardId board) override;
  int64_t ReadBecameOverdue(BoardId board, int64_t alerts_after, size_t listed, DigestList& out) override;
  void ReadDeadlinesMoved(BoardId board, const std::string& since, const std::string& until, size_t listed,
                          DigestList& out) override;
  Result<std::string> ReadHistoryFingerprint(BoardId board) override;
  int64_t StoreDigest(BoardId board, const Digest& digest, Instant scheduled_for, Instant fired_at, size_t items,
                      int64_t alerts_through) override;
  std::vector<std::pair<BoardId, int64_t>> ReadHeldAlertCounts() override;
  void ReadHeldAlerts(BoardId board, size_t listed, Digest& catch_up, std::set<Role>& recipients) override;
  void MarkHeldAlertsTold(BoardId board, int64_t digest) override;

 private:
  // The one INSERT into the outbox, of the rows `rows` (a SELECT) gives.
  Database::Statement PrepareOutboxInsert(const char* rows);

  Database& database_;
};

}  // namespace scr
