// The rows the commands write of a review's own (ReviewStore's writing methods, review_store.h): a new
// review, and a checkpoint closed.
#pragma once

#include <string>

#include "engine/date.h"
#include "engine/ids.h"
#include "engine/lifecycle.h"
#include "review/open_review.h"

namespace scr {

// A referred review's row.
struct NewReview {
  BoardId board = 0;
  std::string workflow;
  std::string title;
  Date incident_date;
  Date referral_date;
  std::string rationale;
  bool statutory_criteria_met = false;
  bool child_died = false;
  bool family_lived_elsewhere = false;
  std::string late_referral_reason;
  Phase phase = Phase::kDecisionPending;
  std::string lifecycle_state;  // the machine's saved state
  std::string conditions;       // the referral's conditions, encoded (EncodeConditions)
  std::string created_at;
};

// A checkpoint completed or waived: when, on which board-local day, by whom, with the note (or the reason
// it was waived), the evidence and how many working days late.
struct CheckpointClosure {
  std::string key;
  CheckpointState state = CheckpointState::kDone;
  std::string closed_at;
  std::string closed_on;
  std::string closed_by;
  std::string note;
  std::string evidence;
  int late_by_working_days = 0;
};

}  // namespace scr
