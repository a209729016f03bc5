#include "store/sqlite/action_store.h"

namespace scr {

int64_t SqliteActionStore::InsertAction(ReviewId review, const ImprovementAction& action,
                                        const std::string& recorded_by, const std::string& at) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO improvement_actions (review_id, title, finding, recommendation, owner_agency, lead, priority, "
      "business_plan_priority, due, recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, review);
  insert->bind(2, action.title);
  insert->bind(3, action.finding);
  insert->bind(4, action.recommendation);
  insert->bind(5, action.owner_agency);
  insert->bind(6, action.lead);
  insert->bind(7, action.priority);
  insert->bind(8, action.business_plan_priority);
  insert->bind(9, action.due.ToString());
  insert->bind(10, recorded_by);
  insert->bindNoCopy(11, at);
  insert->bindNoCopy(12, at);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

std::optional<ActionBeforeUpdate> SqliteActionStore::ReadAction(ReviewId review, int64_t action) {
  Database::Statement find = database_.Prepare(
      "SELECT status, due, impact, impact_measure, owner_agency FROM improvement_actions WHERE id = ? AND review_id = ?");
  find->bind(1, action);
  find->bind(2, review);
  if (!find->executeStep()) return std::nullopt;
  ActionBeforeUpdate stored;
  stored.status = find->getColumn(0).getString();
  Result<Date> due = Date::Parse(find->getColumn(1).getText());
  if (due.ok()) stored.due = *due;
  stored.impact = find->getColumn(2).getString();
  stored.impact_measure = find->getColumn(3).getString();
  stored.owner_agency = find->getColumn(4).getString();
  return stored;
}

void SqliteActionStore::UpdateAction(const ActionChange& change, const std::string& at) {
  Database::Statement update = database_.Prepare(
      "UPDATE improvement_actions SET status = ?1, status_reason = CASE WHEN ?2 <> '' THEN ?2 ELSE status_reason END, "
      "lead = COALESCE(?3, lead), due = ?4, impact = ?5, impact_measure = ?6, "
      "completed_on = CASE WHEN ?1 = 'completed' THEN ?7 ELSE completed_on END, "
      "evidenced_on = CASE WHEN ?1 = 'evidenced' THEN ?7 ELSE evidenced_on END, updated_at = ?8 WHERE id = ?9");
  update->bind(1, change.status);
  update->bind(2, change.status_reason);
  if (change.lead) update->bind(3, *change.lead);
  else update->bind(3);
  update->bind(4, change.due.ToString());
  update->bind(5, change.impact);
  update->bind(6, change.impact_measure);
  update->bind(7, change.on.ToString());
  update->bindNoCopy(8, at);
  update->bind(9, change.action);
  update->exec();
}

void SqliteActionStore::InsertActionUpdate(int64_t action, const ActionUpdate& update) {
  Database::Statement record = database_.Prepare(
      "INSERT INTO action_updates (action_id, at, author, note, status, due) VALUES (?, ?, ?, ?, ?, ?)");
  record->bind(1, action);
  record->bindNoCopy(2, update.at);
  record->bind(3, update.author);
  record->bind(4, update.note);
  if (!update.status.empty()) record->bind(5, update.status);
  else record->bind(5);
  if (update.due) record->bind(6, update.due->ToString());
  else record->bind(6);
  record->exec();
}

int64_t SqliteActionStore::InsertFollowUp(int64_t action, ReviewId review, const std::string& after_completion,
                                          Date due, const std::string& at) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO follow_ups (action_id, review_id, after_completion, due, created_at) VALUES (?, ?, ?, ?, ?)");
  insert->bind(1, action);
  insert->bind(2, review);
  insert->bind(3, after_completion);
  insert->bind(4, due.ToString());
  insert->bindNoCopy(5, at);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

std::optional<StoredFollowUp> SqliteActionStore::ReadFollowUp(ReviewId review, int64_t follow_up) {
  Database::Statement find =
      database_.Prepare("SELECT status, action_id FROM follow_ups WHERE id = ? AND review_id = ?");
  find->bind(1, follow_up);
  find->bind(2, review);
  if (!find->executeStep()) return std::nullopt;
  return StoredFollowUp{find->getColumn(0).getString(), find->getColumn(1).getInt64()};
}

void SqliteActionStore::CloseFollowUp(const FollowUp& closed) {
  Database::Statement close = database_.Prepare(
      "UPDATE follow_ups SET status = ?, change_holds = ?, findings = ?, unintended_consequences = ?, reason = ?, "
      "closed_on = ?, closed_by = ? WHERE id = ?");
  close->bind(1, closed.status);
  if (closed.change_holds) close->bind(2, *closed.change_holds ? 1 : 0);
  else close->bind(2);
  close->bind(3, closed.findings);
  close->bind(4, closed.unintended_consequences);
  close->bind(5, closed.reason);
  if (closed.closed_on) close->bind(6, closed.closed_on->ToString());
  else close->bind(6);
  close->bind(7, closed.closed_by);
  close->bind(8, closed.id);
  close->exec();
}

}  // namespace scr
