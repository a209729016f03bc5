// The follow-up checks of a completed improvement action: planned from its completion, then closed (the change
// has lasted or not) or waived with a reason. A follow-up not yet done is a dated item of its review.
#include <nlohmann/json.hpp>

#include "service/commands/command_steps.h"

namespace scr {

Status PlanFollowUps(ReviewId id, OpenReview& review, int64_t action, Date completed_on, CommandContext& context) {
  const WorkingCalendar& calendar = *context.CalendarFor(review.board_id).value();
  for (const Duration& after : review.workflow->follow_ups_after_completion) {
    Result<Date> due = DueAfter(completed_on, after, calendar);
    if (!due.ok()) return due.status();
    int64_t follow_up =
        context.store().actions().InsertFollowUp(action, id, DescribeDuration(after), *due, context.at());
    review.items.push_back(DatedItem{follow_up, ItemKind::kFollowUp, 0, due->days_since_epoch()});
  }
  return Status::Ok();
}

Status CloseFollowUp(const CloseFollowUpCommand& command, CommandContext& context, CommandResult& result) {
  if (command.waive) {
    if (command.reason.empty()) return Status::InvalidArgument("waiving a follow-up needs a reason");
  } else {
    if (!command.change_holds) return Status::InvalidArgument("change_holds must say whether the change has lasted (true or false)");
    if (command.findings.empty()) return Status::InvalidArgument("findings must say what the follow-up check found");
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::optional<StoredFollowUp> stored = context.store().actions().ReadFollowUp(command.review, command.follow_up);
  if (!stored) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no follow-up " + std::to_string(command.follow_up));
  }
  const std::string& status = stored->status;
  int64_t action = stored->action;
  if (status != "pending") return Status::Conflict("follow-up " + std::to_string(command.follow_up) + " was already " + status);

  const WorkingCalendar& calendar = *context.CalendarFor(review.board_id).value();
  FollowUp closed;
  closed.id = command.follow_up;
  closed.status = command.waive ? "waived" : "done";
  if (!command.waive) closed.change_holds = command.change_holds;
  closed.findings = command.findings;
  closed.unintended_consequences = command.unintended_consequences;
  closed.reason = command.reason;
  closed.closed_on = calendar.LocalDate(context.now());
  closed.closed_by = DescribeActor(command.actor);
  context.store().actions().CloseFollowUp(closed);
  ResolveItemAlerts(command.review, review, ItemKind::kFollowUp, command.follow_up, context);
  review.RemoveItem(ItemKind::kFollowUp, command.follow_up);

  nlohmann::json data = {{"follow_up", command.follow_up}, {"action", action}};
  if (!command.waive) data["change_holds"] = *command.change_holds;
  AppendToHistory(command.review, review, command.actor, context, command.waive ? "follow_up_waived" : "follow_up_done",
                  command.waive ? command.reason : command.findings, data.dump());
  result.review = command.review;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
