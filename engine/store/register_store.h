// The registers kept beside each review, as read: information requests to agencies, family members,
// documents, the identifiers the privacy check looks for, and the privacy checks made. An interface; its
// SQLite implementation is sqlite/read_stores.h. Used on one thread (the caller's connection),
// inside the caller's read; a storage failure throws (std::exception).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"

namespace scr {

class RegisterStore {
 public:
  virtual ~RegisterStore() = default;

  // Each register of review `review`, by id. Requests are as stored (open, not yet judged overdue; no
  // marker), only `agency`'s when given.
  virtual std::vector<InformationRequest> ReadInformationRequests(ReviewId review,
                                                                  const std::optional<std::string>& agency) = 0;
  virtual std::vector<FamilyMember> ReadFamilyMembers(ReviewId review) = 0;
  virtual std::vector<Document> ReadDocuments(ReviewId review) = 0;
  virtual std::vector<PrivacyIdentifierRecord> ReadPrivacyIdentifiers(ReviewId review) = 0;
  virtual std::optional<PrivacyCheckRecord> ReadPrivacyCheck(ReviewId review, int64_t id) = 0;
};

}  // namespace scr
