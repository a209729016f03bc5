#include "store/sqlite/scheduler_store.h"

#include "engine/calendar.h"
#include "store/sqlite/digest_body.h"
#include "store/sqlite/history_fingerprint.h"
#include "store/sqlite/scopes.h"

namespace scr {

std::unique_ptr<WriteScope> SqliteSchedulerStore::BeginWrite() {
  return std::make_unique<SqliteWriteScope>(database_);
}

Result<std::string> SqliteSchedulerStore::ReadHistoryFingerprint(BoardId board) {
  return HistoryFingerprint(database_, board);
}

void SqliteSchedulerStore::InsertAlerts(const std::vector<AlertRow>& rows) {
  // Many rows to a statement: a batch of alerts costs far fewer statement runs. The idempotency key
  // (review/ID/checkpoint/KEY/due/DATE/KIND/STEP) is derived from these columns and kept unique by them:
  // an alert stored before is ignored.
  constexpr int kColumns = 12;
  size_t done = 0;
  while (done < rows.size()) {
    size_t count = 1;  // 32, 16, ... 1 rows a statement: a handful of statements to prepare, each kept
    while (count < 32 && done + count * 2 <= rows.size()) count *= 2;
    std::string sql =
        "INSERT OR IGNORE INTO alerts (board_id, review_id, checkpoint, kind, level, step, recipient_role, due, "
        "scheduled_for, fired_at, fired_late_by_s, held) VALUES ";
    for (size_t i = 0; i < count; ++i) sql += i == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?)";
    Database::Statement insert = database_.PrepareBuilt(sql);
    for (size_t i = 0; i < count; ++i) {
      const AlertRow& row = rows[done + i];
      int base = static_cast<int>(i) * kColumns;
      insert->bind(base + 1, row.board);
      insert->bind(base + 2, row.review);
      insert->bindNoCopy(base + 3, row.subject);  // texts outlive the statement's run
      insert->bindNoCopy(base + 4, row.kind);
      insert->bind(base + 5, row.level);
      insert->bind(base + 6, row.step);
      insert->bindNoCopy(base + 7, row.recipient);
      insert->bindNoCopy(base + 8, row.due);
      insert->bindNoCopy(base + 9, row.scheduled_for);
      insert->bindNoCopy(base + 10, row.fired_at);
      insert->bind(base + 11, static_cast<int64_t>(row.late_by_s));
      insert->bind(base + 12, row.hold ? 1 : 0);
    }
    insert->exec();
    done += count;
  }
}

int64_t SqliteSchedulerStore::LastAlertId() {
  Database::Statement last = database_.Prepare("SELECT IFNULL(MAX(id), 0) FROM alerts");
  last->executeStep();
  return last->getColumn(0).getInt64();
}

std::vector<FiredAlertSteps> SqliteSchedulerStore::ReadFiredAlertSteps() {
  std::vector<FiredAlertSteps> fired;
  SQLite::Statement select(database_.connection(),
                           "SELECT review_id, checkpoint, due, MAX(step) FROM alerts "
                           "WHERE kind <> 'deadline_extended' GROUP BY review_id, checkpoint, due");
  while (select.executeStep()) {
    fired.push_back({select.getColumn(0).getInt64(), select.getColumn(1).getString(), select.getColumn(2).getString(),
                     select.getColumn(3).getInt()});
  }
  return fired;
}

std::vector<std::pair<ReviewId, std::string>> SqliteSchedulerStore::ReadTimescaleAlertsTold() {
  std::vector<std::pair<ReviewId, std::string>> told;
  SQLite::Statement select(database_.connection(), "SELECT review_id, kind FROM alerts WHERE checkpoint = 'timescale'");
  while (select.executeStep()) told.emplace_back(select.getColumn(0).getInt64(), select.getColumn(1).getString());
  return told;
}

// The one place the engine adds to the outbox, the notifier's queue: every row names an alert or a digest,
// the board, the role it is for and when it was queued. `rows` is the SELECT that gives them, in order.
Database::Statement SqliteSchedulerStore::PrepareOutboxInsert(const char* rows) {
  return database_.PrepareBuilt(
      std::string("INSERT INTO outbox (alert_id, digest_id, board_id, recipient_role, created_at) ") + rows);
}

void SqliteSchedulerStore::QueueAlertsAfter(int64_t alerts_after) {
  // New rows take ids above every earlier one (an INTEGER PRIMARY KEY without AUTOINCREMENT).
  Database::Statement queue = PrepareOutboxInsert("SELECT id, NULL, board_id, recipient_role, fired_at FROM alerts WHERE id > ? AND held = 0 ORDER BY id");
  queue->bind(1, alerts_after);
  queue->exec();
}

void SqliteSchedulerStore::QueueHeldAlerts(BoardId board) {
  Database::Statement queue = PrepareOutboxInsert("SELECT id, NULL, board_id, recipient_role, fired_at FROM alerts WHERE held = 1 AND board_id = ? ORDER BY id");
  queue->bind(1, board);
  queue->exec();
  Database::Statement release = database_.Prepare("UPDATE alerts SET held = 0 WHERE held = 1 AND board_id = ?");
  release->bind(1, board);
  release->exec();
}

void SqliteSchedulerStore::QueueDigest(int64_t digest, BoardId board, const std::vector<Role>& recipients,
                                       Instant at) {
  Database::Statement queue = PrepareOutboxInsert("SELECT NULL, ?, ?, ?, ?");
  std::string created_at = FormatInstant(at);
  for (Role role : recipients) {
    queue->bind(1, digest);
    queue->bind(2, board);
    queue->bindNoCopy(3, RoleName(role));
    queue->bindNoCopy(4, created_at);
    queue->exec();
    queue->reset();
  }
}

