#include "service/open_review.h"

#include <algorithm>

namespace scr {

const char* CheckpointStateName(CheckpointState state) {
  switch (state) {
    case CheckpointState::kOpen: return "open";
    case CheckpointState::kDone: return "done";
    case CheckpointState::kWaived: return "waived";
  }
  return "open";
}

std::vector<std::string> OpenReview::Blockers(LifecycleEvent event) const {
  std::vector<std::string> blockers;
  for (const CheckpointSlot& slot : checkpoints) {
    if (slot.state != CheckpointState::kOpen) continue;
    const CheckpointDefinition& definition = workflow->checkpoints[slot.definition];
    if (std::find(definition.blocks.begin(), definition.blocks.end(), event) != definition.blocks.end()) {
      blockers.push_back(definition.key);
    }
  }
  if (event == LifecycleEvent::kPublish) {
    for (int64_t process : processes_holding_publication) {
      blockers.push_back("parallel_process:" + std::to_string(process));
    }
  }
  return blockers;
}

CheckpointSlot* OpenReview::FindSlot(const std::string& key) {
  for (CheckpointSlot& slot : checkpoints) {
    if (workflow->checkpoints[slot.definition].key == key) return &slot;
  }
  return nullptr;
}

bool OpenReview::Holds(Fact fact) const {
  switch (fact) {
    case Fact::kChildDied: return child_died;
    case Fact::kStatutoryCriteriaMet: return statutory_criteria_met;
    case Fact::kFamilyLivedElsewhere: return family_lived_elsewhere;
  }
  return false;
}

bool ConditionHolds(const CheckpointDefinition& definition, const OpenReview& review) {
  if (!definition.condition) return true;
  return review.Holds(definition.condition->fact) != definition.condition->negated;
}

Result<Date> AddDuration(Date date, const Duration& duration, const WorkingCalendar& calendar) {
  switch (duration.unit) {
    case Duration::Unit::kWorkingDays: return calendar.AddWorkingDays(date, duration.amount);
    case Duration::Unit::kDays: return date.AddDays(duration.amount);
    case Duration::Unit::kWeeks: return date.AddDays(7 * duration.amount);
    case Duration::Unit::kMonths: return date.AddMonths(duration.amount);
  }
  return date;
}

Result<Date> DueFrom(const DueRule& rule, Date anchor_date, const WorkingCalendar& calendar) {
  if (rule.kind == DueRule::Kind::kFixedDate) return rule.fixed;
  return AddDuration(anchor_date, rule.offset, calendar);
}

}  // namespace scr
