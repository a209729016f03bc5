// Completing or waiving a checkpoint: held to its owner role, a late completion says why, its alerts resolved.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/access.h"
#include "service/commands/command_steps.h"

namespace scr {

Status NoSuchCheckpoint(ReviewId review, const std::string& key) {
  return Status::NotFound("review " + std::to_string(review) + " has no checkpoint '" + key + "'");
}

Status AlreadyClosed(const std::string& key, CheckpointState state) {
  return Status::Conflict("checkpoint " + key + " is already " + CheckpointStateName(state));
}

Status CloseCheckpoint(ReviewId id, const std::string& key, CheckpointState state, ClosedBy closed_by,
                       const Actor& actor, CommandContext& context, const std::string& note,
                       const std::string& evidence, CommandResult& result) {
  Result<OpenReview> checked_out = context.CheckOut(actor, id);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  CheckpointSlot* found = review.FindSlot(key);
  if (!found) return NoSuchCheckpoint(id, key);
  if (found->state != CheckpointState::kOpen) return AlreadyClosed(key, found->state);
  CheckpointSlot& slot = *found;
  std::optional<Date> due = slot.has_due() ? std::optional<Date>(slot.due()) : std::nullopt;
  const CheckpointDefinition& definition = review.workflow->checkpoints[slot.definition];
  // The owner role completes it, or an admin or the business unit on its behalf; the chair may waive any.
  std::optional<Role> on_behalf_of;
  if (closed_by == ClosedBy::kCommand) {
    bool waiving = state == CheckpointState::kWaived;
    Result<std::optional<Role>> acting =
        ActingFor(actor, definition.owner_role, waiving, std::string(waiving ? "waive" : "complete") + " checkpoint " + key);
    if (!acting.ok()) return acting.status();
    on_behalf_of = *acting;
  }
  Result<const WorkingCalendar*> calendar = context.CalendarFor(review.board_id);
  if (!calendar.ok()) return calendar.status();
  Date today = (*calendar)->LocalDate(context.now());
  Result<int> late = state == CheckpointState::kDone && due ? WorkingDaysLate(*due, today, **calendar) : Result<int>(0);
  if (!late.ok()) return late.status();
  if (*late > 0 && closed_by == ClosedBy::kCommand && note.empty()) {
    return Status::InvalidArgument("this step is " + DescribeWorkingDays(*late) +
                                   " late: say in the note why, so the delay register can show it");
  }
  slot.state = state;
  slot.closed_days = today.days_since_epoch();
  // Checkpoints (and not-before dates) counting from this one's completion now have a date; decided before
  // anything is written.
  auto counts_from_it = [&](const DueRule& rule) {
    return rule.anchor.kind == Anchor::Kind::kCheckpointDone && rule.anchor.checkpoint_index == slot.definition;
  };
  bool counted_from =
      std::any_of(review.workflow->checkpoints.begin(), review.workflow->checkpoints.end(),
                  [&](const CheckpointDefinition& other) { return counts_from_it(other.due); }) ||
      std::any_of(review.workflow->not_before.begin(), review.workflow->not_before.end(),
                  [&](const NotBeforeRule& rule) { return counts_from_it(rule.rule); });
  if (counted_from) {
    if (Status planned = review.PlanDueDates(**calendar); !planned.ok()) return planned;
  }

  CheckpointClosure closure;
  closure.key = definition.key;
  closure.state = state;
  closure.closed_at = context.at();
  closure.closed_on = today.ToString();
  closure.closed_by = DescribeActor(actor);
  closure.note = note;
  closure.evidence = evidence;
  closure.late_by_working_days = *late;
  context.store().reviews().CloseCheckpoint(id, closure);
  // Its alerts have done their work: completing or waiving resolves them.
  ResolveAlerts(id, definition.key, due, context);

  // Keys and role names are snake_case (the loader checks), so only the evidence needs JSON escaping.
  std::string data = "{\"checkpoint\":\"" + definition.key + "\",\"marker\":" + std::to_string(definition.marker);
  if (!evidence.empty()) data += ",\"evidence\":" + nlohmann::json(evidence).dump();
  if (on_behalf_of) data += std::string(",\"on_behalf_of\":\"") + RoleName(*on_behalf_of) + "\"";
  if (*late > 0) data += ",\"due\":\"" + due->ToString() + "\",\"late_by_working_days\":" + std::to_string(*late);
  data += "}";
  AppendToHistory(id, review, actor, context,
                  state == CheckpointState::kDone ? "checkpoint_completed" : "checkpoint_waived", note, data);
  result.review = id;
  result.phase = review.phase;
  context.CheckIn(id, std::move(review));
  return Status::Ok();
}

Status CompleteCheckpoint(const CompleteCheckpointCommand& command, CommandContext& context, CommandResult& result) {
  if (command.key == kPrivacyCheckpoint) {
    return Status::Conflict(std::string(kPrivacyCheckpoint) +
                            " is completed by a privacy check of the final text that finds nothing (QM14); run the "
                            "check on the text, or a chair waives the checkpoint with a reason");
  }
  return CloseCheckpoint(command.review, command.key, CheckpointState::kDone, ClosedBy::kCommand, command.actor,
                         context, command.note, command.evidence, result);
}

Status WaiveCheckpoint(const WaiveCheckpointCommand& command, CommandContext& context, CommandResult& result) {
  if (command.reason.empty()) {
    return Status::InvalidArgument("waiving a checkpoint needs a reason; it is kept in the history");
  }
  return CloseCheckpoint(command.review, command.key, CheckpointState::kWaived, ClosedBy::kCommand, command.actor,
                         context, command.reason, "", result);
}

}  // namespace scr
