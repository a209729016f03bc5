#include "store/event_log.h"

#include <openssl/evp.h>

#include <cstring>
#include <memory>

namespace scr {
namespace {

// Length-prefixed fields, so that no two different events share an encoding.
void AddField(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

const EVP_MD* Sha256() {
  // Fetched once: OpenSSL 3 looks the algorithm up again on every implicit use, which costs more than
  // hashing a small event.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return kSha256;
}

EventHash HashEvent(const NewEvent& event, const EventHash& previous) {
  std::string encoded;
  encoded.reserve(128 + event.reason.size() + event.data.size());
  AddField(encoded, std::to_string(event.review_id));
  AddField(encoded, std::to_string(event.seq));
  AddField(encoded, event.at);
  AddField(encoded, event.actor);
  AddField(encoded, event.event);
  AddField(encoded, event.reason);
  AddField(encoded, event.data);
  encoded.append(reinterpret_cast<const char*>(previous.data()), previous.size());
  // One digest context per thread, reused: creating one per event costs more than the hashing.
  static thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                                     &EVP_MD_CTX_free);
  EventHash hash{};
  unsigned int length = 0;
  EVP_DigestInit_ex2(context.get(), Sha256(), nullptr);
  EVP_DigestUpdate(context.get(), encoded.data(), encoded.size());
  EVP_DigestFinal_ex(context.get(), hash.data(), &length);
  return hash;
}

std::string ToHex(const EventHash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(64, '0');
  for (size_t i = 0; i < hash.size(); ++i) {
    hex[2 * i] = kDigits[hash[i] >> 4];
    hex[2 * i + 1] = kDigits[hash[i] & 0xf];
  }
  return hex;
}

bool FromHex(const std::string& hex, EventHash* hash) {
  if (hex.size() != 64) return false;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < hash->size(); ++i) {
    int high = value(hex[2 * i]), low = value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    (*hash)[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return true;
}

EventHash AppendEvent(Database& database, const NewEvent& event, const EventHash& previous) {
  EventHash hash = HashEvent(event, previous);
  Database::Statement insert = database.Prepare(
      "INSERT INTO review_events (review_id, seq, at, actor, event, reason, data, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, event.review_id);
  insert->bind(2, event.seq);
  insert->bindNoCopy(3, event.at);
  insert->bindNoCopy(4, event.actor);
  insert->bindNoCopy(5, event.event);
  insert->bindNoCopy(6, event.reason);
  insert->bindNoCopy(7, event.data);
  std::string hex = ToHex(hash);
  insert->bindNoCopy(8, hex);
  insert->exec();
  return hash;
}

void AddToLedger(Database& database, int64_t events) {
  Database::Statement add = database.Prepare("UPDATE ledger SET event_total = event_total + ? WHERE id = 1");
  add->bind(1, events);
  add->exec();
}

Result<HistoryHead> ReadHistoryHead(Database& database, ReviewId review) {
  Database::Statement last =
      database.Prepare("SELECT seq, hash FROM review_events WHERE review_id = ? ORDER BY seq DESC LIMIT 1");
  last->bind(1, review);
  HistoryHead head;
  if (!last->executeStep()) return head;
  head.event_count = last->getColumn(0).getInt64();
  if (!FromHex(last->getColumn(1).getString(), &head.last_hash)) {
    return Status::Storage("review " + std::to_string(review) + " has a damaged history hash; run admin verify");
  }
  return head;
}

Result<std::string> VerifyHistory(Database& database) {
  try {
    SQLite::Statement reviews(database.connection(), "SELECT id FROM reviews ORDER BY id");
    SQLite::Statement events(database.connection(),
                             "SELECT seq, at, actor, event, reason, data, hash FROM review_events "
                             "WHERE review_id = ? ORDER BY seq");
    int64_t total = 0;
    while (reviews.executeStep()) {
      ReviewId review = reviews.getColumn(0).getInt64();
      std::string where = "review " + std::to_string(review);
      EventHash previous{};
      int64_t seq = 0;
      events.reset();
      events.bind(1, review);
      while (events.executeStep()) {
        NewEvent event;
        event.review_id = review;
        event.seq = events.getColumn(0).getInt64();
        event.at = events.getColumn(1).getString();
        event.actor = events.getColumn(2).getString();
        event.event = events.getColumn(3).getString();
        event.reason = events.getColumn(4).getString();
        event.data = events.getColumn(5).getString();
        std::string stored = events.getColumn(6).getString();
        if (event.seq != seq + 1) {
          return where + ": event " + std::to_string(seq + 1) + " is missing from the history; it was deleted";
        }
        EventHash hash = HashEvent(event, previous);
        if (ToHex(hash) != stored) {
          return where + ", event " + std::to_string(event.seq) + " (" + event.event + " at " + event.at +
                 "): its hash does not match its content; the row was changed";
        }
        previous = hash;
        seq = event.seq;
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
