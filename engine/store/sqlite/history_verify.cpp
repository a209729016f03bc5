// Checking every review's keyed history chain (event_log.h says what the chain covers).
#include <SQLiteCpp/SQLiteCpp.h>

#include "store/sqlite/event_log.h"

namespace scr {
namespace {

struct StoredEvent {
  NewEvent event;
  std::string salt;
  std::string text_digest;
  std::string hash;
};

// The problem with one event, or an empty text when it holds; moves `previous` on to its hash.
std::string CheckEvent(HistorySeal& seal, const StoredEvent& stored, bool erased_before, EventHash& previous) {
  const NewEvent& event = stored.event;
  std::string where = "review " + std::to_string(event.review_id) + ", event " + std::to_string(event.seq) + " (" +
                      event.event + " at " + event.at + ")";
  DataTexts split = SplitDataTexts(event.data);
  EventHash text_digest{};
  if (!FromHex(stored.text_digest, &text_digest)) return where + ": its text digest is damaged; the row was changed";
  if (stored.salt.empty()) {
    bool blank = event.reason.empty();
    for (const std::string& text : split.texts) blank = blank && text.empty();
    if (!erased_before) return where + ": its text was blanked, but no retention erasure of the review did it";
    if (!blank) return where + ": its text was changed after the review was erased";
  } else if (TextDigest(stored.salt, event.reason, split.texts) != text_digest) {
    return where + ": its reason or notes do not match their digest; the row was changed";
  }
  EventHash hash = ChainHash(seal, event, split.skeleton, text_digest, previous);
  if (ToHex(hash) != stored.hash) {
    return where + ": its hash does not match its content under the history key; the row was changed";
  }
  previous = hash;
  return std::string();
}

}  // namespace

Result<std::string> VerifyHistory(Database& database) {
  HistorySeal* seal = database.history_seal();
  if (!seal) return Status::Storage("no history key is loaded; the history cannot be checked");
  try {
    SQLite::Statement reviews(database.connection(),
                              "SELECT id, (SELECT MIN(seq) FROM review_events e WHERE e.review_id = reviews.id AND "
                              "e.event = 'retention_erasure') FROM reviews ORDER BY id");
    SQLite::Statement events(database.connection(),
                             "SELECT seq, at, actor, event, reason, data, text_salt, text_digest, hash "
                             "FROM review_events WHERE review_id = ? ORDER BY seq");
    int64_t total = 0;
    while (reviews.executeStep()) {
      ReviewId review = reviews.getColumn(0).getInt64();
      int64_t erased_at = reviews.getColumn(1).isNull() ? 0 : reviews.getColumn(1).getInt64();  // 0: never erased
      std::string where = "review " + std::to_string(review);
      EventHash previous{};
      int64_t seq = 0;
      events.reset();
      events.bind(1, review);
      while (events.executeStep()) {
        StoredEvent stored;
        stored.event.review_id = review;
        stored.event.seq = events.getColumn(0).getInt64();
        stored.event.at = events.getColumn(1).getString();
        stored.event.actor = events.getColumn(2).getString();
        stored.event.event = events.getColumn(3).getString();
        stored.event.reason = events.getColumn(4).getString();
        stored.event.data = events.getColumn(5).getString();
        stored.salt = events.getColumn(6).getString();
        stored.text_digest = events.getColumn(7).getString();
        stored.hash = events.getColumn(8).getString();
        if (stored.event.seq != seq + 1) {
          return where + ": event " + std::to_string(seq + 1) + " is missing from the history; it was deleted";
        }
        std::string problem = CheckEvent(*seal, stored, stored.event.seq < erased_at, previous);
        if (!problem.empty()) return problem;
        seq = stored.event.seq;
      }
      if (seq == 0) return where + " has no history at all; its events were deleted";
      total += seq;
    }
    int64_t recorded = database.connection().execAndGet("SELECT event_total FROM ledger WHERE id = 1").getInt64();
    if (total != recorded) {
      return "the histories hold " + std::to_string(total) + " events but the ledger counted " +
             std::to_string(recorded) + "; " + std::to_string(recorded - total) +
             " events were deleted from the end of a review's history";
    }
  } catch (const std::exception& e) {
    return StorageError(e, "verifying the review histories");
  }
  return std::string();
}

}  // namespace scr
