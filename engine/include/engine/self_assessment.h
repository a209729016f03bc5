// A review's Quality Marker self-assessment as the engine hands it out: every question of the review type's
// markers with its answers, oldest first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/lifecycle.h"

namespace scr {

// One answer to a self-assessment question, kept with the phase the review was in. stage: start (before
// the review runs), during, end (implementation onwards), as the Quality Markers suggest using them.
struct SelfAssessmentAnswer {
  int64_t id = 0;
  std::string answer;  // yes, partly, no, not_applicable
  std::string note;
  std::string evidence;
  std::string phase;
  std::string stage;
  std::string answered_by;
  std::string answered_at;
};

struct SelfAssessmentQuestion {
  std::string id;
  std::string text;
  std::vector<SelfAssessmentAnswer> answers;  // oldest first; the last is the current answer
};

struct SelfAssessmentMarker {
  int number = 0;
  std::string name;
  std::string statement;
  std::vector<SelfAssessmentQuestion> questions;
};

struct SelfAssessment {
  ReviewId review = 0;
  std::string title;
  std::string workflow;
  Phase phase = Phase::kDecisionPending;
  std::vector<SelfAssessmentMarker> markers;
};

}  // namespace scr
