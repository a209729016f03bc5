// What the commands keep of the documents register: each document's metadata and whether it may be
// disclosed. Used on one thread (the caller's connection), inside the caller's transaction; a storage
// failure throws (std::exception), a lookup that misses gives nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/ids.h"
#include "engine/model.h"

namespace scr {

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  // Registers `document` (its id, recorded_by and times are not read); its id.
  virtual int64_t InsertDocument(ReviewId review, const Document& document, const std::string& recorded_by,
                                 const std::string& at) = 0;
  // The document's disclosure_status, held_by and notes.
  virtual std::optional<Document> ReadDocument(ReviewId review, int64_t document) = 0;
  // Stores `document`'s disclosure_status, held_by and notes.
  virtual void UpdateDocument(const Document& document, const std::string& at) = 0;
};

}  // namespace scr
