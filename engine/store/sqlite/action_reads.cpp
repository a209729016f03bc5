// SqliteActionReadStore: improvement actions, their updates and follow-ups, and the self-assessment, as read.
#include "store/sqlite/read_stores.h"
#include "store/sqlite/stored_values.h"

namespace scr {

std::vector<StoredAction> SqliteActionReadStore::ReadActions(const ActionSelection& selection) {
  Database::Statement select = database_.Prepare(
      "SELECT a.id, a.review_id, r.title, r.workflow, a.title, a.finding, a.recommendation, a.owner_agency, a.lead, "
      "a.priority, a.business_plan_priority, a.due, a.status, a.status_reason, a.completed_on, a.evidenced_on, "
      "a.impact, a.impact_measure, a.recorded_by, a.created_at, a.updated_at "
      "FROM improvement_actions a JOIN reviews r ON r.id = a.review_id "
      "WHERE r.board_id = ?1 AND (?2 IS NULL OR a.review_id = ?2) AND (?3 IS NULL OR a.owner_agency = ?3) "
      "AND (?4 IS NULL OR a.owner_agency = ?4) "
      "ORDER BY a.review_id, a.id");
  select->bind(1, selection.board);
  if (selection.review) select->bind(2, *selection.review);
  if (selection.agency) select->bind(3, *selection.agency);
  if (selection.agency_scope) select->bind(4, *selection.agency_scope);
  std::vector<StoredAction> actions;
  while (select->executeStep()) {
    StoredAction stored;
    ImprovementAction& action = stored.action;
    action.id = select->getColumn(0).getInt64();
    action.review_id = select->getColumn(1).getInt64();
    action.review_title = select->getColumn(2).getString();
    stored.workflow = select->getColumn(3).getString();
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
    actions.push_back(std::move(stored));
  }
  return actions;
}

std::vector<ActionUpdate> SqliteActionReadStore::ReadActionUpdates(int64_t action) {
  Database::Statement select =
      database_.Prepare("SELECT at, author, note, status, due FROM action_updates WHERE action_id = ? ORDER BY id");
  select->bind(1, action);
  std::vector<ActionUpdate> updates;
  while (select->executeStep()) {
    updates.push_back(ActionUpdate{select->getColumn(0).getString(), select->getColumn(1).getString(),
                                   select->getColumn(2).getString(), select->getColumn(3).getString(),
                                   OptionalStoredDate(select->getColumn(4))});
  }
  return updates;
}

std::vector<FollowUp> SqliteActionReadStore::ReadFollowUps(int64_t action) {
  Database::Statement select = database_.Prepare(
      "SELECT id, after_completion, due, status, change_holds, findings, unintended_consequences, reason, "
      "closed_on, closed_by FROM follow_ups WHERE action_id = ? ORDER BY id");
  select->bind(1, action);
  std::vector<FollowUp> follow_ups;
  while (select->executeStep()) {
    FollowUp follow_up;
    follow_up.id = select->getColumn(0).getInt64();
    follow_up.action_id = action;
    follow_up.after_completion = select->getColumn(1).getString();
    follow_up.due = ParseStoredDate(select->getColumn(2).getString());
    follow_up.status = select->getColumn(3).getString();
    if (!select->getColumn(4).isNull()) follow_up.change_holds = select->getColumn(4).getInt() != 0;
    follow_up.findings = select->getColumn(5).getString();
    follow_up.unintended_consequences = select->getColumn(6).getString();
    follow_up.reason = select->getColumn(7).getString();
    follow_up.closed_on = OptionalStoredDate(select->getColumn(8));
    if (!select->getColumn(9).isNull()) follow_up.closed_by = select->getColumn(9).getString();
    follow_ups.push_back(std::move(follow_up));
  }
  return follow_ups;
}

std::map<ReviewId, std::optional<Date>> SqliteActionReadStore::ReadActionsEvidenced(BoardId board) {
  Database::Statement select = database_.Prepare(
      "SELECT a.review_id, SUM(a.status <> 'evidenced' AND a.status <> 'dropped'), MAX(a.evidenced_on), "
      "SUM(a.status = 'evidenced') FROM improvement_actions a JOIN reviews r ON r.id = a.review_id "
      "WHERE r.board_id = ? GROUP BY a.review_id");
  select->bind(1, board);
  std::map<ReviewId, std::optional<Date>> evidenced;
  while (select->executeStep()) {
    bool done = select->getColumn(1).getInt() == 0 && select->getColumn(3).getInt() > 0;
    evidenced[select->getColumn(0).getInt64()] =
        done ? std::optional<Date>(ParseStoredDate(select->getColumn(2).getString())) : std::nullopt;
  }
  return evidenced;
}

std::vector<StoredAnswer> SqliteActionReadStore::ReadSelfAssessmentAnswers(ReviewId review) {
  Database::Statement select = database_.Prepare(
      "SELECT id, question_id, answer, note, evidence, phase, answered_by, answered_at FROM self_assessment_answers "
      "WHERE review_id = ? ORDER BY id");
  select->bind(1, review);
  std::vector<StoredAnswer> answers;
  while (select->executeStep()) {
    StoredAnswer stored;
    stored.question = select->getColumn(1).getString();
    SelfAssessmentAnswer& answer = stored.answer;
    answer.id = select->getColumn(0).getInt64();
    answer.answer = select->getColumn(2).getString();
    answer.note = select->getColumn(3).getString();
    answer.evidence = select->getColumn(4).getString();
    answer.phase = select->getColumn(5).getString();
    answer.answered_by = select->getColumn(6).getString();
    answer.answered_at = select->getColumn(7).getString();
    answers.push_back(std::move(stored));
  }
  return answers;
}

}  // namespace scr
