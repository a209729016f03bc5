// The handlers of the checkpoint commands: complete, waive, extend (the QM8 delay register).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/access.h"
#include "service/review_service_impl.h"

namespace scr {
namespace {

Status NoSuchCheckpoint(ReviewId review, const std::string& key) {
  return Status::NotFound("review " + std::to_string(review) + " has no checkpoint '" + key + "'");
}

Status AlreadyClosed(const std::string& key, CheckpointState state) {
  return Status::Conflict("checkpoint " + key + " is already " + CheckpointStateName(state));
}

// The history's data of a checkpoint command, with the role acted for when it was done on its behalf.
void AddOnBehalfOf(nlohmann::json& data, const std::optional<Role>& on_behalf_of) {
  if (on_behalf_of) data["on_behalf_of"] = RoleName(*on_behalf_of);
}

}  // namespace

Status ReviewServiceImpl::CloseCheckpoint(ReviewId id, const std::string& key, CheckpointState state,
                                          ClosedBy closed_by, const Actor& actor, const Context& context,
                                          const std::string& note, const std::string& evidence,
                                          CommandResult& result) {
  Result<OpenReview> checked_out = CheckOut(actor, id);
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
  Result<const WorkingCalendar*> calendar = CalendarFor(review.board_id);
  if (!calendar.ok()) return calendar.status();
  Date today = (*calendar)->LocalDate(context.now);
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
  closure.closed_at = context.at;
  closure.closed_on = today.ToString();
  closure.closed_by = DescribeActor(actor);
  closure.note = note;
  closure.evidence = evidence;
  closure.late_by_working_days = *late;
  store_->reviews().CloseCheckpoint(id, closure);
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
  CheckIn(id, std::move(review));
  return Status::Ok();
}

Status ReviewServiceImpl::Handle(const CompleteCheckpointCommand& command, const Context& context,
                                 CommandResult& result) {
  if (command.key == kPrivacyCheckpoint) {
    return Status::Conflict(std::string(kPrivacyCheckpoint) +
                            " is completed by a privacy check of the final text that finds nothing (QM14); run the "
                            "check on the text, or a chair waives the checkpoint with a reason");
  }
  return CloseCheckpoint(command.review, command.key, CheckpointState::kDone, ClosedBy::kCommand, command.actor,
                         context, command.note, command.evidence, result);
}

Status ReviewServiceImpl::Handle(const WaiveCheckpointCommand& command, const Context& context,
                                 CommandResult& result) {
  if (command.reason.empty()) {
    return Status::InvalidArgument("waiving a checkpoint needs a reason; it is kept in the history");
  }
  return CloseCheckpoint(command.review, command.key, CheckpointState::kWaived, ClosedBy::kCommand, command.actor,
                         context, command.reason, "", result);
}

Status ReviewServiceImpl::Handle(const ExtendCheckpointCommand& command, const Context& context,
                                 CommandResult& result) {
  if (command.reason.empty()) {
    return Status::InvalidArgument("moving a due date needs a reason; it goes in the delay register (QM8)");
  }
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
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
  Result<const WorkingCalendar*> calendar = CalendarFor(review.board_id);
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
  extended.fire_at = context.now;
  extended.review = command.review;
  extended.checkpoint = slot->definition;
  extended.kind = AlertKind::kDeadlineExtended;
  extended.step = 0;
  extended.recipient = Role::kChair;
  extended.due = command.new_due;
  int64_t alerts_before = LastAlertId();
  StoreAlert(extended, review.board_id, *review.workflow, context.now);
  QueueNewAlerts(alerts_before);
  result.review = command.review;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

void ReviewServiceImpl::MoveCheckpointDue(ReviewId id, CheckpointSlot& slot, const std::string& key, Date due,
                                          const std::string& reason, const Actor& actor, const Context& context) {
  Date previous = slot.due();
  slot.due_days = due.days_since_epoch();
  slot.extended = true;
  slot.fired_steps = 0;  // every step is planned again from the new date
  store_->reviews().ExtendCheckpoint(id, key, due);
  RecordDelay(id, key, previous, due, reason, actor, context);
}

void ReviewServiceImpl::ResolveAlerts(ReviewId id, const std::string& subject, std::optional<Date> due,
                                      const Context& context) {
  store_->alerts().ResolveAlerts(id, subject, due, context.at);
}

void ReviewServiceImpl::ResolveItemAlerts(ReviewId id, const OpenReview& review, ItemKind kind, int64_t item,
                                          const Context& context) {
  std::optional<Date> due;
  for (const DatedItem& open : review.items) {
    if (open.kind == kind && open.id == item && open.due_days != kNoDate) due = open.due();
  }
  ResolveAlerts(id, DatedItem{item, kind, 0, kNoDate}.Subject(), due, context);
}

}  // namespace scr
