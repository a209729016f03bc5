// What the commands keep for the privacy check before publication (QM14): the register of identifiers it
// looks for beside the family members, and each check run (the text's hash and where each finding was,
// never the words). Used on one thread (the caller's connection), inside the caller's transaction; a
// storage failure throws (std::exception), a lookup that misses gives nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/model.h"

namespace scr {

class PrivacyStore {
 public:
  virtual ~PrivacyStore() = default;

  // Records `identifier` (kind, value, note); its id.
  virtual int64_t InsertIdentifier(ReviewId review, const PrivacyIdentifierRecord& identifier,
                                   const std::string& recorded_by, const std::string& at) = 0;
  // The kind of `review`'s identifier `identifier`.
  virtual std::optional<std::string> ReadIdentifierKind(ReviewId review, int64_t identifier) = 0;
  virtual void RemoveIdentifier(int64_t identifier) = 0;
  // The kind and value of every identifier recorded for `review`.
  virtual std::vector<PrivacyIdentifierRecord> ReadIdentifiers(ReviewId review) = 0;

  // Keeps a check run (review, text_sha256, text_length, findings, checked_by, checked_at); its id.
  virtual int64_t InsertCheck(const PrivacyCheckRecord& check) = 0;
};

}  // namespace scr
