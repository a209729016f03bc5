// Extending a checkpoint: its due date moves later, with the reason in the delay register (QM8), and the
// chair is told at once.
#include <nlohmann/json.hpp>

#include "engine/access.h"
#include "service/commands/command_steps.h"

namespace scr {
namespace {

// The history's data of a checkpoint command, with the role acted for when it was done on its behalf.
void AddOnBehalfOf(nlohmann::json& data, const std::optional<Role>& on_behalf_of) {
  if (on_behalf_of) data["on_behalf_of"] = RoleName(*on_behalf_of);
}

}  // namespace

Status ExtendCheckpoint(const ExtendCheckpointCommand& command, CommandContext& context, CommandResult& result) {
  if (command.reason.empty()) {
    return Status::InvalidArgument("moving a due date needs a reason; it goes in the delay register (QM8)");
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  CheckpointSlot* slot = review.FindSlot(command.key);
  if (!slot) return NoSuchCheckpoint(command.review, command.key);
  if (slot->state != CheckpointState::kOpen) return AlreadyClosed(command.key, slot->state);
  Result<std::optional<Role>> acting = ActingFor(command.actor, review.workflow->checkpoints[slot->definition].owner_role,
                                                 false, "extend checkpoint " + command.key);
  if (!acting.ok()) return acting.status();
  if (!slot->has_due()) {
    return Status::Conflict("checkpoint " + command.key + " has no due date yet: what it counts from has not happened");
  }
  Date previous = slot->due();
  if (command.new_due <= previous) {
    return Status::InvalidArgument("the new due date " + command.new_due.ToString() + " must be later than " +
                                   previous.ToString());
  }
  Result<const WorkingCalendar*> calendar = context.CalendarFor(review.board_id);
  if (!calendar.ok()) return calendar.status();
  if (Status working = CheckWorkingDay(command.new_due, **calendar, "the new due date"); !working.ok()) return working;

  MoveCheckpointDue(command.review, *slot, command.key, command.new_due, command.reason, command.actor, context);

  nlohmann::json data = {{"checkpoint", command.key},
                         {"previous_due", previous.ToString()},
                         {"new_due", command.new_due.ToString()}};
  AddOnBehalfOf(data, *acting);
  AppendToHistory(command.review, review, command.actor, context, "checkpoint_extended", command.reason, data.dump());
  // The board is told of every slip (QM8): an alert to the chair, now.
  PlannedAlert extended;
  extended.fire_at = context.now();
  extended.review = command.review;
  extended.checkpoint = slot->definition;
  extended.kind = AlertKind::kDeadlineExtended;
  extended.step = 0;
  extended.recipient = Role::kChair;
  extended.due = command.new_due;
  int64_t alerts_before = context.scheduler().LastAlertId();
  context.scheduler().StoreAlert(extended, review.board_id, *review.workflow, context.now());
  context.scheduler().QueueNewAlerts(alerts_before);
  result.review = command.review;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
