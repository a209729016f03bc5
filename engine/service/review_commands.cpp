// The handlers of the review commands: referral, lifecycle events, parallel processes.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/json_depth.h"
#include "review/conditions.h"
#include "service/review_service_impl.h"

namespace scr {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

constexpr size_t kMaxTitle = 200;

Status UnknownHold(const std::string& holds) {
  return Status::InvalidArgument("holds '" + holds + "' is not known; use publication, family_involvement or review");
}

}  // namespace

const std::vector<std::string>& ParallelProcessKinds() {
  static const std::vector<std::string> kinds = {
      "criminal_investigation",        "prosecution",     "inquest",
      "domestic_homicide_review",      "safeguarding_adult_review",
      "mental_health_investigation",   "nhs_serious_incident_investigation",
      "disciplinary_procedure",        "complaint",       "civil_litigation",
      "family_court_proceedings",      "other_review"};
  return kinds;
}

Status ReviewServiceImpl::Handle(const ReferCommand& command, const Context& context, CommandResult& result) {
  Referral referral = command.referral;
  const WorkflowDefinition* workflow = options_.workflows->Find(referral.workflow);
  if (!workflow) {
    std::vector<std::string> names;
    for (const auto& w : options_.workflows->all()) names.push_back(w->name);
    return Status::InvalidArgument("unknown workflow '" + referral.workflow + "'; use one of: " + Join(names));
  }
  if (referral.title.empty() || referral.title.size() > kMaxTitle) {
    return Status::InvalidArgument("title must be 1 to 200 characters (a reference, never the child's name)");
  }
  if (referral.rationale.empty()) {
    return Status::InvalidArgument("rationale is required: why the case is referred for review (QM1)");
  }
  if (referral.incident_date > referral.referral_date) {
    return Status::InvalidArgument("incident_date " + referral.incident_date.ToString() +
                                   " is after referral_date " + referral.referral_date.ToString());
  }
  if (Status answered = CompleteReferralConditions(*workflow, &referral.conditions); !answered.ok()) return answered;
  Result<const WorkingCalendar*> calendar = CalendarFor(command.actor.board_id);
  if (!calendar.ok()) return calendar.status();
  if (referral.referral_date > (*calendar)->LocalDate(context.now)) {
    return Status::InvalidArgument("referral_date " + referral.referral_date.ToString() + " is in the future");
  }

  OpenReview review;
  review.board_id = command.actor.board_id;
  review.workflow = workflow;
  review.conditions_held = ConditionsHeld(*workflow, referral.conditions);
  review.referral_date = referral.referral_date;
  review.incident_date = referral.incident_date;
  Lifecycle machine{BlockerQuery()};
  review.phase = machine.phase();
  review.AddApplicableCheckpoints();
  review.head_known = true;  // a new review has no history yet
  // Rules counting from the referral, the incident or a fixed date are known at once.
  if (Status planned = review.PlanDueDates(**calendar); !planned.ok()) return planned;

  NewReview row;
  row.board = review.board_id;
  row.workflow = workflow->name;
  row.title = referral.title;
  row.incident_date = referral.incident_date;
  row.referral_date = referral.referral_date;
  row.rationale = referral.rationale;
  row.statutory_criteria_met = referral.Holds("statutory_criteria_met");
  row.child_died = referral.Holds("child_died");
  row.family_lived_elsewhere = referral.Holds("family_lived_elsewhere");
  row.late_referral_reason = referral.late_referral_reason;
  row.phase = review.phase;
  row.lifecycle_state = machine.Save();
  row.conditions = EncodeConditions(referral.conditions);
  row.created_at = context.at;
  ReviewId id = store_->reviews().InsertReview(row);

  nlohmann::json data = {{"workflow", workflow->name},
                         {"title", referral.title},
                         {"incident_date", referral.incident_date.ToString()},
                         {"referral_date", referral.referral_date.ToString()},
                         {"conditions", referral.conditions}};
  if (!referral.late_referral_reason.empty()) data["late_referral_reason"] = referral.late_referral_reason;
  AppendToHistory(id, review, command.actor, context, "referred", referral.rationale, data.dump());

  result.review = id;
  result.created_id = id;
  result.phase = review.phase;
  CheckIn(id, std::move(review));
  return Status::Ok();
}

Status ReviewServiceImpl::Handle(const AddParallelProcessCommand& command, const Context& context,
                                 CommandResult& result) {
  const auto& kinds = ParallelProcessKinds();
  if (std::find(kinds.begin(), kinds.end(), command.kind) == kinds.end()) {
    return Status::InvalidArgument("unknown parallel process kind '" + command.kind + "'; use one of: " + Join(kinds));
  }
  if (command.status != "active" && command.status != "concluded") {
    return Status::InvalidArgument("status must be active or concluded");
  }
  if (!command.holds.empty() && !HoldFromName(command.holds)) return UnknownHold(command.holds);
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  ParallelProcess process;
  process.review_id = command.review;
  process.kind = command.kind;
  process.status = command.status;
  process.holds = command.holds;
  process.holds_publication = command.holds == HoldName(Hold::kPublication);
  process.owner = command.owner;
  process.notes = command.notes;
  int64_t id = store_->processes().InsertProcess(process, context.at);
  std::optional<Hold> hold = HoldFromName(command.holds);
  if (command.status == "active" && hold) review.holds.push_back(ProcessHold{id, command.kind, *hold});

  nlohmann::json data = {{"parallel_process", id},
                         {"kind", command.kind},
                         {"status", command.status},
                         {"holds", command.holds},
                         {"holds_publication", hold == Hold::kPublication},
                         {"owner", command.owner}};
  AppendToHistory(command.review, review, command.actor, context, "parallel_process_added", command.notes, data.dump());

  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status ReviewServiceImpl::Handle(const UpdateParallelProcessCommand& command, const Context& context,
                                 CommandResult& result) {
  if (command.status && *command.status != "active" && *command.status != "concluded") {
    return Status::InvalidArgument("status must be active or concluded");
  }
  if (command.holds && !command.holds->empty() && !HoldFromName(*command.holds)) return UnknownHold(*command.holds);
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::optional<ParallelProcess> process = store_->processes().ReadProcess(command.review, command.process);
  if (!process) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no parallel process " +
                            std::to_string(command.process));
  }
  if (command.status) process->status = *command.status;
  if (command.holds) process->holds = *command.holds;
  if (command.owner) process->owner = *command.owner;
  if (command.notes) process->notes = *command.notes;
  process->holds_publication = process->holds == HoldName(Hold::kPublication);
  store_->processes().UpdateProcess(*process, context.at);

  auto& holding = review.holds;
  holding.erase(std::remove_if(holding.begin(), holding.end(),
                               [&](const ProcessHold& h) { return h.process == command.process; }),
                holding.end());
  std::optional<Hold> hold = HoldFromName(process->holds);
  if (process->status == "active" && hold) holding.push_back(ProcessHold{command.process, process->kind, *hold});

  nlohmann::json data = {{"parallel_process", command.process}};
  if (command.status) data["status"] = *command.status;
  if (command.holds) {
    data["holds"] = *command.holds;
    data["holds_publication"] = hold == Hold::kPublication;
  }
  if (command.owner) data["owner"] = *command.owner;
  AppendToHistory(command.review, review, command.actor, context, "parallel_process_updated",
                  command.notes.value_or(""), data.dump());

  result.review = command.review;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
