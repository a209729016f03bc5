// The append-only history of a review: each event carries a SHA-256 over itself and the previous
// event's hash, so a changed or deleted row breaks the chain and `admin verify` finds it.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "engine/model.h"
#include "engine/status.h"
#include "store/database.h"

struct evp_md_st;

namespace scr {

using EventHash = std::array<uint8_t, 32>;

struct NewEvent {
  ReviewId review_id = 0;
  int64_t seq = 0;  // 1 for the referral, then one more per event
  std::string at;
  std::string actor;
  std::string event;
  std::string reason;
  std::string data = "{}";
};

// SHA-256, fetched from OpenSSL once for the life of the process.
const evp_md_st* Sha256();

// The hash of `event` chained to `previous` (all zeros before the first event).
EventHash HashEvent(const NewEvent& event, const EventHash& previous);
std::string ToHex(const EventHash& hash);
bool FromHex(const std::string& hex, EventHash* hash);

// Inserts the event row and returns its hash. The caller adds the events it appended to the ledger
// (AddToLedger) before its transaction commits.
EventHash AppendEvent(Database& database, const NewEvent& event, const EventHash& previous);
void AddToLedger(Database& database, int64_t events);
// Where a review's history stands: its last event's number and hash (0 and zeros before the first).
struct HistoryHead {
  int64_t event_count = 0;
  EventHash last_hash{};
};
Result<HistoryHead> ReadHistoryHead(Database& database, ReviewId review);

// Walks every review's history, recomputes the chain, and checks the ledger's count. Returns the first problem found, in words
// that name the review and the event, or an empty string when every chain holds.
Result<std::string> VerifyHistory(Database& database);

}  // namespace scr
