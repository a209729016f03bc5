// What the commands keep of a review's Quality Marker self-assessment: every answer, with the phase the
// review was in. Used on one thread (the caller's connection), inside the caller's transaction; a storage
// failure throws (std::exception).
#pragma once

#include <cstdint>
#include <string>

#include "engine/ids.h"
#include "engine/self_assessment.h"

namespace scr {

class SelfAssessmentStore {
 public:
  virtual ~SelfAssessmentStore() = default;

  // Keeps `answer` (answer, note, evidence, phase, answered_by, answered_at) to question `question`; its id.
  virtual int64_t InsertAnswer(ReviewId review, const std::string& question, const SelfAssessmentAnswer& answer) = 0;
};

}  // namespace scr
