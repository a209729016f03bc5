// What happens after the report, as read: improvement actions with their RAG rating, updates and
// follow-ups; the self-assessment with every answer; the privacy checks.
#include "service/review_queries_impl.h"

namespace scr {
namespace {

// Where the self-assessment stands in a review's life: before the review runs, while it runs, at its end.
const char* StageOf(const std::string& phase) {
  if (phase == "decision_pending" || phase == "setting_up" || phase == "commissioning") return "start";
  if (phase == "implementation" || phase == "closed" || phase == "not_proceeding") return "end";
  return "during";
}

}  // namespace

const char* RateAction(const std::string& status, Date due, Date amber_from, Instant now,
                       const WorkingCalendar& calendar) {
  if (status == "dropped") return "none";
  if (status == "completed" || status == "evidenced") return "green";
  if (status == "not_achieved") return "red";
  if (calendar.EndOfDay(due) <= now) return "red";
  if (calendar.LocalDate(now) >= amber_from) return "amber";
  return "green";
}

Result<std::vector<ImprovementAction>> ReviewQueriesImpl::Actions(BoardId board, const ActionFilter& filter) {
  try {
    if (filter.review) {
      if (Status owned = CheckReviewOfBoard(board, *filter.review); !owned.ok()) return owned;
    }
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    Instant now = options_.clock->Now();
    std::vector<ImprovementAction> actions;
    for (StoredAction& stored : store_->action_reads().ReadActions(
             ActionSelection{board, filter.review, filter.agency, filter.agency_scope})) {
      ImprovementAction& action = stored.action;
      const WorkflowDefinition* workflow = options_.workflows->Find(stored.workflow);
      bool open = action.status == "not_started" || action.status == "in_progress";
      action.overdue = open && (*calendar)->EndOfDay(action.due) <= now;
      Duration amber = workflow ? workflow->action_amber_within : Duration{20, Duration::Unit::kWorkingDays};
      Result<Date> counted_back = AddDuration(action.due, Duration{-amber.amount, amber.unit}, **calendar);
      Date amber_from = counted_back.ok() ? *counted_back : action.due;
      action.rag = RateAction(action.status, action.due, amber_from, now, **calendar);
      if (filter.status && action.status != *filter.status) continue;
      if (filter.overdue && action.overdue != *filter.overdue) continue;
      actions.push_back(std::move(action));
    }
    for (ImprovementAction& action : actions) {
      action.updates = store_->action_reads().ReadActionUpdates(action.id);
      action.follow_ups = store_->action_reads().ReadFollowUps(action.id);
      for (FollowUp& follow_up : action.follow_ups) {
        follow_up.overdue = follow_up.status == "pending" && (*calendar)->EndOfDay(follow_up.due) <= now;
      }
    }
    return actions;
  } catch (const std::exception& e) {
    return StorageError(e, "reading improvement actions");
  }
}

Result<SelfAssessment> ReviewQueriesImpl::GetSelfAssessment(BoardId board, ReviewId review) {
  try {
    std::optional<ReviewHeading> heading = store_->reviews().ReadHeading(board, review);
    if (!heading) return Status::NotFound("no review " + std::to_string(review));
    SelfAssessment assessment;
    assessment.review = review;
    assessment.title = heading->title;
    assessment.workflow = heading->workflow;
    assessment.phase = heading->phase;
    const WorkflowDefinition* workflow = options_.workflows->Find(assessment.workflow);
    if (!workflow) return Status::Storage("review " + std::to_string(review) + " names an unknown workflow");
    std::map<std::string, std::vector<SelfAssessmentAnswer>> answers;
    for (StoredAnswer& stored : store_->action_reads().ReadSelfAssessmentAnswers(review)) {
      stored.answer.stage = StageOf(stored.answer.phase);
      answers[stored.question].push_back(std::move(stored.answer));
    }
    for (const Marker& marker : workflow->markers) {
      SelfAssessmentMarker entry{marker.number, marker.name, marker.statement, {}};
      for (const MarkerQuestion& question : marker.questions) {
        entry.questions.push_back(SelfAssessmentQuestion{question.id, question.text, std::move(answers[question.id])});
      }
      assessment.markers.push_back(std::move(entry));
    }
    return assessment;
  } catch (const std::exception& e) {
    return StorageError(e, "reading the self-assessment");
  }
}

Result<PrivacyCheckRecord> ReviewQueriesImpl::GetPrivacyCheck(BoardId board, ReviewId review, int64_t id) {
  try {
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    std::optional<PrivacyCheckRecord> check = store_->registers().ReadPrivacyCheck(review, id);
    if (!check) return Status::NotFound("review " + std::to_string(review) + " has no privacy check " + std::to_string(id));
    return *check;
  } catch (const std::exception& e) {
    return StorageError(e, "reading a privacy check");
  }
}

}  // namespace scr
