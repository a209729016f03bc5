#include "store/sqlite/event_log.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace scr {
void AddField(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

namespace {

// Keys whose string values say what happened in the domain's fixed words (keys, dates, states, agencies),
// never what someone wrote: they stay in the history when a review is erased. Every other string of an
// event's data is free text.
const std::set<std::string>& StructuralKeys() {
  static const std::set<std::string> kKeys = {
      "workflow", "title", "incident_date", "referral_date", "checkpoint", "previous_due", "new_due", "due",
      "document", "kind", "disclosure_status", "family_member", "involvement", "action", "owner_agency",
      "priority", "status", "previous_status", "follow_up", "information_request", "agency", "privacy_check",
      "text_sha256", "parallel_process", "question", "marker", "answer", "outcome", "ended_at", "alert",
      "level", "recipient_role"};
  return kKeys;
}

void BlankTexts(nlohmann::json& value, bool structural, std::vector<std::string>& texts) {
  if (value.is_string()) {
    if (structural) return;
    texts.push_back(value.get<std::string>());
    value = "";
  } else if (value.is_object()) {
    for (auto& [key, member] : value.items()) BlankTexts(member, StructuralKeys().count(key) > 0, texts);
  } else if (value.is_array()) {
    for (auto& member : value) BlankTexts(member, structural, texts);
  }
}

}  // namespace

const EVP_MD* Sha256() {
  // Fetched once: OpenSSL 3 looks the algorithm up again on every implicit use, which costs more than
  // hashing a small event.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return kSha256;
}

HistorySeal::HistorySeal(const HistoryKey& key) : key_file_(key.file) {
  static EVP_MAC* const kHmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  context_ = EVP_MAC_CTX_new(kHmac);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
  if (!context_ || EVP_MAC_init(context_, key.bytes.data(), key.bytes.size(), params) != 1) {
    throw std::runtime_error("cannot set up HMAC-SHA256 for the history key");
  }
}

HistorySeal::~HistorySeal() { EVP_MAC_CTX_free(context_); }

EventHash HistorySeal::Mac(const std::string& message) {
  EventHash mac{};
  size_t length = 0;
  // A null key starts a new message under the key already set: the key's pads are not computed again.
  EVP_MAC_init(context_, nullptr, 0, nullptr);
  EVP_MAC_update(context_, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  EVP_MAC_final(context_, mac.data(), &length, mac.size());
  return mac;
}

std::string HistorySeal::KeyCheck() { return ToHex(Mac("scr-tracker history key check")).substr(0, 16); }

DataTexts SplitDataTexts(const std::string& data) {
  DataTexts split;
  nlohmann::json parsed = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {  // not JSON (never written so): all of it is text
    split.texts.push_back(data);
    return split;
  }
  BlankTexts(parsed, false, split.texts);
  split.skeleton = parsed.dump();
  return split;
}

EventHash TextDigest(const std::string& salt_hex, const std::string& reason, const std::vector<std::string>& texts) {
  std::string encoded;
  encoded.reserve(64 + reason.size());
  AddField(encoded, salt_hex);
  AddField(encoded, reason);
  for (const std::string& text : texts) AddField(encoded, text);
  EventHash digest{};
  unsigned int length = 0;
  EVP_Digest(encoded.data(), encoded.size(), digest.data(), &length, Sha256(), nullptr);
  return digest;
}

EventHash ChainHash(HistorySeal& seal, const NewEvent& event, const std::string& skeleton,
                    const EventHash& text_digest, const EventHash& previous) {
  std::string encoded;
  encoded.reserve(160 + skeleton.size());
  AddField(encoded, std::to_string(event.review_id));
  AddField(encoded, std::to_string(event.seq));
  AddField(encoded, event.at);
  AddField(encoded, event.actor);
  AddField(encoded, event.event);
  AddField(encoded, skeleton);
  encoded.append(reinterpret_cast<const char*>(text_digest.data()), text_digest.size());
  encoded.append(reinterpret_cast<const char*>(previous.data()), previous.size());
  return seal.Mac(encoded);
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

std::string NewSalt() {
  EventHash bytes{};
  if (RAND_bytes(bytes.data(), 16) != 1) throw std::runtime_error("the system's random source failed");
  return ToHex(bytes).substr(0, 32);
}

EventHash AppendEvent(Database& database, const NewEvent& event, const EventHash& previous) {
  HistorySeal* seal = database.history_seal();
  if (!seal) throw std::runtime_error("no history key is loaded; the history cannot be written");
  DataTexts split = SplitDataTexts(event.data);
  std::string salt = NewSalt();
  EventHash text_digest = TextDigest(salt, event.reason, split.texts);
  EventHash hash = ChainHash(*seal, event, split.skeleton, text_digest, previous);
  Database::Statement insert = database.Prepare(
      "INSERT INTO review_events (review_id, seq, at, actor, event, reason, data, text_salt, text_digest, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, event.review_id);
  insert->bind(2, event.seq);
  insert->bindNoCopy(3, event.at);
  insert->bindNoCopy(4, event.actor);
  insert->bindNoCopy(5, event.event);
  insert->bindNoCopy(6, event.reason);
  insert->bindNoCopy(7, event.data);
  insert->bindNoCopy(8, salt);
  std::string digest_hex = ToHex(text_digest);
  insert->bindNoCopy(9, digest_hex);
  std::string hex = ToHex(hash);
  insert->bindNoCopy(10, hex);
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

void LiftAppendOnly(Database& database) {
  database.connection().exec("DROP TRIGGER IF EXISTS review_events_no_update");
}

void RestoreAppendOnly(Database& database) {
  database.connection().exec(
      "CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events "
      "BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END");
}

}  // namespace scr
