// Information requested from agencies (QM10, or QM2 while the decision is pending): each request is a dated
// item of its review, reminded and escalated by the scheduler like a checkpoint until the agency answers or
// declines.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/access.h"
#include "service/commands/command_steps.h"

namespace scr {

Status RequestInformation(const RequestInformationCommand& command, CommandContext& context, CommandResult& result) {
  const std::string agency = AgencyName(command.agency);  // kept as an agency user's agency is: compared exactly
  if (agency.empty() || agency.size() > 200) {
    return Status::InvalidArgument("agency must name the agency asked, in 1 to 200 characters");
  }
  if (command.request.empty()) return Status::InvalidArgument("request must say what information is asked for");
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  Result<const WorkingCalendar*> calendar = context.CalendarFor(review.board_id);
  if (!calendar.ok()) return calendar.status();
  Date today = (*calendar)->LocalDate(context.now());
  if (command.due < today) {
    return Status::InvalidArgument("the due date " + command.due.ToString() + " has passed; today is " + today.ToString());
  }
  if (Status working = CheckWorkingDay(command.due, **calendar, "the due date"); !working.ok()) return working;

  const bool before_decision = review.phase == Phase::kDecisionPending;
  InformationRequest request;
  request.review_id = command.review;
  request.agency = agency;
  request.request = command.request;
  request.requested_on = today;
  request.due = command.due;
  request.recorded_by = DescribeActor(command.actor);
  request.created_at = context.at();
  request.before_decision = before_decision;
  int64_t id = context.store().information_requests().InsertRequest(request);
  review.items.push_back(DatedItem{id, ItemKind::kInformationRequest, 0, command.due.days_since_epoch()});

  nlohmann::json data = {{"information_request", id}, {"agency", agency}, {"due", command.due.ToString()}};
  if (int marker = review.workflow->InformationRequestMarker(before_decision); marker > 0) data["marker"] = marker;
  AppendToHistory(command.review, review, command.actor, context, "information_requested", command.request, data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

namespace {

// The business unit's change of an open request's due date or agency (AnswerInformationRequestCommand).
Status ChangeInformationRequest(const AnswerInformationRequestCommand& command, OpenReview& review,
                                const std::string& agency, Date due, CommandContext& context) {
  const std::string new_agency = command.agency ? AgencyName(*command.agency) : agency;
  if (new_agency.empty() || new_agency.size() > 200) {
    return Status::InvalidArgument("agency must name the agency asked, in 1 to 200 characters");
  }
  const bool moved = command.due && *command.due != due, readdressed = new_agency != agency;
  if (!moved && !readdressed) return Status::InvalidArgument("nothing changes: the request already has that due date and agency");
  if (moved) {
    if (command.reason.empty()) return Status::InvalidArgument("moving a due date needs a reason; it goes in the delay register (QM8)");
    const WorkingCalendar& calendar = *context.CalendarFor(review.board_id).value();
    Date today = calendar.LocalDate(context.now());
    if (*command.due < today) {
      return Status::InvalidArgument("the due date " + command.due->ToString() + " has passed; today is " + today.ToString());
    }
    if (Status working = CheckWorkingDay(*command.due, calendar, "the new due date"); !working.ok()) return working;
  }
  context.store().information_requests().ChangeRequest(command.request, new_agency,
                                                       moved ? *command.due : due, context.at());
  if (moved) {
    MoveItemDue(command.review, review, ItemKind::kInformationRequest, command.request, due, *command.due,
                command.reason, command.actor, context);
  }

  nlohmann::json data = {{"information_request", command.request}, {"agency", new_agency}};
  if (readdressed) data["previous_agency"] = agency;
  if (moved) {
    data["previous_due"] = due.ToString();
    data["new_due"] = command.due->ToString();
  }
  AppendToHistory(command.review, review, command.actor, context, "information_request_changed", command.reason,
                  data.dump());
  return Status::Ok();
}

}  // namespace

Status AnswerInformationRequest(const AnswerInformationRequestCommand& command, CommandContext& context,
                                CommandResult& result) {
  const bool changes = command.due || command.agency;
  if (command.status.empty() && !changes) {
    return Status::InvalidArgument("say what has changed: status received or declined (the agency's answer), or the "
                                   "due date or agency the request is addressed to");
  }
  if (!command.status.empty() && command.status != "received" && command.status != "declined") {
    return Status::InvalidArgument("status must be received or declined");
  }
  if (command.status == "declined" && command.reason.empty()) {
    return Status::InvalidArgument("a declined request needs the reason the agency gave (or that it gave none)");
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::optional<StoredRequest> stored =
      context.store().information_requests().ReadRequest(command.review, command.request);
  if (!stored) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no information request " +
                            std::to_string(command.request));
  }
  const std::string &status = stored->status, &agency = stored->agency;
  if (!MayActForAgency(command.actor, agency)) {
    return Status::PermissionDenied("information request " + std::to_string(command.request) + " is addressed to " +
                                    agency + "; an agency user answers only those addressed to its own agency");
  }
  if (changes && AgencyScope(command.actor)) {
    std::string fields = command.due && command.agency ? "its due date and the agency it is addressed to"
                         : command.due                 ? "its due date"
                                                       : "the agency it is addressed to";
    return Status::PermissionDenied("an agency user answers a request (status and reason) but may not change " +
                                    fields + "; ask the business unit to change it");
  }
  if (status != "open") {
    return Status::Conflict("information request " + std::to_string(command.request) + " was already " + status);
  }
  if (changes) {
    if (!command.status.empty()) {
      return Status::InvalidArgument("answer a request (status) and change its due date or agency separately");
    }
    Status changed = ChangeInformationRequest(command, review, agency, stored->due, context);
    if (!changed.ok()) return changed;
    result.review = command.review;
    result.phase = review.phase;
    context.CheckIn(command.review, std::move(review));
    return Status::Ok();
  }
  const WorkingCalendar& calendar = *context.CalendarFor(review.board_id).value();
  context.store().information_requests().MarkRequestAnswered(
      command.request, command.status, calendar.LocalDate(context.now()), command.reason, context.at());
  // Answered, its alerts have done their work; nothing more is chased.
  ResolveItemAlerts(command.review, review, ItemKind::kInformationRequest, command.request, context);
  review.RemoveItem(ItemKind::kInformationRequest, command.request);

  nlohmann::json data = {{"information_request", command.request}, {"agency", agency}, {"status", command.status}};
  AppendToHistory(command.review, review, command.actor, context,
                  command.status == "received" ? "information_received" : "information_declined", command.reason,
                  data.dump());
  result.review = command.review;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
