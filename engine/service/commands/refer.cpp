// A referral: a new review of the board, in its workflow's first phase, with the due dates known at once.
#include <nlohmann/json.hpp>

#include "review/conditions.h"
#include "service/commands/command_steps.h"

namespace scr {
namespace {

constexpr size_t kMaxTitle = 200;

}  // namespace

Status Refer(const ReferCommand& command, CommandContext& context, CommandResult& result) {
  Referral referral = command.referral;
  const WorkflowDefinition* workflow = context.workflows().Find(referral.workflow);
  if (!workflow) {
    std::vector<std::string> names;
    for (const auto& w : context.workflows().all()) names.push_back(w->name);
    return Status::InvalidArgument("unknown workflow '" + referral.workflow + "'; use one of: " + JoinNames(names));
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
  Result<const WorkingCalendar*> calendar = context.CalendarFor(command.actor.board_id);
  if (!calendar.ok()) return calendar.status();
  if (referral.referral_date > (*calendar)->LocalDate(context.now())) {
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
  row.created_at = context.at();
  ReviewId id = context.store().reviews().InsertReview(row);

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
  context.CheckIn(id, std::move(review));
  return Status::Ok();
}

}  // namespace scr
