// The review histories as an operator checks them: the keyed chains, when the key took hold, and the
// fingerprint kept outside the service. Ownership: owns one connection. Thread-safety: none.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/model.h"
#include "engine/status.h"

namespace scr {

class History {
 public:
  // Opens the database for writing (creating and migrating it if new) with the key in `key_file` (created
  // when missing; see engine/history_key.h), keying an older unkeyed history once when that is safe, or, with
  // `key_unkeyed`, whenever its old chains hold.
  static Result<std::unique_ptr<History>> Open(const std::string& database_path, const std::string& key_file,
                                               bool key_unkeyed = false);
  virtual ~History() = default;

  // Every chain checked under the key; an empty text when all hold, or the first broken event in words.
  virtual Result<std::string> Verify() = 0;
  // When the history was keyed, in words (e.g. "2026-11-20T10:00:00Z (1200 earlier events re-keyed then)").
  virtual Result<std::string> KeyedSince() = 0;
  // One line: see the SQLite store's history_fingerprint.h.
  virtual Result<std::string> Fingerprint(std::optional<BoardId> board = std::nullopt) = 0;
  // Empty when every history recorded up to `fingerprint` is unchanged; else the first review that differs.
  virtual Result<std::string> CheckFingerprint(const std::string& fingerprint) = 0;
};

}  // namespace scr
