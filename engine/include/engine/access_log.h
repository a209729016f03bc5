// The access log: who read which review, when, and through which route. The API records every
// successful read of a review's data; admins read the log back.
// Ownership: owns a writer thread and two connections of its own (one writes, one reads the log back).
// Thread-safety: every method may be called from any thread. A read is queued in memory at once and a
// writer thread commits whatever has queued up in one transaction (group commit), so that no request
// waits for the disk or for SQLite's write lock; the queue is written before destruction returns.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"

namespace scr {

struct ReviewRead {
  int64_t id = 0;
  ReviewId review = 0;
  std::string route;  // method and path template, e.g. "GET /api/v1/reviews/{id}/events"
  std::string actor_name;
  Role actor_role = Role::kViewer;
  std::optional<UserId> user_id;
  std::optional<int64_t> token_id;
  std::string read_at;  // RFC 3339
};

class AccessLog {
 public:
  static std::unique_ptr<AccessLog> Create(const std::string& database_path);
  virtual ~AccessLog() = default;

  // Queues one read for the writer thread; Unavailable once the log is being destroyed. A crash of the
  // process loses only the reads of its last few milliseconds; a failed write is logged with its count.
  virtual Status Record(const Actor& actor, ReviewId review, const std::string& route, Instant at) = 0;
  // The review's reads after the cursor `after` (a ReviewRead id), oldest first, including every read
  // recorded before the call; NotFound for a review of another board.
  virtual Result<std::vector<ReviewRead>> Reads(BoardId board, ReviewId review, std::optional<int64_t> after,
                                                int limit) = 0;
};

}  // namespace scr
