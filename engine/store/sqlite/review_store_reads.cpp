// The reads of SqliteReviewStore: a review's row, checkpoints, open dated items and holds into its record,
// for every running review at once or for one; and the review's other rows as its view shows them.
#include <unordered_map>

#include "engine/review_references.h"
#include "review/conditions.h"
#include "store/sqlite/review_store.h"
#include "store/sqlite/stored_values.h"

namespace scr {
namespace {

// The columns ReviewFromRow reads, in its order.
const char* const kReviewColumns =
    "id, board_id, workflow, title, phase, referral_date, incident_date, rationale, late_referral_reason, "
    "first_events, created_at, "
    "(SELECT COUNT(*) FROM parallel_processes WHERE review_id = reviews.id AND status = 'active'), "
    "(SELECT COUNT(*) FROM parallel_processes WHERE review_id = reviews.id AND status = 'active' AND holds = 'publication'), "
    "conditions, review_references, paused_since, paused_on, pause_reason, working_days_paused, report_reopened_on, "
    "decision_outcome, publication, summary_published, lifecycle_state";

std::string SelectReviews(const char* where) { return std::string("SELECT ") + kReviewColumns + " FROM reviews " + where; }

int32_t StoredDays(const std::string& text) {
  Result<Date> date = Date::Parse(text);
  return date.ok() ? date->days_since_epoch() : kNoDate;
}

// The review's row: the facts of its record and of its views. Its checkpoints are all open until its
// checkpoint rows are added (AddCheckpointRow).
StoredReview ReviewFromRow(SQLite::Statement& row, const WorkflowRegistry& workflows) {
  StoredReview review;
  ReviewSummary& summary = review.summary;
  Referral& referral = review.referral;
  OpenReview& record = review.record;
  summary.id = row.getColumn(0).getInt64();
  summary.board_id = row.getColumn(1).getInt64();
  review.workflow = row.getColumn(2).getString();
  summary.workflow = review.workflow;
  summary.title = row.getColumn(3).getString();
  summary.phase = PhaseFromName(row.getColumn(4).getString()).value_or(Phase::kDecisionPending);
  Result<Date> referral_date = Date::Parse(row.getColumn(5).getString());
  Result<Date> incident_date = Date::Parse(row.getColumn(6).getString());
  review.damaged_dates = !referral_date.ok() || !incident_date.ok();
  referral.workflow = review.workflow;
  referral.title = summary.title;
  referral.referral_date = referral_date.ok() ? *referral_date : Date();
  referral.incident_date = incident_date.ok() ? *incident_date : Date();
  summary.referral_date = referral.referral_date;
  referral.rationale = row.getColumn(7).getString();
  referral.late_referral_reason = row.getColumn(8).getString();
  std::string first_events = row.getColumn(9).getString();
  review.created_at = row.getColumn(10).getString();
  summary.active_processes = row.getColumn(11).getInt();
  summary.publication_holds = row.getColumn(12).getInt();
  referral.conditions = DecodeConditions(row.getColumn(13).getString());
  summary.references = DecodeReferences(row.getColumn(14).getString());
  bool paused = !row.getColumn(15).isNull();
  if (paused) summary.paused = PauseView{row.getColumn(15).getString(), row.getColumn(17).getString()};
  review.decision_outcome = row.getColumn(20).getString();
  if (!row.getColumn(21).isNull()) {
    PublicationDecision decision;
    decision.published = row.getColumn(21).getString() == "published";
    if (!row.getColumn(22).isNull()) decision.summary_published = row.getColumn(22).getInt() != 0;
    review.publication = decision;
  }
  review.lifecycle_state = row.getColumn(23).getString();

  record.board_id = summary.board_id;
  record.workflow = workflows.Find(review.workflow);
  record.phase = summary.phase;
  record.referral_date = referral.referral_date;
  record.incident_date = referral.incident_date;
  DecodeFirstEvents(first_events, &record.first_event_days);
  record.paused = paused;
  record.paused_since = row.getColumn(15).getString();
  record.paused_on_days = StoredDays(row.getColumn(16).getString());
  record.pause_reason = row.getColumn(17).getString();
  record.working_days_paused = row.getColumn(18).getInt();
  record.report_reopened_days = StoredDays(row.getColumn(19).getString());
  if (record.workflow) {
    record.conditions_held = ConditionsHeld(*record.workflow, referral.conditions);
    record.AddApplicableCheckpoints();
  }
  return review;
}

// A checkpoint row from column `first` on: key, state, extended_due, closed_on, closed_at, closed_by, note,
// evidence, late_by_working_days.
void AddCheckpointRow(StoredReview& review, SQLite::Statement& row, int first) {
  if (!review.record.workflow) return;
  std::string key = row.getColumn(first).getString();
  ApplyCheckpointRow(review.record, key, row.getColumn(first + 1).getString(), row.getColumn(first + 2).getString(),
                     row.getColumn(first + 3).getString());
  if (row.getColumn(first + 4).isNull()) return;
  CheckpointClosure& closure = review.closures[key];
  closure.key = key;
  closure.closed_at = row.getColumn(first + 4).getString();
  closure.closed_by = row.getColumn(first + 5).getString();
  closure.note = row.getColumn(first + 6).getString();
  closure.evidence = row.getColumn(first + 7).getString();
  closure.late_by_working_days = row.getColumn(first + 8).getInt();
}

// An open dated item from column `first` on: kind (0 request, 1 action, 2 follow-up), id, due. One whose
// due date is damaged is not chased.
void AddItemRow(OpenReview& record, SQLite::Statement& row, int first) {
  int32_t due = StoredDays(row.getColumn(first + 2).getString());
  if (due == kNoDate) return;
  int kind = row.getColumn(first).getInt();
  ItemKind item_kind = kind == 0 ? ItemKind::kInformationRequest : kind == 1 ? ItemKind::kAction : ItemKind::kFollowUp;
  record.items.push_back(DatedItem{row.getColumn(first + 1).getInt64(), item_kind, 0, due});
}

// An active parallel process that holds something, from column `first` on: id, kind, holds.
void AddHoldRow(OpenReview& record, SQLite::Statement& row, int first) {
  std::optional<Hold> hold = HoldFromName(row.getColumn(first + 2).getString());
  if (hold) record.holds.push_back(ProcessHold{row.getColumn(first).getInt64(), row.getColumn(first + 1).getString(), *hold});
}

}  // namespace

std::vector<std::pair<ReviewId, StoredReview>> SqliteReviewStore::ReadRunningReviews() {
  std::vector<std::pair<ReviewId, StoredReview>> reviews;
  std::unordered_map<ReviewId, size_t> index;
  {
    static const std::string kSql = SelectReviews("WHERE phase <> 'closed' ORDER BY id");
    Database::Statement select = database_.PrepareBuilt(kSql);
    while (select->executeStep()) {
      StoredReview review = ReviewFromRow(*select, workflows_);
      index.emplace(review.summary.id, reviews.size());
      reviews.emplace_back(review.summary.id, std::move(review));
    }
  }
  auto find = [&](SQLite::Statement& row) -> StoredReview* {
    auto it = index.find(row.getColumn(0).getInt64());
    return it == index.end() ? nullptr : &reviews[it->second].second;
  };
  Database::Statement checkpoints = database_.Prepare(
      "SELECT review_id, key, state, extended_due, closed_on, closed_at, closed_by, note, evidence, "
      "late_by_working_days FROM checkpoints");
  while (checkpoints->executeStep()) {
    if (StoredReview* review = find(*checkpoints)) AddCheckpointRow(*review, *checkpoints, 1);
  }
  Database::Statement items = database_.Prepare(
      "SELECT review_id, 0, id, due FROM information_requests WHERE status = 'open' "
      "UNION ALL SELECT review_id, 1, id, due FROM improvement_actions WHERE status IN ('not_started', 'in_progress') "
      "UNION ALL SELECT review_id, 2, id, due FROM follow_ups WHERE status = 'pending'");
  while (items->executeStep()) {
    if (StoredReview* review = find(*items)) AddItemRow(review->record, *items, 1);
  }
  Database::Statement holds = database_.Prepare(
      "SELECT review_id, id, kind, holds FROM parallel_processes WHERE status = 'active' AND holds <> '' ORDER BY id");
  while (holds->executeStep()) {
    if (StoredReview* review = find(*holds)) AddHoldRow(review->record, *holds, 1);
  }
  return reviews;
}

void SqliteReviewStore::ReadRecordRows(ReviewId id, StoredReview& review) {
  Database::Statement checkpoints = database_.Prepare(
      "SELECT key, state, extended_due, closed_on, closed_at, closed_by, note, evidence, late_by_working_days "
      "FROM checkpoints WHERE review_id = ?");
  checkpoints->bind(1, id);
  while (checkpoints->executeStep()) AddCheckpointRow(review, *checkpoints, 0);
  Database::Statement items = database_.Prepare(
      "SELECT 0, id, due FROM information_requests WHERE review_id = ?1 AND status = 'open' "
      "UNION ALL SELECT 1, id, due FROM improvement_actions WHERE review_id = ?1 "
      "AND status IN ('not_started', 'in_progress') "
      "UNION ALL SELECT 2, id, due FROM follow_ups WHERE review_id = ?1 AND status = 'pending'");
  items->bind(1, id);
  while (items->executeStep()) AddItemRow(review.record, *items, 0);
  Database::Statement holds = database_.Prepare(
      "SELECT id, kind, holds FROM parallel_processes WHERE review_id = ? AND status = 'active' AND holds <> '' "
      "ORDER BY id");
  holds->bind(1, id);
  while (holds->executeStep()) AddHoldRow(review.record, *holds, 0);
}

std::optional<StoredReview> SqliteReviewStore::ReadReview(BoardId board, ReviewId id) {
  static const std::string kSql = SelectReviews("WHERE id = ? AND board_id = ?");
  std::optional<StoredReview> review;
  {
    Database::Statement select = database_.PrepareBuilt(kSql);
    select->bind(1, id);
    select->bind(2, board);
    if (!select->executeStep()) return std::nullopt;
    review = ReviewFromRow(*select, workflows_);
  }
  ReadRecordRows(id, *review);
  return review;
}

void SqliteReviewStore::VisitReviews(const ReviewSelection& selection,
                                     const std::function<bool(StoredReview&)>& visit) {
  static const std::string kSql = SelectReviews(
      "WHERE board_id = ?1 AND id > ?2 AND (?3 IS NULL OR phase = ?3) AND (?4 = 0 OR phase <> 'closed') ORDER BY id");
  Database::Statement select = database_.PrepareBuilt(kSql);
  select->bind(1, selection.board);
  select->bind(2, selection.after);
  if (selection.phase) select->bind(3, PhaseName(*selection.phase));
  select->bind(4, selection.running_only ? 1 : 0);
  while (select->executeStep()) {
    StoredReview review = ReviewFromRow(*select, workflows_);
    ReadRecordRows(review.summary.id, review);
    if (!visit(review)) return;
  }
}

std::optional<ReviewHeading> SqliteReviewStore::ReadHeading(BoardId board, ReviewId id) {
  Database::Statement select = database_.Prepare("SELECT title, workflow, phase FROM reviews WHERE id = ? AND board_id = ?");
  select->bind(1, id);
  select->bind(2, board);
  if (!select->executeStep()) return std::nullopt;
  return ReviewHeading{select->getColumn(0).getString(), select->getColumn(1).getString(),
                       PhaseFromName(select->getColumn(2).getString()).value_or(Phase::kDecisionPending)};
}

std::optional<HistoryHeadRow> SqliteReviewStore::ReadHistoryHeadRow(BoardId board, ReviewId id) {
  Database::Statement select = database_.Prepare(
      "SELECT e.seq, e.hash, e.at FROM reviews r LEFT JOIN review_events e ON e.review_id = r.id "
      "WHERE r.id = ?1 AND r.board_id = ?2 ORDER BY e.seq DESC LIMIT 1");
  select->bind(1, id);
  select->bind(2, board);
  if (!select->executeStep()) return std::nullopt;
  return HistoryHeadRow{select->getColumn(0).getInt64(), select->getColumn(1).getString(),
                        select->getColumn(2).getString()};
}

std::vector<HistoryEvent> SqliteReviewStore::ReadHistory(ReviewId id) {
  Database::Statement select = database_.Prepare(
      "SELECT seq, at, actor, event, reason, data, hash FROM review_events WHERE review_id = ? ORDER BY seq");
  select->bind(1, id);
  std::vector<HistoryEvent> events;
  while (select->executeStep()) {
    events.push_back(HistoryEvent{select->getColumn(0).getInt64(), select->getColumn(1).getString(),
                                  select->getColumn(2).getString(), select->getColumn(3).getString(),
                                  select->getColumn(4).getString(), select->getColumn(5).getString(),
                                  select->getColumn(6).getString()});
  }
  return events;
}

std::vector<ParallelProcess> SqliteReviewStore::ReadParallelProcesses(ReviewId id) {
  Database::Statement select = database_.Prepare(
      "SELECT id, kind, status, holds, owner, notes, created_at, updated_at FROM parallel_processes "
      "WHERE review_id = ? ORDER BY id");
  select->bind(1, id);
  std::vector<ParallelProcess> processes;
  while (select->executeStep()) {
    ParallelProcess process;
    process.id = select->getColumn(0).getInt64();
    process.review_id = id;
    process.kind = select->getColumn(1).getString();
    process.status = select->getColumn(2).getString();
    process.holds = select->getColumn(3).getString();
    process.holds_publication = process.holds == HoldName(Hold::kPublication);
    process.owner = select->getColumn(4).getString();
    process.notes = select->getColumn(5).getString();
    process.created_at = select->getColumn(6).getString();
    process.updated_at = select->getColumn(7).getString();
    processes.push_back(std::move(process));
  }
  return processes;
}

std::vector<Delay> SqliteReviewStore::ReadDelays(ReviewId id) {
  Database::Statement select = database_.Prepare(
      "SELECT checkpoint, previous_due, new_due, reason, recorded_by, recorded_at FROM delays "
      "WHERE review_id = ? ORDER BY id");
  select->bind(1, id);
  std::vector<Delay> delays;
  while (select->executeStep()) {
    delays.push_back(Delay{select->getColumn(0).getString(), ParseStoredDate(select->getColumn(1).getString()),
                           ParseStoredDate(select->getColumn(2).getString()), select->getColumn(3).getString(),
                           select->getColumn(4).getString(), select->getColumn(5).getString()});
  }
  return delays;
}

std::vector<ActionDeadlineRow> SqliteReviewStore::ReadActionDeadlines(ReviewId id) {
  Database::Statement select = database_.Prepare(
      "SELECT id, title, due, status, status_reason, updated_at FROM improvement_actions WHERE review_id = ? ORDER BY id");
  select->bind(1, id);
  std::vector<ActionDeadlineRow> actions;
  while (select->executeStep()) {
    actions.push_back(ActionDeadlineRow{select->getColumn(0).getInt64(), select->getColumn(1).getString(),
                                        ParseStoredDate(select->getColumn(2).getString()),
                                        select->getColumn(3).getString(), select->getColumn(4).getString(),
                                        select->getColumn(5).getString()});
  }
  return actions;
}

std::vector<std::pair<ReviewId, Delay>> SqliteReviewStore::ReadBoardDelays(BoardId board) {
  Database::Statement select = database_.Prepare(
      "SELECT d.review_id, d.checkpoint, d.previous_due, d.new_due, d.reason, d.recorded_by, d.recorded_at "
      "FROM delays d JOIN reviews r ON r.id = d.review_id WHERE r.board_id = ? ORDER BY d.id");
  select->bind(1, board);
  std::vector<std::pair<ReviewId, Delay>> delays;
  while (select->executeStep()) {
    delays.emplace_back(select->getColumn(0).getInt64(),
                        Delay{select->getColumn(1).getString(), ParseStoredDate(select->getColumn(2).getString()),
                              ParseStoredDate(select->getColumn(3).getString()), select->getColumn(4).getString(),
                              select->getColumn(5).getString(), select->getColumn(6).getString()});
  }
  return delays;
}

}  // namespace scr
