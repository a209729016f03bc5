#include "engine/timescale.h"

#include <algorithm>

#include "engine/calendar.h"
#include "engine/workflow.h"
#include "review/open_review.h"

namespace scr {
namespace {

// "decide_to_review", "the referral", "decide_to_review or decide_not_to_review".
std::string AnchorWords(const DueRule& rule) {
  if (rule.kind == DueRule::Kind::kFixedDate) return "a fixed date";
  switch (rule.anchor.kind) {
    case Anchor::Kind::kReferral: return "the referral";
    case Anchor::Kind::kIncident: return "the incident";
    case Anchor::Kind::kCheckpointDone: return rule.anchor.checkpoint + " done";
    case Anchor::Kind::kEvent: break;
  }
  std::string words;
  for (LifecycleEvent event : rule.anchor.events) {
    if (!words.empty()) words += " or ";
    words += EventName(event);
  }
  return words;
}

}  // namespace

Result<std::optional<Date>> TimescaleDue(const TimescaleDefinition& definition, const TimescaleFacts& facts,
                                         const WorkingCalendar& calendar) {
  bool fixed = definition.due.kind == DueRule::Kind::kFixedDate;
  if (!fixed && !facts.basis_date) return std::optional<Date>();
  Result<Date> due = DueFrom(definition.due, facts.basis_date.value_or(Date()), calendar);
  if (!due.ok()) return due.status();
  if (facts.working_days_paused > 0) {
    due = calendar.AddWorkingDays(*due, facts.working_days_paused);
    if (!due.ok()) return due.status();
  }
  return std::optional<Date>(*due);
}

const char* TimescaleStatusName(TimescaleStatus status) {
  switch (status) {
    case TimescaleStatus::kOnTrack: return "on_track";
    case TimescaleStatus::kAtRisk: return "at_risk";
    case TimescaleStatus::kMissed: return "missed";
    case TimescaleStatus::kMet: return "met";
  }
  return "on_track";
}

Result<Timescale> ComputeTimescale(const TimescaleDefinition& definition, const TimescaleFacts& facts,
                                   const WorkingCalendar& calendar) {
  Timescale timescale;
  timescale.source = definition.source;
  timescale.local_default = definition.local_default;
  bool fixed = definition.due.kind == DueRule::Kind::kFixedDate;
  Result<std::optional<Date>> found = TimescaleDue(definition, facts, calendar);
  if (!found.ok()) return found.status();
  if (!*found) {
    timescale.basis = definition.due.text + ": not counting yet, " + AnchorWords(definition.due) + " has not happened";
    return timescale;
  }
  const Date due = **found;
  timescale.due = due;
  timescale.from = facts.basis_date;
  timescale.basis = fixed ? definition.due.text
                          : definition.due.text + " (" + facts.basis_date->ToString() + ")";
  if (facts.working_days_paused > 0) {
    timescale.basis += ", moved on by " + DescribeWorkingDays(facts.working_days_paused) + " paused";
  }
  if (facts.met_on) {
    timescale.status = *facts.met_on <= due ? TimescaleStatus::kMet : TimescaleStatus::kMissed;
    return timescale;
  }
  Result<int> left = facts.today <= due ? calendar.WorkingDaysBetween(facts.today, due)
                                         : calendar.WorkingDaysBetween(due, facts.today);
  if (!left.ok()) return left.status();
  timescale.working_days_left = facts.today <= due ? *left : -*left;
  if (facts.today > due) {
    timescale.status = TimescaleStatus::kMissed;
  } else if (std::any_of(facts.open_due_dates.begin(), facts.open_due_dates.end(),
                         [&](Date open) { return open > due; })) {
    timescale.status = TimescaleStatus::kAtRisk;
  }
  return timescale;
}

}  // namespace scr
