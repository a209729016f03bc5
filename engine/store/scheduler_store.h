// What the scheduler reads and writes: the alerts it fired, the digests, and the outbox rows that hand
// both to the notifier (the one place that queues them). An interface; the SQLite implementation is
// sqlite/scheduler_store.h. Used on the engine's thread, inside the transaction the scheduler
// begins (BeginWrite) or the one its caller holds; calls throw on a storage failure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/clock.h"
#include "engine/digest.h"
#include "engine/model.h"
#include "engine/roles.h"
#include "engine/status.h"
#include "store/scopes.h"

namespace scr {

// One fired alert, kept until it is inserted with the rest of its batch.
struct AlertRow {
  BoardId board;
  ReviewId review;
  std::string subject;  // the checkpoint's key, or the item's subject
  const char* kind;
  int level;
  int step;
  const char* recipient;
  std::string due, scheduled_for, fired_at;
  int64_t late_by_s;
  bool hold;  // held for the catch-up after downtime, not queued
};

// How many alerts of each checkpoint or item's due date fired (its highest step), for reviews reloaded.
struct FiredAlertSteps {
  ReviewId review;
  std::string subject;
  std::string due;
  int last_step;
};

// The board's last daily digest, if any: its day and moment as stored, and the last alert it looked at.
struct LastDigest {
  std::string day;
  std::string fired_at;
  int64_t alerts_through = 0;
};

class SchedulerStore {
 public:
  virtual ~SchedulerStore() = default;

  // A transaction of the scheduler's own (firing a batch, releasing held alerts).
  virtual std::unique_ptr<WriteScope> BeginWrite() = 0;

  // Inserts the rows, many to a statement; an alert stored before (its idempotency key) is ignored.
  virtual void InsertAlerts(const std::vector<AlertRow>& rows) = 0;
  virtual int64_t LastAlertId() = 0;
  virtual std::vector<FiredAlertSteps> ReadFiredAlertSteps() = 0;
  // The timescale alerts told, by review: (review, kind).
  virtual std::vector<std::pair<ReviewId, std::string>> ReadTimescaleAlertsTold() = 0;

  // The outbox, the notifier's queue, is added to here and nowhere else in the engine: every alert
  // stored after `alerts_after` and not held; the held alerts of `board` one by one (no longer held
  // after); a digest for each of `recipients`.
  virtual void QueueAlertsAfter(int64_t alerts_after) = 0;
  virtual void QueueHeldAlerts(BoardId board) = 0;
  virtual void QueueDigest(int64_t digest, BoardId board, const std::vector<Role>& recipients, Instant at) = 0;

  virtual std::optional<LastDigest> ReadLastDailyDigest(BoardId board) = 0;
  // The overdue alerts of `board` stored after `alerts_after`, the first `listed` into `out` (all
  // counted); returns the last one's id (or `alerts_after`).
  virtual int64_t ReadBecameOverdue(BoardId board, int64_t alerts_after, size_t listed, DigestList& out) = 0;
  // The deadlines of `board` moved in (since, until], the first `listed` into `out` (all counted).
  virtual void ReadDeadlinesMoved(BoardId board, const std::string& since, const std::string& until, size_t listed,
                                  DigestList& out) = 0;
  // A fingerprint of `board`'s histories as they stand, for its digest (sqlite/history_fingerprint.h).
  virtual Result<std::string> ReadHistoryFingerprint(BoardId board) = 0;
  // Stores a digest; 0 when it was stored before (the same board, kind and day).
  virtual int64_t StoreDigest(BoardId board, const Digest& digest, Instant scheduled_for, Instant fired_at,
                              size_t items, int64_t alerts_through) = 0;

  // The boards with alerts held for the catch-up after downtime, and how many each.
  virtual std::vector<std::pair<BoardId, int64_t>> ReadHeldAlertCounts() = 0;
  // The held alerts of `board`, the first `listed` into the catch-up digest (counted by kind), and the
  // roles they were for.
  virtual void ReadHeldAlerts(BoardId board, size_t listed, Digest& catch_up, std::set<Role>& recipients) = 0;
  // The held alerts of `board` are told by the catch-up digest `digest`.
  virtual void MarkHeldAlertsTold(BoardId board, int64_t digest) = 0;
};

}  // namespace scr
