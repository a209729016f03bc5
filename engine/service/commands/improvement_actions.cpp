// Improvement actions (QM15, QM18): added and moved through their statuses; completing one plans its
// follow-up checks (follow_ups.cpp). An open action is a dated item of its review: the scheduler reminds and
// escalates it like a checkpoint, and the review cannot close while one is open (a dropped action is closed,
// with its reason).
#include <nlohmann/json.hpp>

#include <set>

#include "engine/access.h"
#include "service/commands/command_steps.h"

namespace scr {
namespace {

const std::set<std::string> kPriorities = {"high", "medium", "low"};

bool IsOpen(const std::string& status) { return status == "not_started" || status == "in_progress"; }

// The statuses an action may move to from `status`: it is worked on, completed, then evidenced; or it
// ends without being done (not achieved, or dropped).
std::set<std::string> NextStatuses(const std::string& status) {
  if (status == "not_started") return {"in_progress", "completed", "not_achieved", "dropped"};
  if (status == "in_progress") return {"completed", "not_achieved", "dropped"};
  if (status == "completed") return {"evidenced"};
  return {};
}

Status CheckDueDate(Date due, Date today, const WorkingCalendar& calendar) {
  if (due < today) return Status::InvalidArgument("the due date " + due.ToString() + " has passed; today is " + today.ToString());
  return CheckWorkingDay(due, calendar, "the due date");
}

}  // namespace

Status AddAction(const AddActionCommand& command, CommandContext& context, CommandResult& result) {
  ImprovementAction action = command.action;
  action.owner_agency = AgencyName(action.owner_agency);  // kept as an agency user's agency is: compared exactly
  if (action.title.empty() || action.title.size() > 300) return Status::InvalidArgument("title must be 1 to 300 characters");
  if (action.finding.empty()) return Status::InvalidArgument("finding must say which finding or recommendation the action answers");
  if (action.owner_agency.empty() || action.owner_agency.size() > 200) {
    return Status::InvalidArgument("owner_agency must name the agency that owns the action, in 1 to 200 characters");
  }
  if (!kPriorities.count(action.priority)) return Status::InvalidArgument("priority must be high, medium or low");
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  const WorkingCalendar& calendar = *context.CalendarFor(review.board_id).value();
  if (Status due = CheckDueDate(action.due, calendar.LocalDate(context.now()), calendar); !due.ok()) return due;

  int64_t id = context.store().actions().InsertAction(command.review, action, DescribeActor(command.actor),
                                                      context.at());
  review.items.push_back(DatedItem{id, ItemKind::kAction, 0, action.due.days_since_epoch()});

  nlohmann::json data = {{"action", id}, {"owner_agency", action.owner_agency}, {"priority", action.priority},
                         {"due", action.due.ToString()}};
  AppendToHistory(command.review, review, command.actor, context, "action_added", action.title, data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status UpdateAction(const UpdateActionCommand& command, CommandContext& context, CommandResult& result) {
  if (!command.status && !command.lead && !command.due && !command.impact && !command.impact_measure &&
      command.note.empty()) {
    return Status::InvalidArgument("say what has changed: a note, status, lead, due, impact or impact_measure");
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  const WorkingCalendar& calendar = *context.CalendarFor(review.board_id).value();
  Date today = calendar.LocalDate(context.now());

  std::optional<ActionBeforeUpdate> stored = context.store().actions().ReadAction(command.review, command.action);
  if (!stored) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no improvement action " +
                            std::to_string(command.action));
  }
  const std::string& status = stored->status;
  Date due = stored->due;
  std::string impact = command.impact.value_or(stored->impact);
  std::string impact_measure = command.impact_measure.value_or(stored->impact_measure);
  const std::string& owner_agency = stored->owner_agency;
  if (!MayActForAgency(command.actor, owner_agency)) {
    return Status::PermissionDenied("improvement action " + std::to_string(command.action) + " belongs to " +
                                    owner_agency + "; an agency user changes only its own agency's actions");
  }

  std::string new_status = command.status.value_or(status);
  if (command.status && *command.status != status) {
    std::set<std::string> next = NextStatuses(status);
    if (!next.count(*command.status)) {
      std::string allowed;
      for (const std::string& s : next) allowed += (allowed.empty() ? "" : ", ") + s;
      return Status::Conflict("an action that is " + status + " cannot become " + *command.status +
                              (allowed.empty() ? "; it is finished" : "; it can become " + allowed));
    }
    if ((new_status == "dropped" || new_status == "not_achieved") && command.reason.empty()) {
      return Status::InvalidArgument("an action " + new_status + " needs the reason");
    }
    if (new_status == "evidenced" && (impact.empty() || impact_measure.empty())) {
      return Status::InvalidArgument(
          "an evidenced action needs impact (what changed for children) and impact_measure (how it was measured) (QM18)");
    }
  }
  if (command.due && *command.due != due) {
    if (!IsOpen(status)) return Status::Conflict("only an open action's due date can move; this one is " + status);
    if (command.reason.empty()) return Status::InvalidArgument("moving a due date needs a reason; it goes in the delay register (QM8)");
    if (Status valid = CheckDueDate(*command.due, today, calendar); !valid.ok()) return valid;
  }
  bool moved = command.due && *command.due != due;

  ActionChange change;
  change.action = command.action;
  change.status = new_status;
  if (new_status == "dropped" || new_status == "not_achieved") change.status_reason = command.reason;
  change.lead = command.lead;
  change.due = moved ? *command.due : due;
  change.impact = impact;
  change.impact_measure = impact_measure;
  change.on = today;
  context.store().actions().UpdateAction(change, context.at());

  ActionUpdate update;
  update.at = context.at();
  update.author = DescribeActor(command.actor);
  update.note = command.note.empty() ? command.reason : command.note;
  if (new_status != status) update.status = new_status;
  if (moved) update.due = *command.due;
  context.store().actions().InsertActionUpdate(command.action, update);

  if (moved) {
    MoveItemDue(command.review, review, ItemKind::kAction, command.action, due, *command.due, command.reason,
                command.actor, context);
  }
  if (IsOpen(status) && !IsOpen(new_status)) {
    ResolveItemAlerts(command.review, review, ItemKind::kAction, command.action, context);
    review.RemoveItem(ItemKind::kAction, command.action);
    if (new_status == "completed") {
      Status planned = PlanFollowUps(command.review, review, command.action, today, context);
      if (!planned.ok()) return planned;
    }
  }

  nlohmann::json data = {{"action", command.action}, {"status", new_status}};
  if (new_status != status) data["previous_status"] = status;
  if (moved) {
    data["previous_due"] = due.ToString();
    data["new_due"] = command.due->ToString();
  }
  if (command.lead) data["lead"] = *command.lead;
  AppendToHistory(command.review, review, command.actor, context, "action_updated",
                  command.reason.empty() ? command.note : command.reason, data.dump());
  result.review = command.review;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
