// What the commands keep of the information asked of agencies (QM2, QM10): the requests, their answers
// and their changes. Used on one thread (the caller's connection), inside the caller's transaction; a
// storage failure throws (std::exception), a lookup that misses gives nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/date.h"
#include "engine/ids.h"
#include "engine/model.h"

namespace scr {

// What answering or changing a request reads before it decides.
struct StoredRequest {
  std::string status;
  std::string agency;
  Date due;  // the default Date when the stored one cannot be read
};

class InformationRequestStore {
 public:
  virtual ~InformationRequestStore() = default;

  // Stores a new open request (review_id, agency, request, requested_on, due, recorded_by, before_decision;
  // created_at is also its updated_at); its id.
  virtual int64_t InsertRequest(const InformationRequest& request) = 0;
  virtual std::optional<StoredRequest> ReadRequest(ReviewId review, int64_t request) = 0;
  // The agency's answer: received or declined (with its reason), on `answered_on`.
  virtual void MarkRequestAnswered(int64_t request, const std::string& status, Date answered_on,
                                   const std::string& reason, const std::string& at) = 0;
  // The business unit's change of the agency asked and the due date.
  virtual void ChangeRequest(int64_t request, const std::string& agency, Date due, const std::string& at) = 0;
};

}  // namespace scr
