// The alerts fired, as read: a board's alerts newest first, and what fired (alerts, digests, messages
// queued) since a mark. An interface; its SQLite implementation is sqlite/read_stores.h. Used on
// one thread (the caller's connection), inside the caller's read; a storage failure throws (std::exception).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"

namespace scr {

// An alert as stored, with its review's workflow: a checkpoint's title is the caller's to find in it (the
// subject title is empty then).
struct StoredAlert {
  Alert alert;
  std::string workflow;
};

// How many alerts of a kind fired, and how many of those went to the chair.
struct AlertKindCount {
  std::string kind;
  int64_t count = 0;
  int64_t to_chair = 0;
};

class AlertReadStore {
 public:
  virtual ~AlertReadStore() = default;

  // The board's alerts matching `filter` (its cursor and status, review, level and role), newest first, at
  // most `count`.
  virtual std::vector<StoredAlert> ReadAlerts(BoardId board, const AlertFilter& filter, int count) = 0;
  // The last alert, digest and outbox message stored so far.
  virtual FiredMark ReadFiredMark() = 0;
  // Since `mark`: the board's alerts counted by kind, its digests with something to tell, its messages
  // queued, and its first `count` alerts, oldest first.
  virtual std::vector<AlertKindCount> CountAlertsSince(BoardId board, int64_t alert) = 0;
  virtual int64_t CountDigestsSince(BoardId board, int64_t digest) = 0;
  virtual int64_t CountMessagesSince(BoardId board, int64_t outbox) = 0;
  virtual std::vector<StoredAlert> ReadAlertsSince(BoardId board, int64_t alert, int count) = 0;
};

}  // namespace scr
