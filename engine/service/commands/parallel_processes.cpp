// Parallel processes (a criminal investigation, an inquest, ...): recorded and changed, and what each holds
// back (publication, the family's involvement, the review).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "review/conditions.h"
#include "service/commands/command_steps.h"

namespace scr {
namespace {

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

Status AddParallelProcess(const AddParallelProcessCommand& command, CommandContext& context, CommandResult& result) {
  const auto& kinds = ParallelProcessKinds();
  if (std::find(kinds.begin(), kinds.end(), command.kind) == kinds.end()) {
    return Status::InvalidArgument("unknown parallel process kind '" + command.kind + "'; use one of: " + JoinNames(kinds));
  }
  if (command.status != "active" && command.status != "concluded") {
    return Status::InvalidArgument("status must be active or concluded");
  }
  if (!command.holds.empty() && !HoldFromName(command.holds)) return UnknownHold(command.holds);
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
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
  int64_t id = context.store().processes().InsertProcess(process, context.at());
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
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status UpdateParallelProcess(const UpdateParallelProcessCommand& command, CommandContext& context,
                             CommandResult& result) {
  if (command.status && *command.status != "active" && *command.status != "concluded") {
    return Status::InvalidArgument("status must be active or concluded");
  }
  if (command.holds && !command.holds->empty() && !HoldFromName(*command.holds)) return UnknownHold(*command.holds);
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::optional<ParallelProcess> process = context.store().processes().ReadProcess(command.review, command.process);
  if (!process) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no parallel process " +
                            std::to_string(command.process));
  }
  if (command.status) process->status = *command.status;
  if (command.holds) process->holds = *command.holds;
  if (command.owner) process->owner = *command.owner;
  if (command.notes) process->notes = *command.notes;
  process->holds_publication = process->holds == HoldName(Hold::kPublication);
  context.store().processes().UpdateProcess(*process, context.at());

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
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
