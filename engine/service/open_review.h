// What the engine keeps in memory for each open review: enough to judge guards and plan due dates
// without reading the database. Private to the service; the database stays the truth and the
// record is rebuilt from it at start-up.
#pragma once

#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/lifecycle.h"
#include "engine/model.h"
#include "engine/workflow.h"
#include "store/event_log.h"

namespace scr {

enum class CheckpointState : uint8_t { kOpen, kDone, kWaived };
const char* CheckpointStateName(CheckpointState state);

struct CheckpointSlot {
  static constexpr int32_t kNoDue = INT32_MIN;
  uint16_t definition = 0;  // index into the workflow's checkpoints
  CheckpointState state = CheckpointState::kOpen;
  int32_t due_days = kNoDue;  // Date::days_since_epoch, or kNoDue until the anchor has happened

  bool has_due() const { return due_days != kNoDue; }
  Date due() const { return Date::FromDays(due_days); }
};

struct OpenReview {
  BoardId board_id = 0;
  const WorkflowDefinition* workflow = nullptr;
  Phase phase = Phase::kDecisionPending;
  bool child_died = false;
  bool statutory_criteria_met = false;
  bool family_lived_elsewhere = false;
  int64_t event_count = 0;
  EventHash last_hash{};
  std::vector<CheckpointSlot> checkpoints;          // only those whose condition holds for this review
  std::vector<int64_t> processes_holding_publication;

  // Open checkpoints blocking `event`, by key, and (for publish) the processes holding publication.
  std::vector<std::string> Blockers(LifecycleEvent event) const;
  CheckpointSlot* FindSlot(const std::string& key);
  bool Holds(Fact fact) const;
};

// Whether `definition` applies to a review with these facts.
bool ConditionHolds(const CheckpointDefinition& definition, const OpenReview& review);

// `date` moved by `duration` (negative amounts count back) in `calendar`.
Result<Date> AddDuration(Date date, const Duration& duration, const WorkingCalendar& calendar);
// The due date of `rule` counted from `anchor_date` in `calendar`.
Result<Date> DueFrom(const DueRule& rule, Date anchor_date, const WorkingCalendar& calendar);

}  // namespace scr
