#include "store/sqlite/history_fingerprint.h"

#include <openssl/evp.h>

#include <vector>

#include "store/sqlite/event_log.h"

namespace scr {
namespace {

constexpr char kPrefix[] = "scr-fp1";
constexpr size_t kTagBytes = 3;
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

struct Covered {
  ReviewId review = 0;
  int64_t events = 0;
  EventHash last_hash{};
};

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

bool GetVarint(const std::string& in, size_t& at, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && at < in.size(); shift += 7) {
    uint8_t byte = static_cast<uint8_t>(in[at++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

std::string Base64Url(const std::string& bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) out += kBase64Url[(buffer >> (bits -= 6)) & 0x3f];
  }
  if (bits > 0) out += kBase64Url[(buffer << (6 - bits)) & 0x3f];
  return out;
}

bool FromBase64Url(const std::string& text, std::string& bytes) {
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const char* found = std::char_traits<char>::find(kBase64Url, 64, c);
    if (!found) return false;
    buffer = (buffer << 6) | static_cast<uint32_t>(found - kBase64Url);
    bits += 6;
    if (bits >= 8) bytes += static_cast<char>((buffer >> (bits -= 8)) & 0xff);
  }
  return true;
}

std::string Digest(const std::vector<Covered>& covered) {
  std::string encoded;
  for (const Covered& entry : covered) {
    encoded += std::to_string(entry.review) + ":" + std::to_string(entry.events) + ":";
    encoded.append(reinterpret_cast<const char*>(entry.last_hash.data()), entry.last_hash.size());
  }
  EventHash digest{};
  unsigned int length = 0;
  EVP_Digest(encoded.data(), encoded.size(), digest.data(), &length, Sha256(), nullptr);
  return ToHex(digest).substr(0, 32);
}

struct ParsedFingerprint {
  int64_t events = 0;
  std::string digest;
  std::vector<std::pair<Covered, std::string>> reviews;  // id and count, and the tag's bytes
};

Result<ParsedFingerprint> Parse(const std::string& fingerprint) {
  Status invalid = Status::InvalidArgument("'" + fingerprint + "' is not a history fingerprint; copy the whole line "
                                           "that `admin fingerprint` printed (it starts with scr-fp1.)");
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot = fingerprint.find('.'); dot != std::string::npos; dot = fingerprint.find('.', start)) {
    parts.push_back(fingerprint.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(fingerprint.substr(start));
  if (parts.size() != 4 || parts[0] != kPrefix || parts[2].size() != 32) return invalid;
  ParsedFingerprint parsed;
  parsed.digest = parts[2];
  try {
    parsed.events = std::stoll(parts[1]);
  } catch (const std::exception&) {
    return invalid;
  }
  std::string bytes;
  if (!FromBase64Url(parts[3], bytes)) return invalid;
  size_t at = 0;
  ReviewId review = 0;
  int64_t total = 0;
  while (at < bytes.size()) {
    uint64_t step = 0, events = 0;
    if (!GetVarint(bytes, at, step) || !GetVarint(bytes, at, events) || at + kTagBytes > bytes.size()) return invalid;
    review += static_cast<ReviewId>(step);
    Covered covered{review, static_cast<int64_t>(events), {}};
    parsed.reviews.emplace_back(covered, bytes.substr(at, kTagBytes));
    at += kTagBytes;
    total += covered.events;
  }
  if (total != parsed.events) return invalid;
  return parsed;
}

}  // namespace

Result<std::string> HistoryFingerprint(Database& database, std::optional<BoardId> board) {
  std::vector<Covered> covered;
  try {
    // Each review's last event, found through the (review_id, seq) index: one seek per review.
    SQLite::Statement heads(database.connection(),
                            "SELECT r.id, e.seq, e.hash FROM reviews r JOIN review_events e ON e.review_id = r.id "
                            "AND e.seq = (SELECT MAX(seq) FROM review_events WHERE review_id = r.id) "
                            "WHERE ?1 IS NULL OR r.board_id = ?1 ORDER BY r.id");
    if (board) heads.bind(1, *board);
    while (heads.executeStep()) {
      Covered entry{heads.getColumn(0).getInt64(), heads.getColumn(1).getInt64(), {}};
      if (!FromHex(heads.getColumn(2).getString(), &entry.last_hash)) {
        return Status::Storage("review " + std::to_string(entry.review) + " has a damaged history hash; run admin verify");
      }
      covered.push_back(entry);
    }
  } catch (const std::exception& e) {
    return StorageError(e, "reading the history fingerprint");
  }
  std::string tags;
  int64_t events = 0;
  ReviewId previous = 0;
  for (const Covered& entry : covered) {
    PutVarint(tags, static_cast<uint64_t>(entry.review - previous));
    PutVarint(tags, static_cast<uint64_t>(entry.events));
    tags.append(reinterpret_cast<const char*>(entry.last_hash.data()), kTagBytes);
    previous = entry.review;
    events += entry.events;
  }
  return std::string(kPrefix) + "." + std::to_string(events) + "." + Digest(covered) + "." + Base64Url(tags);
}

Result<std::string> CheckFingerprint(Database& database, const std::string& fingerprint) {
  Result<ParsedFingerprint> parsed = Parse(fingerprint);
  if (!parsed.ok()) return parsed.status();
  std::vector<Covered> now;
  try {
    SQLite::Statement at(database.connection(), "SELECT hash FROM review_events WHERE review_id = ? AND seq = ?");
    SQLite::Statement exists(database.connection(), "SELECT COUNT(*) FROM review_events WHERE review_id = ?");
    for (const auto& [covered, tag] : parsed->reviews) {
      std::string name = "review " + std::to_string(covered.review);
      at.reset();
      at.bind(1, covered.review);
      at.bind(2, covered.events);
      Covered entry{covered.review, covered.events, {}};
      if (!at.executeStep() || !FromHex(at.getColumn(0).getString(), &entry.last_hash)) {
        exists.reset();
        exists.bind(1, covered.review);
        exists.executeStep();
        int64_t left = exists.getColumn(0).getInt64();
        if (left == 0) {
          return name + " has gone: its history of " + std::to_string(covered.events) +
                 " events recorded up to the fingerprint was deleted";
        }
        return name + ": its history held " + std::to_string(covered.events) + " events at the fingerprint and now " +
               "holds " + std::to_string(left) + "; events recorded up to the fingerprint were deleted";
      }
      if (std::string(reinterpret_cast<const char*>(entry.last_hash.data()), kTagBytes) != tag) {
        return name + ": its history up to event " + std::to_string(covered.events) +
               " is not what it was at the fingerprint; it was rewritten";
      }
      now.push_back(entry);
    }
  } catch (const std::exception& e) {
    return StorageError(e, "checking the history fingerprint");
  }
  if (Digest(now) != parsed->digest) {
    return std::string("the histories differ from the fingerprint, though no single review's tag shows which; "
                       "compare older fingerprints to find it");
  }
  return std::string();
}

}  // namespace scr
