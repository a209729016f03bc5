// The handlers of the review commands: referral, lifecycle events, parallel processes.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/json_depth.h"
#include "service/review_conditions.h"
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

  Database::Statement insert = database_->Prepare(
      "INSERT INTO reviews (board_id, workflow, title, incident_date, referral_date, rationale, "
      "statutory_criteria_met, child_died, family_lived_elsewhere, late_referral_reason, phase, lifecycle_state, "
      "created_at, conditions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, review.board_id);
  insert->bind(2, workflow->name);
  insert->bind(3, referral.title);
  insert->bind(4, referral.incident_date.ToString());
  insert->bind(5, referral.referral_date.ToString());
  insert->bind(6, referral.rationale);
  insert->bind(7, referral.Holds("statutory_criteria_met") ? 1 : 0);
  insert->bind(8, referral.Holds("child_died") ? 1 : 0);
  insert->bind(9, referral.Holds("family_lived_elsewhere") ? 1 : 0);
  insert->bind(10, referral.late_referral_reason);
  insert->bind(11, PhaseName(review.phase));
  insert->bind(12, machine.Save());
  insert->bind(13, context.at);
  insert->bind(14, EncodeConditions(referral.conditions));
  insert->exec();
  ReviewId id = database_->connection().getLastInsertRowid();

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

  Database::Statement insert = database_->Prepare(
      "INSERT INTO parallel_processes (review_id, kind, status, holds_publication, owner, notes, created_at, "
      "updated_at, holds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, command.review);
  insert->bind(2, command.kind);
  insert->bind(3, command.status);
  insert->bind(4, command.holds == HoldName(Hold::kPublication) ? 1 : 0);
  insert->bind(5, command.owner);
  insert->bind(6, command.notes);
  insert->bind(7, context.at);
  insert->bind(8, context.at);
  insert->bind(9, command.holds);
  insert->exec();
  int64_t id = database_->connection().getLastInsertRowid();
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

  Database::Statement find = database_->Prepare(
      "SELECT status, holds, owner, notes, kind FROM parallel_processes WHERE id = ? AND review_id = ?");
  find->bind(1, command.process);
  find->bind(2, command.review);
  if (!find->executeStep()) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no parallel process " +
                            std::to_string(command.process));
  }
  std::string status = command.status.value_or(find->getColumn(0).getString());
  std::string holds = command.holds.value_or(find->getColumn(1).getString());
  std::string owner = command.owner.value_or(find->getColumn(2).getString());
  std::string notes = command.notes.value_or(find->getColumn(3).getString());
  std::string kind = find->getColumn(4).getString();
  find->reset();

  Database::Statement update = database_->Prepare(
      "UPDATE parallel_processes SET status = ?, holds_publication = ?, owner = ?, notes = ?, updated_at = ?, "
      "holds = ? WHERE id = ?");
  update->bind(1, status);
  update->bind(2, holds == HoldName(Hold::kPublication) ? 1 : 0);
  update->bind(3, owner);
  update->bind(4, notes);
  update->bind(5, context.at);
  update->bind(6, holds);
  update->bind(7, command.process);
  update->exec();

  auto& holding = review.holds;
  holding.erase(std::remove_if(holding.begin(), holding.end(),
                               [&](const ProcessHold& h) { return h.process == command.process; }),
                holding.end());
  std::optional<Hold> hold = HoldFromName(holds);
  if (status == "active" && hold) holding.push_back(ProcessHold{command.process, kind, *hold});

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
