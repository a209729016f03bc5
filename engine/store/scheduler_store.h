// What the scheduler reads and writes: the alerts it fired, the digests, and the outbox rows that hand
// both to the notifier (the one place that queues them). Free functions over the engine thread's
// connection, inside the caller's transaction; they throw SQLite's exceptions, as the callers expect.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/clock.h"
#include "engine/digest.h"
#include "engine/model.h"
#include "engine/roles.h"
#include "store/database.h"

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

// Inserts the rows, many to a statement; an alert stored before (its idempotency key) is ignored.
void InsertAlerts(Database& database, const std::vector<AlertRow>& rows);
int64_t LastAlertId(Database& database);

// How many alerts of each checkpoint or item's due date fired (its highest step), for reviews reloaded.
struct FiredAlertSteps {
  ReviewId review;
  std::string subject;
  std::string due;
  int last_step;
};
std::vector<FiredAlertSteps> ReadFiredAlertSteps(Database& database);
// The timescale alerts told, by review: (review, kind).
std::vector<std::pair<ReviewId, std::string>> ReadTimescaleAlertsTold(Database& database);

// The outbox, the notifier's queue, is added to here and nowhere else in the engine (one insert, in
// scheduler_store.cpp): every alert stored after `alerts_after` and not held; the held alerts of `board`
// one by one (no longer held after); a digest for each of `recipients`.
void QueueAlertsAfter(Database& database, int64_t alerts_after);
void QueueHeldAlerts(Database& database, BoardId board);
void QueueDigest(Database& database, int64_t digest, BoardId board, const std::vector<Role>& recipients, Instant at);

// The board's last daily digest, if any: its day and moment as stored, and the last alert it looked at.
struct LastDigest {
  std::string day;
  std::string fired_at;
  int64_t alerts_through = 0;
};
std::optional<LastDigest> ReadLastDailyDigest(Database& database, BoardId board);
// The overdue alerts of `board` stored after `alerts_after`, the first `listed` into `out` (all counted);
// returns the last one's id (or `alerts_after`).
int64_t ReadBecameOverdue(Database& database, BoardId board, int64_t alerts_after, size_t listed, DigestList& out);
// The deadlines of `board` moved in (since, until], the first `listed` into `out` (all counted).
void ReadDeadlinesMoved(Database& database, BoardId board, const std::string& since, const std::string& until,
                        size_t listed, DigestList& out);
// Stores a digest; 0 when it was stored before (the same board, kind and day).
int64_t StoreDigest(Database& database, BoardId board, const Digest& digest, Instant scheduled_for, Instant fired_at,
                    size_t items, int64_t alerts_through);

// The boards with alerts held for the catch-up after downtime, and how many each.
std::vector<std::pair<BoardId, int64_t>> ReadHeldAlertCounts(Database& database);
// The held alerts of `board`, the first `listed` into the catch-up digest (counted by kind), and the roles
// they were for.
void ReadHeldAlerts(Database& database, BoardId board, size_t listed, Digest& catch_up, std::set<Role>& recipients);
// The held alerts of `board` are told by the catch-up digest `digest`.
void MarkHeldAlertsTold(Database& database, BoardId board, int64_t digest);

}  // namespace scr
