// What happens after the report, as read: improvement actions with their RAG rating, updates and
// follow-ups; the self-assessment with every answer; the privacy checks.
#include <nlohmann/json.hpp>

#include "service/review_queries_impl.h"

namespace scr {
namespace {

std::optional<Date> OptionalStoredDate(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return ParseStoredDate(column.getString());
}

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
    Database::Statement select = database_->Prepare(
        "SELECT a.id, a.review_id, r.title, r.workflow, a.title, a.finding, a.recommendation, a.owner_agency, a.lead, "
        "a.priority, a.business_plan_priority, a.due, a.status, a.status_reason, a.completed_on, a.evidenced_on, "
        "a.impact, a.impact_measure, a.recorded_by, a.created_at, a.updated_at "
        "FROM improvement_actions a JOIN reviews r ON r.id = a.review_id "
        "WHERE r.board_id = ?1 AND (?2 IS NULL OR a.review_id = ?2) AND (?3 IS NULL OR a.owner_agency = ?3) "
        "AND (?4 IS NULL OR a.owner_agency = ?4) "
        "ORDER BY a.review_id, a.id");
    select->bind(1, board);
    if (filter.review) select->bind(2, *filter.review);
    if (filter.agency) select->bind(3, *filter.agency);
    if (filter.agency_scope) select->bind(4, *filter.agency_scope);
    std::vector<ImprovementAction> actions;
    while (select->executeStep()) {
      ImprovementAction action;
      action.id = select->getColumn(0).getInt64();
      action.review_id = select->getColumn(1).getInt64();
      action.review_title = select->getColumn(2).getString();
      const WorkflowDefinition* workflow = options_.workflows->Find(select->getColumn(3).getString());
      action.title = select->getColumn(4).getString();
      action.finding = select->getColumn(5).getString();
      action.recommendation = select->getColumn(6).getString();
      action.owner_agency = select->getColumn(7).getString();
      action.lead = select->getColumn(8).getString();
      action.priority = select->getColumn(9).getString();
      action.business_plan_priority = select->getColumn(10).getString();
      action.due = ParseStoredDate(select->getColumn(11).getString());
      action.status = select->getColumn(12).getString();
      action.status_reason = select->getColumn(13).getString();
      action.completed_on = OptionalStoredDate(select->getColumn(14));
      action.evidenced_on = OptionalStoredDate(select->getColumn(15));
      action.impact = select->getColumn(16).getString();
      action.impact_measure = select->getColumn(17).getString();
      action.recorded_by = select->getColumn(18).getString();
      action.created_at = select->getColumn(19).getString();
      action.updated_at = select->getColumn(20).getString();
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
    select->reset();

    Database::Statement updates = database_->Prepare(
        "SELECT at, author, note, status, due FROM action_updates WHERE action_id = ? ORDER BY id");
    Database::Statement follow_ups = database_->Prepare(
        "SELECT id, after_completion, due, status, change_holds, findings, unintended_consequences, reason, "
        "closed_on, closed_by FROM follow_ups WHERE action_id = ? ORDER BY id");
    for (ImprovementAction& action : actions) {
      updates->reset();
      updates->bind(1, action.id);
      while (updates->executeStep()) {
        action.updates.push_back(ActionUpdate{updates->getColumn(0).getString(), updates->getColumn(1).getString(),
                                              updates->getColumn(2).getString(), updates->getColumn(3).getString(),
                                              OptionalStoredDate(updates->getColumn(4))});
      }
      follow_ups->reset();
      follow_ups->bind(1, action.id);
      while (follow_ups->executeStep()) {
        FollowUp follow_up;
        follow_up.id = follow_ups->getColumn(0).getInt64();
        follow_up.action_id = action.id;
        follow_up.after_completion = follow_ups->getColumn(1).getString();
        follow_up.due = ParseStoredDate(follow_ups->getColumn(2).getString());
        follow_up.status = follow_ups->getColumn(3).getString();
        follow_up.overdue = follow_up.status == "pending" && (*calendar)->EndOfDay(follow_up.due) <= now;
        if (!follow_ups->getColumn(4).isNull()) follow_up.change_holds = follow_ups->getColumn(4).getInt() != 0;
        follow_up.findings = follow_ups->getColumn(5).getString();
        follow_up.unintended_consequences = follow_ups->getColumn(6).getString();
        follow_up.reason = follow_ups->getColumn(7).getString();
        follow_up.closed_on = OptionalStoredDate(follow_ups->getColumn(8));
        if (!follow_ups->getColumn(9).isNull()) follow_up.closed_by = follow_ups->getColumn(9).getString();
        action.follow_ups.push_back(std::move(follow_up));
      }
    }
    return actions;
  } catch (const std::exception& e) {
    return StorageError(e, "reading improvement actions");
  }
}

Result<SelfAssessment> ReviewQueriesImpl::GetSelfAssessment(BoardId board, ReviewId review) {
  try {
    SelfAssessment assessment;
    {
      Database::Statement select =
          database_->Prepare("SELECT title, workflow, phase FROM reviews WHERE id = ? AND board_id = ?");
      select->bind(1, review);
      select->bind(2, board);
      if (!select->executeStep()) return Status::NotFound("no review " + std::to_string(review));
      assessment.review = review;
      assessment.title = select->getColumn(0).getString();
      assessment.workflow = select->getColumn(1).getString();
      assessment.phase = PhaseFromName(select->getColumn(2).getString()).value_or(Phase::kDecisionPending);
    }
    const WorkflowDefinition* workflow = options_.workflows->Find(assessment.workflow);
    if (!workflow) return Status::Storage("review " + std::to_string(review) + " names an unknown workflow");
    std::map<std::string, std::vector<SelfAssessmentAnswer>> answers;
    Database::Statement select = database_->Prepare(
        "SELECT id, question_id, answer, note, evidence, phase, answered_by, answered_at FROM self_assessment_answers "
        "WHERE review_id = ? ORDER BY id");
    select->bind(1, review);
    while (select->executeStep()) {
      SelfAssessmentAnswer answer;
      answer.id = select->getColumn(0).getInt64();
      answer.answer = select->getColumn(2).getString();
      answer.note = select->getColumn(3).getString();
      answer.evidence = select->getColumn(4).getString();
      answer.phase = select->getColumn(5).getString();
      answer.stage = StageOf(answer.phase);
      answer.answered_by = select->getColumn(6).getString();
      answer.answered_at = select->getColumn(7).getString();
      answers[select->getColumn(1).getString()].push_back(std::move(answer));
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
    Database::Statement select = database_->Prepare(
        "SELECT text_sha256, text_length, findings, checked_by, checked_at FROM privacy_checks "
        "WHERE id = ? AND review_id = ?");
    select->bind(1, id);
    select->bind(2, review);
    if (!select->executeStep()) return Status::NotFound("review " + std::to_string(review) + " has no privacy check " + std::to_string(id));
    PrivacyCheckRecord check;
    check.id = id;
    check.review = review;
    check.text_sha256 = select->getColumn(0).getString();
    check.text_length = select->getColumn(1).getInt64();
    nlohmann::json findings = nlohmann::json::parse(select->getColumn(2).getString(), nullptr, false);
    if (findings.is_array()) {
      for (const auto& finding : findings) {
        check.findings.push_back({finding.value("kind", ""), finding.value("start", int64_t{0}), finding.value("end", int64_t{0}),
                                  finding.value("byte_start", int64_t{0}), finding.value("byte_end", int64_t{0})});
      }
    }
    check.checked_by = select->getColumn(3).getString();
    check.checked_at = select->getColumn(4).getString();
    return check;
  } catch (const std::exception& e) {
    return StorageError(e, "reading a privacy check");
  }
}

}  // namespace scr
