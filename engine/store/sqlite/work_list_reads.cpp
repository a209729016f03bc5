// SqliteWorkListStore: the dated items of a board's running reviews.
#include "store/sqlite/read_stores.h"
#include "store/sqlite/stored_values.h"

namespace scr {

std::vector<DatedWorkRow> SqliteWorkListStore::ReadDatedWork(BoardId board, Date horizon,
                                                             const std::optional<std::string>& agency) {
  // Columns: kind (1 request, 2 action, 3 follow-up), id, review, review title, workflow, agency, title, due,
  // status, and the review's pause (since, reason).
  Database::Statement select = database_.Prepare(
      "SELECT 1, q.id, r.id, r.title, r.workflow, q.agency, q.request, q.due, q.status, r.paused_since, r.pause_reason "
      "FROM information_requests q "
      "JOIN reviews r ON r.id = q.review_id WHERE r.board_id = ?1 AND q.status = 'open' AND q.due <= ?2 "
      "AND r.phase NOT IN ('closed', 'not_proceeding') AND (?3 IS NULL OR q.agency = ?3) "
      "UNION ALL SELECT 2, a.id, r.id, r.title, r.workflow, a.owner_agency, a.title, a.due, a.status, r.paused_since, "
      "r.pause_reason "
      "FROM improvement_actions a JOIN reviews r ON r.id = a.review_id WHERE r.board_id = ?1 "
      "AND a.status IN ('not_started', 'in_progress') AND a.due <= ?2 AND r.phase NOT IN ('closed', 'not_proceeding') "
      "AND (?3 IS NULL OR a.owner_agency = ?3) "
      "UNION ALL SELECT 3, f.id, r.id, r.title, r.workflow, a.owner_agency, "
      "'Follow-up check ' || f.after_completion || ' after completion: ' || a.title, f.due, f.status, r.paused_since, "
      "r.pause_reason "
      "FROM follow_ups f JOIN improvement_actions a ON a.id = f.action_id JOIN reviews r ON r.id = f.review_id "
      "WHERE r.board_id = ?1 AND f.status = 'pending' AND f.due <= ?2 AND r.phase NOT IN ('closed', 'not_proceeding') "
      "AND ?3 IS NULL");
  select->bind(1, board);
  select->bind(2, horizon.ToString());
  if (agency) select->bind(3, *agency);
  std::vector<DatedWorkRow> rows;
  while (select->executeStep()) {
    DatedWorkRow row;
    int kind = select->getColumn(0).getInt();
    row.kind = kind == 1   ? DatedWorkRow::Kind::kInformationRequest
               : kind == 2 ? DatedWorkRow::Kind::kAction
                           : DatedWorkRow::Kind::kFollowUp;
    row.id = select->getColumn(1).getInt64();
    row.review = select->getColumn(2).getInt64();
    row.review_title = select->getColumn(3).getString();
    row.workflow = select->getColumn(4).getString();
    row.agency = select->getColumn(5).getString();
    row.title = select->getColumn(6).getString();
    row.due = ParseStoredDate(select->getColumn(7).getString());
    row.status = select->getColumn(8).getString();
    if (!select->getColumn(9).isNull()) row.paused = PauseView{select->getColumn(9).getString(), select->getColumn(10).getString()};
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace scr
