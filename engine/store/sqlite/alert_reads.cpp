// SqliteAlertReadStore: a board's alerts, each with the titles of its review and of what it is about, and a
// deadline_extended alert with its extension's reason; and what fired since a mark.
#include "store/sqlite/read_stores.h"

namespace scr {
namespace {

// The title of an alert's subject: an item's ("action/12") from its register, the review's overall
// timescale by name; empty for a checkpoint (its title is in the review's workflow).
const char* const kSubjectTitle =
    "CASE "
    "WHEN a.checkpoint = 'timescale' THEN 'The review''s overall timescale' "
    "WHEN a.checkpoint LIKE 'action/%' THEN (SELECT title FROM improvement_actions "
    "  WHERE id = CAST(substr(a.checkpoint, 8) AS INTEGER)) "
    "WHEN a.checkpoint LIKE 'follow_up/%' THEN (SELECT 'Follow-up of: ' || i.title FROM follow_ups f "
    "  JOIN improvement_actions i ON i.id = f.action_id WHERE f.id = CAST(substr(a.checkpoint, 11) AS "
    "INTEGER)) "
    "WHEN a.checkpoint LIKE 'information_request/%' THEN (SELECT 'Information from ' || agency || ': ' || "
    "request "
    "  FROM information_requests WHERE id = CAST(substr(a.checkpoint, 21) AS INTEGER)) "
    "END";

// The extension a deadline_extended alert tells of: the latest delay of its checkpoint to its due date.
const char* const kExtension =
    "(SELECT d.reason || char(31) || d.previous_due FROM delays d WHERE a.kind = 'deadline_extended' "
    "  AND d.review_id = a.review_id AND d.checkpoint = a.checkpoint AND d.new_due = a.due "
    "  ORDER BY d.id DESC LIMIT 1)";

// Every column ReadAlert reads, ending in FROM: the caller adds WHERE and ORDER BY over `a`.
std::string AlertSelect() {
  return std::string(
             "SELECT a.id, a.review_id, a.checkpoint, a.kind, a.level, a.recipient_role, a.due, "
             "a.scheduled_for, a.fired_at, a.fired_late_by_s, a.status, a.acknowledged_by, "
             "a.acknowledged_at, r.title, r.workflow, ") +
         kSubjectTitle + ", " + kExtension + " FROM alerts a JOIN reviews r ON r.id = a.review_id ";
}

StoredAlert ReadAlert(SQLite::Statement& select) {
  StoredAlert stored;
  Alert& alert = stored.alert;
  alert.id = select.getColumn(0).getInt64();
  alert.review = select.getColumn(1).getInt64();
  alert.checkpoint = select.getColumn(2).getString();
  alert.kind = select.getColumn(3).getString();
  alert.level = select.getColumn(4).getInt();
  alert.recipient_role = select.getColumn(5).getString();
  alert.due = select.getColumn(6).getString();
  alert.scheduled_for = select.getColumn(7).getString();
  alert.fired_at = select.getColumn(8).getString();
  alert.fired_late_by_s = select.getColumn(9).getInt64();
  alert.status = select.getColumn(10).getString();
  alert.acknowledged_by = select.getColumn(11).getString();
  alert.acknowledged_at = select.getColumn(12).getString();
  alert.review_title = select.getColumn(13).getString();
  stored.workflow = select.getColumn(14).getString();
  alert.subject_title = select.getColumn(15).getString();
  std::string extension = select.getColumn(16).getString();
  if (size_t split = extension.find('\x1f'); split != std::string::npos) {
    alert.reason = extension.substr(0, split);
    alert.previous_due = extension.substr(split + 1);
  }
  return stored;
}

int64_t Count(Database& database, const char* sql, BoardId board, int64_t after) {
  Database::Statement count = database.Prepare(sql);
  count->bind(1, board);
  count->bind(2, after);
  return count->executeStep() ? count->getColumn(0).getInt64() : 0;
}

}  // namespace

std::vector<StoredAlert> SqliteAlertReadStore::ReadAlerts(BoardId board, const AlertFilter& filter, int count) {
  static const std::string kSql =
      AlertSelect() +
      "WHERE a.board_id = ?1 AND (?2 IS NULL OR a.status = ?2) AND (?3 IS NULL OR a.review_id = ?3) "
      "AND (?4 IS NULL OR a.level = ?4) AND (?5 IS NULL OR a.recipient_role = ?5) AND (?6 IS NULL OR a.id < ?6) "
      "ORDER BY a.id DESC LIMIT ?7";
  Database::Statement select = database_.PrepareBuilt(kSql);
  select->bind(1, board);
  if (filter.status) select->bind(2, *filter.status);
  if (filter.review) select->bind(3, *filter.review);
  if (filter.level) select->bind(4, *filter.level);
  if (filter.role) select->bind(5, RoleName(*filter.role));
  if (filter.after) select->bind(6, *filter.after);
  select->bind(7, count);
  std::vector<StoredAlert> alerts;
  while (select->executeStep()) alerts.push_back(ReadAlert(*select));
  return alerts;
}

FiredMark SqliteAlertReadStore::ReadFiredMark() {
  Database::Statement select = database_.Prepare(
      "SELECT (SELECT IFNULL(MAX(id), 0) FROM alerts), (SELECT IFNULL(MAX(id), 0) FROM digests), "
      "(SELECT IFNULL(MAX(id), 0) FROM outbox)");
  select->executeStep();
  return FiredMark{select->getColumn(0).getInt64(), select->getColumn(1).getInt64(), select->getColumn(2).getInt64()};
}

std::vector<AlertKindCount> SqliteAlertReadStore::CountAlertsSince(BoardId board, int64_t alert) {
  Database::Statement kinds = database_.Prepare(
      "SELECT kind, COUNT(*), SUM(recipient_role = 'chair') FROM alerts WHERE board_id = ? AND id > ? "
      "GROUP BY kind");
  kinds->bind(1, board);
  kinds->bind(2, alert);
  std::vector<AlertKindCount> counts;
  while (kinds->executeStep()) {
    counts.push_back(AlertKindCount{kinds->getColumn(0).getString(), kinds->getColumn(1).getInt64(),
                                    kinds->getColumn(2).getInt64()});
  }
  return counts;
}

int64_t SqliteAlertReadStore::CountDigestsSince(BoardId board, int64_t digest) {
  return Count(database_, "SELECT COUNT(*) FROM digests WHERE board_id = ? AND id > ? AND item_count > 0", board,
               digest);
}

int64_t SqliteAlertReadStore::CountMessagesSince(BoardId board, int64_t outbox) {
  return Count(database_, "SELECT COUNT(*) FROM outbox WHERE board_id = ? AND id > ?", board, outbox);
}

std::vector<StoredAlert> SqliteAlertReadStore::ReadAlertsSince(BoardId board, int64_t alert, int count) {
  static const std::string kSql = AlertSelect() + "WHERE a.board_id = ? AND a.id > ? ORDER BY a.id LIMIT ?";
  Database::Statement select = database_.PrepareBuilt(kSql);
  select->bind(1, board);
  select->bind(2, alert);
  select->bind(3, count);
  std::vector<StoredAlert> alerts;
  while (select->executeStep()) alerts.push_back(ReadAlert(*select));
  return alerts;
}

}  // namespace scr
