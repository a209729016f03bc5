// SqliteReviewStore's writes of the review's own rows, and the reads the commands make before them.
#include "engine/review_references.h"
#include "store/sqlite/review_store.h"

namespace scr {

ReviewId SqliteReviewStore::InsertReview(const NewReview& review) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO reviews (board_id, workflow, title, incident_date, referral_date, rationale, "
      "statutory_criteria_met, child_died, family_lived_elsewhere, late_referral_reason, phase, lifecycle_state, "
      "created_at, conditions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, review.board);
  insert->bind(2, review.workflow);
  insert->bind(3, review.title);
  insert->bind(4, review.incident_date.ToString());
  insert->bind(5, review.referral_date.ToString());
  insert->bind(6, review.rationale);
  insert->bind(7, review.statutory_criteria_met ? 1 : 0);
  insert->bind(8, review.child_died ? 1 : 0);
  insert->bind(9, review.family_lived_elsewhere ? 1 : 0);
  insert->bind(10, review.late_referral_reason);
  insert->bind(11, PhaseName(review.phase));
  insert->bind(12, review.lifecycle_state);
  insert->bind(13, review.created_at);
  insert->bind(14, review.conditions);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

void SqliteReviewStore::SaveLifecycle(ReviewId review, Phase phase, const std::string& lifecycle_state,
                                      const std::string& first_events) {
  Database::Statement update =
      database_.Prepare("UPDATE reviews SET phase = ?, lifecycle_state = ?, first_events = ? WHERE id = ?");
  update->bind(1, PhaseName(phase));
  update->bindNoCopy(2, lifecycle_state);
  update->bindNoCopy(3, first_events);
  update->bind(4, review);
  update->exec();
}

void SqliteReviewStore::SavePause(ReviewId review, const std::string& since, Date on, const std::string& reason) {
  Database::Statement pause =
      database_.Prepare("UPDATE reviews SET paused_since = ?, paused_on = ?, pause_reason = ? WHERE id = ?");
  pause->bind(1, since);
  pause->bind(2, on.ToString());
  pause->bind(3, reason);
  pause->bind(4, review);
  pause->exec();
}

void SqliteReviewStore::EndPause(ReviewId review, int working_days_paused) {
  Database::Statement resume = database_.Prepare(
      "UPDATE reviews SET paused_since = NULL, paused_on = NULL, pause_reason = '', working_days_paused = ? "
      "WHERE id = ?");
  resume->bind(1, working_days_paused);
  resume->bind(2, review);
  resume->exec();
}

void SqliteReviewStore::SaveDecisionOutcome(ReviewId review, const std::optional<std::string>& outcome) {
  Database::Statement update = database_.Prepare("UPDATE reviews SET decision_outcome = ? WHERE id = ?");
  if (outcome) update->bind(1, *outcome);
  else update->bind(1);
  update->bind(2, review);
  update->exec();
}

void SqliteReviewStore::SavePublicationDecision(ReviewId review, bool published,
                                                std::optional<bool> summary_published) {
  Database::Statement decision =
      database_.Prepare("UPDATE reviews SET publication = ?, summary_published = ? WHERE id = ?");
  decision->bind(1, published ? "published" : "not_published");
  if (summary_published) decision->bind(2, *summary_published ? 1 : 0);
  else decision->bind(2);
  decision->bind(3, review);
  decision->exec();
}

void SqliteReviewStore::SaveReportReopened(ReviewId review, Date on) {
  Database::Statement update = database_.Prepare("UPDATE reviews SET report_reopened_on = ? WHERE id = ?");
  update->bind(1, on.ToString());
  update->bind(2, review);
  update->exec();
}

std::optional<std::map<std::string, std::string>> SqliteReviewStore::ReadReferences(ReviewId review) {
  Database::Statement select = database_.Prepare("SELECT review_references FROM reviews WHERE id = ?");
  select->bind(1, review);
  if (!select->executeStep()) return std::nullopt;
  return DecodeReferences(select->getColumn(0).getString());
}

void SqliteReviewStore::SaveReferences(ReviewId review, const std::map<std::string, std::string>& references) {
  Database::Statement update = database_.Prepare("UPDATE reviews SET review_references = ? WHERE id = ?");
  update->bind(1, EncodeReferences(references));
  update->bind(2, review);
  update->exec();
}

void SqliteReviewStore::CloseCheckpoint(ReviewId review, const CheckpointClosure& closure) {
  Database::Statement close = database_.Prepare(
      "INSERT INTO checkpoints (review_id, key, state, closed_at, closed_on, closed_by, note, evidence, "
      "late_by_working_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (review_id, key) DO UPDATE SET "
      "state = excluded.state, closed_at = excluded.closed_at, closed_on = excluded.closed_on, "
      "closed_by = excluded.closed_by, note = excluded.note, evidence = excluded.evidence, "
      "late_by_working_days = excluded.late_by_working_days");
  close->bind(1, review);
  close->bindNoCopy(2, closure.key);
  close->bind(3, CheckpointStateName(closure.state));
  close->bindNoCopy(4, closure.closed_at);
  close->bindNoCopy(5, closure.closed_on);
  close->bindNoCopy(6, closure.closed_by);
  close->bindNoCopy(7, closure.note);
  close->bindNoCopy(8, closure.evidence);
  close->bind(9, closure.late_by_working_days);
  close->exec();
}

void SqliteReviewStore::ExtendCheckpoint(ReviewId review, const std::string& key, Date due) {
  Database::Statement extend = database_.Prepare(
      "INSERT INTO checkpoints (review_id, key, state, extended_due) VALUES (?1, ?2, 'open', ?3) "
      "ON CONFLICT (review_id, key) DO UPDATE SET extended_due = excluded.extended_due");
  extend->bind(1, review);
  extend->bindNoCopy(2, key);
  extend->bind(3, due.ToString());
  extend->exec();
}

void SqliteReviewStore::ReopenCheckpoint(ReviewId review, const std::string& key) {
  Database::Statement reopen = database_.Prepare(
      "UPDATE checkpoints SET state = 'open', extended_due = NULL, closed_at = NULL, closed_on = NULL, "
      "closed_by = NULL, late_by_working_days = 0 WHERE review_id = ? AND key = ?");
  reopen->bind(1, review);
  reopen->bind(2, key);
  reopen->exec();
}

}  // namespace scr
