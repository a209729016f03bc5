// The append-only history of a review. Each event carries an HMAC-SHA256, under the history key (a file
// outside the database), over itself and the previous event's hash, so that a changed or deleted row
// breaks the chain and cannot be re-chained by someone who has only the database file.
// Free text is kept out of what the chain covers directly: the event's reason and the free-text fields of
// its data are covered by a salted SHA-256 digest kept beside them (text_salt, text_digest). A retention
// erasure blanks the texts and the salt and keeps the digest, so the chain still holds and the erased
// words cannot be guessed back from the digest.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/history_key.h"
#include "engine/model.h"
#include "engine/status.h"
#include "store/sqlite/database.h"
#include "store/history_store.h"

struct evp_md_st;
struct evp_mac_ctx_st;

namespace scr {

// SHA-256, fetched from OpenSSL once for the life of the process.
const evp_md_st* Sha256();

// The HMAC-SHA256 context of one history key, set up once and reused for every event (setting one up per
// event costs more than the hashing). Owned by one Database; not thread-safe.
class HistorySeal {
 public:
  explicit HistorySeal(const HistoryKey& key);
  ~HistorySeal();
  HistorySeal(const HistorySeal&) = delete;
  HistorySeal& operator=(const HistorySeal&) = delete;

  EventHash Mac(const std::string& message);
  // A value that tells whether a database was keyed with this key, without revealing the key.
  std::string KeyCheck();
  const std::string& key_file() const { return key_file_; }

 private:
  evp_mac_ctx_st* context_ = nullptr;
  std::string key_file_;
};

// The free texts of an event's data (every string not under a structural key such as "checkpoint", "due"
// or "status") and the data with those strings blanked, which is what the chain covers.
struct DataTexts {
  std::string skeleton;
  std::vector<std::string> texts;
};
DataTexts SplitDataTexts(const std::string& data);

// SHA-256 over the salt, the reason and the data's free texts.
EventHash TextDigest(const std::string& salt_hex, const std::string& reason, const std::vector<std::string>& texts);
// The keyed chain hash of an event whose free texts have `text_digest`, chained to `previous`.
EventHash ChainHash(HistorySeal& seal, const NewEvent& event, const std::string& skeleton,
                    const EventHash& text_digest, const EventHash& previous);

// Appends `field` length-prefixed, so that no two different sequences of fields share an encoding: how
// every hash of the history encodes what it covers.
void AddField(std::string& out, const std::string& field);
std::string ToHex(const EventHash& hash);
bool FromHex(const std::string& hex, EventHash* hash);
// 16 random bytes, hex.
std::string NewSalt();

// Inserts the event row, chained with the database's history key, and returns its hash. The caller adds
// the events it appended to the ledger (AddToLedger) before its transaction commits. Throws when no key is
// attached to the database (AttachHistoryKey).
EventHash AppendEvent(Database& database, const NewEvent& event, const EventHash& previous);
void AddToLedger(Database& database, int64_t events);
Result<HistoryHead> ReadHistoryHead(Database& database, ReviewId review);

// Walks every review's history, recomputes the keyed chain, and checks the ledger's count. Returns the
// first problem found, in words that name the review and the event, or an empty string when every chain
// holds. Needs the key attached to the database.
Result<std::string> VerifyHistory(Database& database);

// The triggers that keep review_events append-only are lifted only inside the transactions that must
// rewrite rows (keying an old history, a retention erasure), and put back before they commit.
void LiftAppendOnly(Database& database);
void RestoreAppendOnly(Database& database);

}  // namespace scr