std::optional<LastDigest> SqliteSchedulerStore::ReadLastDailyDigest(BoardId board) {
  Database::Statement last = database_.Prepare(
      "SELECT day, fired_at, alerts_through FROM digests WHERE board_id = ? AND kind = 'daily' "
      "ORDER BY scheduled_for DESC LIMIT 1");
  last->bind(1, board);
  if (!last->executeStep()) return std::nullopt;
  return LastDigest{last->getColumn(0).getString(), last->getColumn(1).getString(), last->getColumn(2).getInt64()};
}

int64_t SqliteSchedulerStore::ReadBecameOverdue(BoardId board, int64_t alerts_after, size_t listed,
                                                DigestList& out) {
  Database::Statement became_overdue = database_.Prepare(
      "SELECT id, review_id, checkpoint, due FROM alerts WHERE id > ? AND +board_id = ? AND kind = 'overdue' "
      "ORDER BY id");  // by id from the last digest's: the unary + keeps SQLite off the board index
  became_overdue->bind(1, alerts_after);
  became_overdue->bind(2, board);
  int64_t last = alerts_after;
  while (became_overdue->executeStep()) {
    last = became_overdue->getColumn(0).getInt64();
    if (++out.total > static_cast<int64_t>(listed)) continue;
    DigestItem item;
    item.review = became_overdue->getColumn(1).getInt64();
    item.checkpoint = became_overdue->getColumn(2).getString();
    item.due = became_overdue->getColumn(3).getString();
    out.items.push_back(std::move(item));
  }
  return last;
}

void SqliteSchedulerStore::ReadDeadlinesMoved(BoardId board, const std::string& since, const std::string& until,
                                              size_t listed, DigestList& out) {
  Database::Statement delays = database_.Prepare(
      "SELECT d.review_id, d.checkpoint, d.previous_due, d.new_due, d.reason, d.recorded_by FROM delays d "
      "JOIN reviews r ON r.id = d.review_id WHERE r.board_id = ? AND d.recorded_at > ? AND d.recorded_at <= ? "
      "ORDER BY d.id");
  delays->bind(1, board);
  delays->bindNoCopy(2, since);
  delays->bindNoCopy(3, until);
  while (delays->executeStep()) {
    if (++out.total > static_cast<int64_t>(listed)) continue;
    DigestItem item;
    item.review = delays->getColumn(0).getInt64();
    item.checkpoint = delays->getColumn(1).getString();
    item.previous_due = delays->getColumn(2).getString();
    item.due = delays->getColumn(3).getString();
    item.reason = delays->getColumn(4).getString();
    item.recorded_by = delays->getColumn(5).getString();
    out.items.push_back(std::move(item));
  }
}

int64_t SqliteSchedulerStore::StoreDigest(BoardId board, const Digest& digest, Instant scheduled_for,
                                          Instant fired_at, size_t items, int64_t alerts_through) {
  Database::Statement insert = database_.Prepare(
      "INSERT OR IGNORE INTO digests (board_id, kind, day, scheduled_for, fired_at, fired_late_by_s, item_count, "
      "body, alerts_through) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, board);
  insert->bindNoCopy(2, DigestKindName(digest.kind));
  insert->bind(3, digest.day);
  insert->bind(4, FormatInstant(scheduled_for));
  insert->bind(5, FormatInstant(fired_at));
  insert->bind(6, static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(fired_at - scheduled_for).count()));
  insert->bind(7, static_cast<int64_t>(items));
  insert->bind(8, DigestBody(digest));
  insert->bind(9, alerts_through);
  if (insert->exec() == 0) return 0;  // this digest went out before
  return database_.connection().getLastInsertRowid();
}

std::vector<std::pair<BoardId, int64_t>> SqliteSchedulerStore::ReadHeldAlertCounts() {
  std::vector<std::pair<BoardId, int64_t>> boards;
  Database::Statement held = database_.Prepare("SELECT board_id, COUNT(*) FROM alerts WHERE held = 1 GROUP BY board_id");
  while (held->executeStep()) boards.emplace_back(held->getColumn(0).getInt64(), held->getColumn(1).getInt64());
  return boards;
}

void SqliteSchedulerStore::ReadHeldAlerts(BoardId board, size_t listed, Digest& catch_up,
                                          std::set<Role>& recipients) {
  Database::Statement list = database_.Prepare(
      "SELECT review_id, checkpoint, kind, level, due, recipient_role, scheduled_for FROM alerts "
      "WHERE held = 1 AND board_id = ? ORDER BY scheduled_for, id");
  list->bind(1, board);
  while (list->executeStep()) {
    DigestItem item;
    item.review = list->getColumn(0).getInt64();
    item.checkpoint = list->getColumn(1).getString();
    item.alert_kind = list->getColumn(2).getString();
    item.level = list->getColumn(3).getInt();
    item.due = list->getColumn(4).getString();
    item.recipient_role = list->getColumn(5).getString();
    item.scheduled_for = list->getColumn(6).getString();
    ++catch_up.counts[item.alert_kind];
    if (std::optional<Role> role = RoleFromName(item.recipient_role)) recipients.insert(*role);
    if (catch_up.fell_due_from.empty()) catch_up.fell_due_from = item.scheduled_for;
    if (catch_up.alerts.items.size() < listed) catch_up.alerts.items.push_back(std::move(item));
  }
}

void SqliteSchedulerStore::MarkHeldAlertsTold(BoardId board, int64_t digest) {
  Database::Statement release =
      database_.Prepare("UPDATE alerts SET held = 0, digest_id = ? WHERE held = 1 AND board_id = ?");
  release->bind(1, digest);
  release->bind(2, board);
  release->exec();
}

}  // namespace scr
