// The lifecycle event command: validates the event, its reason and data, asks the machine (guards judge
// the review's record), and records the new phase with the event's effects, in one transaction.
#include <nlohmann/json.hpp>

#include "engine/json_depth.h"
#include "service/commands/command_steps.h"

namespace scr {
namespace {

bool RequiresReason(LifecycleEvent event) {
  // Decisions are recorded with their rationale (QM2, QM7, QM17): whether to review, and to reconsider
  // that; a report's return or reopening; not publishing; a pause.
  switch (event) {
    case LifecycleEvent::kDecideToReview:
    case LifecycleEvent::kDecideNotToReview:
    case LifecycleEvent::kReconsider:
    case LifecycleEvent::kReturnForRevision:
    case LifecycleEvent::kReopenReport:
    case LifecycleEvent::kDecideNotToPublish:
    case LifecycleEvent::kPause: return true;
    default: return false;
  }
}

Result<nlohmann::json> ParseData(const std::string& text) {
  if (text == "{}") return nlohmann::json::object();
  if (!JsonDepthWithin(text)) {
    return Status::InvalidArgument("data nests arrays or objects more than " + std::to_string(kMaxJsonDepth) +
                                   " levels deep");
  }
  nlohmann::json data = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!data.is_object()) return Status::InvalidArgument("data must be a JSON object");
  return data;
}

// The event's own data, checked and completed with its defaults: decide_not_to_review's outcome,
// decide_not_to_publish's summary_published.
Status CheckEventData(LifecycleEvent event, nlohmann::json& data) {
  if (event == LifecycleEvent::kDecideNotToReview) {
    if (!data.contains("outcome")) data["outcome"] = "no_review";
    const nlohmann::json& outcome = data["outcome"];
    if (!outcome.is_string() || (outcome != "no_review" && outcome != "national_review" && outcome != "other_process")) {
      return Status::InvalidArgument(
          "data.outcome must be no_review, national_review (the national Panel reviews the case instead) or "
          "other_process");
    }
  }
  if (event == LifecycleEvent::kDecideNotToPublish) {
    if (!data.contains("summary_published")) data["summary_published"] = false;
    if (!data["summary_published"].is_boolean()) {
      return Status::InvalidArgument("data.summary_published must be true or false: whether a summary of the learning is published");
    }
  }
  return Status::Ok();
}

std::vector<std::string> References(const std::vector<Blocker>& blockers) {
  std::vector<std::string> references;
  for (const Blocker& blocker : blockers) references.push_back(blocker.Reference());
  return references;
}

std::string Described(const std::vector<Blocker>& blockers) {
  std::vector<std::string> words;
  for (const Blocker& blocker : blockers) words.push_back(blocker.Describe());
  return JoinNames(words);
}

}  // namespace

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

Status ApplyEvent(const ApplyEventCommand& command, CommandContext& context, CommandResult& result) {
  std::optional<LifecycleEvent> event = EventFromName(command.event);
  if (!event) {
    std::vector<std::string> names;
    for (LifecycleEvent e : AllEvents()) names.push_back(EventName(e));
    return Status::InvalidArgument("unknown event '" + command.event + "'; events are: " + JoinNames(names));
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  if (RequiresReason(*event) && command.reason.empty()) {
    return Status::InvalidArgument(std::string(EventName(*event)) + " needs a reason: the rationale is kept in the history");
  }
  Result<nlohmann::json> data = ParseData(command.data);
  if (!data.ok()) return data.status();
  if (Status checked = CheckEventData(*event, *data); !checked.ok()) return checked;
  Result<const WorkingCalendar*> calendar = context.CalendarFor(review.board_id);
  if (!calendar.ok()) return calendar.status();
  Date today = (*calendar)->LocalDate(context.now());

  Result<Lifecycle> machine = review.Machine(today);
  if (!machine.ok()) return machine.status();
  switch (machine->Apply(*event)) {
    case Lifecycle::Outcome::kNotAllowedHere: {
      std::vector<std::string> allowed;
      for (LifecycleEvent e : machine->AllowedEvents()) allowed.push_back(EventName(e));
      return Status::InvalidTransition(std::string(EventName(*event)) + " is not allowed while the review is " +
                                           PhaseName(review.phase) + (review.paused ? " (paused)" : ""),
                                       allowed);
    }
    case Lifecycle::Outcome::kBlocked: {
      std::vector<Blocker> blockers = review.Blockers(*event, today);
      return Status::Blocked(std::string(EventName(*event)) + " is held back by: " + Described(blockers),
                             References(blockers));
    }
    case Lifecycle::Outcome::kApplied: break;
  }
  review.phase = machine->phase();
  int32_t& first_day = review.first_event_days[static_cast<size_t>(*event)];
  bool first_time = first_day == kNoDate;
  if (first_time) first_day = today.days_since_epoch();
  if (Status effects = ApplyEventEffects(command.review, review, *event, command, *data, **calendar, context);
      !effects.ok()) {
    return effects;
  }
  review.paused = machine->paused();  // after the effects: resuming counts the pause that ends
  // Checkpoints counting from this event (or from a reopening) now have a due date.
  bool reopens = *event == LifecycleEvent::kReopenReport || *event == LifecycleEvent::kReturnFromAssurance;
  if (first_time || reopens) {
    if (Status planned = review.PlanDueDates(**calendar); !planned.ok()) return planned;
  }

  AppendToHistory(command.review, review, command.actor, context, command.event, command.reason,
                  data->empty() ? std::string("{}") : data->dump());
  context.store().reviews().SaveLifecycle(command.review, review.phase, machine->Save(),
                                          EncodeFirstEvents(review.first_event_days));

  result.review = command.review;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
