#include "scheduler/alert_plan.h"

#include <algorithm>

namespace scr {

std::string PlannedAlert::Subject(const WorkflowDefinition& workflow) const {
  if (timescale) return kTimescaleSubject;
  if (item != 0) return std::string(ItemKindName(item_kind)) + "/" + std::to_string(item);
  return workflow.checkpoints[checkpoint].key;
}

std::string PlannedAlert::IdempotencyKey(const WorkflowDefinition& workflow) const {
  return "review/" + std::to_string(review) + "/checkpoint/" + Subject(workflow) + "/due/" + due.ToString() + "/" +
         AlertKindName(kind) + "/" + std::to_string(step);
}

const CheckpointDefinition& ChainFor(ItemKind kind, const WorkflowDefinition& workflow) {
  switch (kind) {
    case ItemKind::kInformationRequest: return workflow.information_request_chain;
    case ItemKind::kAction: return workflow.action_chain;
    case ItemKind::kFollowUp: return workflow.follow_up_chain;
  }
  return workflow.information_request_chain;
}

Result<size_t> ItemAlerts(ReviewId id, const DatedItem& item, const WorkflowDefinition& workflow,
                          const WorkingCalendar& calendar, PlannedAlert* out) {
  CheckpointSlot slot;
  slot.due_days = item.due_days;
  slot.fired_steps = item.fired_steps;
  Result<size_t> count = CheckpointAlerts(id, slot, ChainFor(item.kind, workflow), calendar, out);
  if (!count.ok()) return count;
  for (size_t i = 0; i < *count; ++i) {
    out[i].item = item.id;
    out[i].item_kind = item.kind;
  }
  return count;
}

Instant StartOfDay(const WorkingCalendar& calendar, Date date) { return calendar.EndOfDay(date.AddDays(-1)); }

Result<size_t> CheckpointAlerts(ReviewId id, const CheckpointSlot& slot, const CheckpointDefinition& definition,
                                const WorkingCalendar& calendar, PlannedAlert* out) {
  size_t count = 0;
  Date due = slot.due();
  PlannedAlert alert;
  alert.review = id;
  alert.checkpoint = slot.definition;
  alert.due = due;
  auto add = [&](const PlannedAlert& planned) {
    if (count < kMaxAlertsPerCheckpoint) out[count++] = planned;
  };
  for (const ReminderStep& reminder : definition.reminders) {
    Result<Date> day = AddDuration(due, Duration{-reminder.before.amount, reminder.before.unit}, calendar);
    if (!day.ok()) return day.status();
    alert.fire_at = StartOfDay(calendar, *day);
    alert.kind = AlertKind::kReminder;
    alert.level = 0;
    alert.recipient = definition.owner_role;
    add(alert);
  }
  // The overdue alert at the end of the due day goes to the first step's role when that step is at zero
  // delay, else to the owner; every later step is an escalation of its own level.
  bool overdue_planned = false;
  uint8_t level = 0;
  for (const EscalationStep& step : definition.escalation) {
    Result<Date> day = AddDuration(due, step.after, calendar);
    if (!day.ok()) return day.status();
    alert.fire_at = calendar.EndOfDay(*day);
    alert.recipient = step.role.value_or(definition.owner_role);
    if (step.after.amount == 0 && !overdue_planned) {
      alert.kind = AlertKind::kOverdue;
      alert.level = 0;
      overdue_planned = true;
    } else {
      alert.kind = AlertKind::kEscalation;
      alert.level = ++level;
    }
    add(alert);
  }
  if (!overdue_planned) {
    alert.fire_at = calendar.EndOfDay(due);
    alert.kind = AlertKind::kOverdue;
    alert.level = 0;
    alert.recipient = definition.owner_role;
    add(alert);
  }
  // Earliest first, planned order kept among equals: an insertion sort, as there are only a handful.
  for (size_t i = 1; i < count; ++i) {
    for (size_t j = i; j > 0 && out[j].fire_at < out[j - 1].fire_at; --j) std::swap(out[j], out[j - 1]);
  }
  for (size_t i = 0; i < count; ++i) out[i].step = static_cast<uint8_t>(i);
  return count;
}

Result<std::optional<PlannedAlert>> NextAlert(ReviewId id, const OpenReview& review, const WorkingCalendar& calendar) {
  std::optional<PlannedAlert> next;
  if (!IsChased(review)) return next;  // ended, or paused: nothing is chased
  PlannedAlert alerts[kMaxAlertsPerCheckpoint];
  // One date that cannot be planned (beyond the years the bank holidays cover) must not silence the
  // review's other alerts: it is skipped, and reported once the rest is planned.
  Status unplanned;
  for (const CheckpointSlot& slot : review.checkpoints) {
    if (slot.state != CheckpointState::kOpen || !slot.has_due() || review.IsHeld(slot)) continue;
    const CheckpointDefinition& definition = review.workflow->checkpoints[slot.definition];
    // Reminders come before the end of the due day, everything else at or after it (durations are never
    // negative): once a checkpoint's reminders have fired, an earlier alert found already wins.
    if (next && slot.fired_steps >= definition.reminders.size() && next->fire_at <= calendar.EndOfDay(slot.due())) {
      continue;
    }
    Result<size_t> count = CheckpointAlerts(id, slot, definition, calendar, alerts);
    if (!count.ok()) {
      unplanned = count.status();
      continue;
    }
    if (slot.fired_steps < *count && (!next || alerts[slot.fired_steps].fire_at < next->fire_at)) {
      next = alerts[slot.fired_steps];
    }
  }
  for (const DatedItem& item : review.items) {
    Result<size_t> count = ItemAlerts(id, item, *review.workflow, calendar, alerts);
    if (!count.ok()) {
      unplanned = count.status();
      continue;
    }
    if (item.fired_steps < *count && (!next || alerts[item.fired_steps].fire_at < next->fire_at)) {
      next = alerts[item.fired_steps];
    }
  }
  Result<std::optional<PlannedAlert>> missed = TimescaleMissedAlert(id, review, calendar);
  if (!missed.ok()) unplanned = missed.status();
  else if (*missed && (!next || (*missed)->fire_at < next->fire_at)) next = *missed;
  if (!next && !unplanned.ok()) return unplanned;
  return next;
}

Result<std::optional<PlannedAlert>> TimescaleMissedAlert(ReviewId id, const OpenReview& review,
                                                         const WorkingCalendar& calendar) {
  std::optional<PlannedAlert> none;
  if (!review.workflow->timescale || review.timescale_missed_told > 0) return none;
  TimescaleFacts facts = review.TimescaleFactsOn(Date());
  Result<std::optional<Date>> due = TimescaleDue(*review.workflow->timescale, facts, calendar);
  if (!due.ok()) return due.status();
  if (!*due || (facts.met_on && *facts.met_on <= **due)) return none;
  PlannedAlert alert;
  alert.review = id;
  alert.timescale = true;
  alert.kind = AlertKind::kTimescaleMissed;
  alert.recipient = Role::kChair;
  alert.due = **due;
  alert.fire_at = calendar.EndOfDay(**due);
  return std::optional<PlannedAlert>(alert);
}

Status PlanAlerts(ReviewId id, const OpenReview& review, const WorkingCalendar& calendar,
                  std::vector<PlannedAlert>* out) {
  if (!IsChased(review)) return Status::Ok();
  PlannedAlert alerts[kMaxAlertsPerCheckpoint];
  for (const CheckpointSlot& slot : review.checkpoints) {
    if (slot.state != CheckpointState::kOpen || !slot.has_due() || review.IsHeld(slot)) continue;
    Result<size_t> count = CheckpointAlerts(id, slot, review.workflow->checkpoints[slot.definition], calendar, alerts);
    if (!count.ok()) return count.status();
    out->insert(out->end(), alerts, alerts + *count);
  }
  for (const DatedItem& item : review.items) {
    Result<size_t> count = ItemAlerts(id, item, *review.workflow, calendar, alerts);
    if (!count.ok()) return count.status();
    out->insert(out->end(), alerts, alerts + *count);
  }
  return Status::Ok();
}

}  // namespace scr
