// The history of every review, as the commands add to it: the append-only chain of events (each keyed
// to the one before it), where a review's chain stands, and the ledger that counts every event appended.
// An interface; the SQLite implementation is sqlite/history_store.h. Used on the writer's thread,
// inside its write transaction; calls throw on a storage failure.
#pragma once

#include <cstdint>
#include <string>

#include "engine/ids.h"
#include "engine/status.h"

namespace scr {

struct NewEvent {
  ReviewId review_id = 0;
  int64_t seq = 0;  // 1 for the referral, then one more per event
  std::string at;
  std::string actor;
  std::string event;
  std::string reason;
  std::string data = "{}";
};

// Where a review's history stands: its last event's number and hash (0 and zeros before the first).
struct HistoryHead {
  int64_t event_count = 0;
  EventHash last_hash{};
};

class HistoryStore {
 public:
  virtual ~HistoryStore() = default;

  // Appends the event, chained to `previous` under the history key, and returns its hash. The caller adds
  // the events it appended to the ledger (AddToLedger) before its transaction commits.
  virtual EventHash Append(const NewEvent& event, const EventHash& previous) = 0;
  virtual void AddToLedger(int64_t events) = 0;
  virtual Result<HistoryHead> ReadHead(ReviewId review) = 0;
};

}  // namespace scr
