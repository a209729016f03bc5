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

// Inserts the event row and returns its hash (also as hex, in `hex`); the caller moves the review's head
// in the same transaction.
EventHash AppendEvent(Database& database, const NewEvent& event, const EventHash& previous, std::string* hex);

// Walks every review's history and recomputes the chain. Returns the first problem found, in words
// that name the review and the event, or an empty string when every chain holds.
Result<std::string> VerifyHistory(Database& database);

}  // namespace scr
