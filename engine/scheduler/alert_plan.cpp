#include "scheduler/alert_plan.h"

namespace scr {

const char* AlertKindName(AlertKind kind) {
  switch (kind) {
    case AlertKind::kReminder: return "reminder";
    case AlertKind::kOverdue: return "overdue";
    case AlertKind::kEscalation: return "escalation";
    case AlertKind::kDeadlineExtended: return "deadline_extended";
  }
  return "reminder";
}

std::string PlannedAlert::IdempotencyKey(const WorkflowDefinition& workflow) const {
  return "review/" + std::to_string(review) + "/checkpoint/" + workflow.checkpoints[checkpoint].key + "/due/" +
         due.ToString() + "/" + AlertKindName(kind) + "/" + std::to_string(step);
}

Instant StartOfDay(const WorkingCalendar& calendar, Date date) { return calendar.EndOfDay(date.AddDays(-1)); }

Status PlanAlerts(ReviewId id, const OpenReview& review, const WorkingCalendar& calendar,
                  std::vector<PlannedAlert>* out) {
  if (IsEndPhase(review.phase)) return Status::Ok();
  for (const CheckpointSlot& slot : review.checkpoints) {
    if (slot.state != CheckpointState::kOpen || !slot.has_due()) continue;
    const CheckpointDefinition& definition = review.workflow->checkpoints[slot.definition];
    Date due = slot.due();
    PlannedAlert alert;
    alert.review = id;
    alert.checkpoint = slot.definition;
    alert.due = due;
    alert.step = 0;

    for (const ReminderStep& reminder : definition.reminders) {
      Result<Date> day = AddDuration(due, Duration{-reminder.before.amount, reminder.before.unit}, calendar);
      if (!day.ok()) return day.status();
      alert.fire_at = StartOfDay(calendar, *day);
      alert.kind = AlertKind::kReminder;
      alert.level = 0;
      alert.recipient = definition.owner_role;
      out->push_back(alert);
      ++alert.step;
    }

    // The overdue alert at the end of the due day goes to the first step's role when that step is at
    // zero delay, else to the owner; every later step is an escalation of its own level.
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
      out->push_back(alert);
      ++alert.step;
    }
    if (!overdue_planned) {
      alert.fire_at = calendar.EndOfDay(due);
      alert.kind = AlertKind::kOverdue;
      alert.level = 0;
      alert.recipient = definition.owner_role;
      out->push_back(alert);
    }
  }
  return Status::Ok();
}

}  // namespace scr
