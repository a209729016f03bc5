// Improvement actions (QM15, QM18) as the engine hands them out: each with its progress updates and the
// follow-up checks that ask whether the change has lasted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/ids.h"

namespace scr {

// A progress update on an improvement action: a note, and the status or date it moved to, if it did.
struct ActionUpdate {
  std::string at;
  std::string author;
  std::string note;
  std::string status;  // empty when the status did not change
  std::optional<Date> due;  // the new due date, when it moved
};

// A check some months after an action was completed that its change has held, and whether it had
// consequences nobody intended (QM18). status: pending, done, waived.
struct FollowUp {
  int64_t id = 0;
  int64_t action_id = 0;
  std::string after_completion;  // "3 months"
  Date due;
  std::string status;
  bool overdue = false;  // pending past its due day
  std::optional<bool> change_holds;
  std::string findings;
  std::string unintended_consequences;
  std::string reason;  // why waived
  std::optional<Date> closed_on;
  std::string closed_by;
};

// An improvement action agreed in answer to a finding (QM15, QM18), followed until its impact is evidenced.
// status: not_started, in_progress, completed, evidenced, not_achieved, dropped. rag is derived (RateAction).
struct ImprovementAction {
  int64_t id = 0;
  ReviewId review_id = 0;
  std::string review_title;
  std::string title;
  std::string finding;
  std::string recommendation;
  std::string owner_agency;
  std::string lead;
  std::string priority;  // high, medium, low
  std::string business_plan_priority;
  Date due;
  std::string status = "not_started";
  std::string status_reason;
  std::optional<Date> completed_on;
  std::optional<Date> evidenced_on;
  std::string impact;          // what changed for children
  std::string impact_measure;  // how it was measured
  std::string rag;             // red, amber, green; none for a dropped action
  bool overdue = false;        // open past its due day
  std::string recorded_by;
  std::string created_at;
  std::string updated_at;
  std::vector<ActionUpdate> updates;
  std::vector<FollowUp> follow_ups;
};

struct ActionFilter {
  std::optional<bool> overdue;
  std::optional<std::string> agency;
  // An agency user's own agency (AgencyScope, access.h): no other agency's action is read, whatever else asks.
  std::optional<std::string> agency_scope;
  std::optional<std::string> status;
  std::optional<ReviewId> review;
};

}  // namespace scr
