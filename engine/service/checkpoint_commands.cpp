// The handlers of the checkpoint commands: complete, waive, extend (the QM8 delay register).
#include <nlohmann/json.hpp>

#include "service/review_service_impl.h"

namespace scr {
namespace {

Status NoSuchCheckpoint(ReviewId review, const std::string& key) {
  return Status::NotFound("review " + std::to_string(review) + " has no checkpoint '" + key + "'");
}

Status AlreadyClosed(const std::string& key, CheckpointState state) {
  return Status::Conflict("checkpoint " + key + " is already " + CheckpointStateName(state));
}

}  // namespace

Status ReviewServiceImpl::CloseCheckpoint(ReviewId id, OpenReview& review, CheckpointSlot& slot,
                                          CheckpointState state, const Actor& actor, const Context& context,
                                          const std::string& note, const std::string& evidence) {
  const CheckpointDefinition& definition = review.workflow->checkpoints[slot.definition];
  slot.state = state;
  Database::Statement update = database_->Prepare(
      "UPDATE checkpoints SET state = ?, closed_at = ?, closed_by = ?, note = ?, evidence = ? "
      "WHERE review_id = ? AND key = ?");
  update->bind(1, CheckpointStateName(state));
  update->bind(2, context.at);
  update->bind(3, DescribeActor(actor));
  update->bind(4, note);
  update->bind(5, evidence);
  update->bind(6, id);
  update->bind(7, definition.key);
  update->exec();

  nlohmann::json data = {{"checkpoint", definition.key}, {"marker", definition.marker}};
  if (!evidence.empty()) data["evidence"] = evidence;
  AppendToHistory(id, review, actor, context,
                  state == CheckpointState::kDone ? "checkpoint_completed" : "checkpoint_waived", note, data.dump());

  // Checkpoints counting from this one's completion now have a due date.
  Result<const WorkingCalendar*> calendar = CalendarFor(review.board_id);
  if (!calendar.ok()) return calendar.status();
  const std::string& key = definition.key;
  Status planned = PlanDueDates(
      id, review,
      [&key](const Anchor& anchor) { return anchor.kind == Anchor::Kind::kCheckpointDone && anchor.checkpoint == key; },
      (*calendar)->LocalDate(context.now));
  if (!planned.ok()) return planned;
  SaveChain(id, review, context);
  return Status::Ok();
}

Status ReviewServiceImpl::Handle(const CompleteCheckpointCommand& command, const Context& context,
                                 CommandResult& result) {
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  CheckpointSlot* slot = review.FindSlot(command.key);
  if (!slot) return NoSuchCheckpoint(command.review, command.key);
  if (slot->state != CheckpointState::kOpen) return AlreadyClosed(command.key, slot->state);
  Status closed = CloseCheckpoint(command.review, review, *slot, CheckpointState::kDone, command.actor, context,
                                  command.note, command.evidence);
  if (!closed.ok()) return closed;
  result.review = command.review;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status ReviewServiceImpl::Handle(const WaiveCheckpointCommand& command, const Context& context,
                                 CommandResult& result) {
  if (command.reason.empty()) {
    return Status::InvalidArgument("waiving a checkpoint needs a reason; it is kept in the history");
  }
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  CheckpointSlot* slot = review.FindSlot(command.key);
  if (!slot) return NoSuchCheckpoint(command.review, command.key);
  if (slot->state != CheckpointState::kOpen) return AlreadyClosed(command.key, slot->state);
  Status closed = CloseCheckpoint(command.review, review, *slot, CheckpointState::kWaived, command.actor, context,
                                  command.reason, "");
  if (!closed.ok()) return closed;
  result.review = command.review;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
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
  Result<bool> working = (*calendar)->IsWorkingDay(command.new_due);
  if (!working.ok()) return working.status();
  if (!*working) {
    return Status::InvalidArgument(command.new_due.ToString() + " is not a working day for this board; pick a working day");
  }

  slot->due_days = command.new_due.days_since_epoch();
  WriteCheckpointDue(command.review, command.key, command.new_due);
  Database::Statement delay = database_->Prepare(
      "INSERT INTO delays (review_id, checkpoint, previous_due, new_due, reason, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  delay->bind(1, command.review);
  delay->bind(2, command.key);
  delay->bind(3, previous.ToString());
  delay->bind(4, command.new_due.ToString());
  delay->bind(5, command.reason);
  delay->bind(6, DescribeActor(command.actor));
  delay->bind(7, context.at);
  delay->exec();

  nlohmann::json data = {{"checkpoint", command.key},
                         {"previous_due", previous.ToString()},
                         {"new_due", command.new_due.ToString()}};
  AppendToHistory(command.review, review, command.actor, context, "checkpoint_extended", command.reason, data.dump());
  SaveChain(command.review, review, context);
  result.review = command.review;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
