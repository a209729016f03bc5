#include "engine/notifications.h"

#include <algorithm>

#include "engine/calendar.h"
#include "store/sqlite/database.h"

namespace scr {
namespace {

class NotificationsImpl final : public Notifications {
 public:
  explicit NotificationsImpl(std::unique_ptr<Database> database) : database_(std::move(database)) {}

  Result<std::vector<InboxItem>> Inbox(UserId user, bool unread_only, std::optional<int64_t> after,
                                       int limit) override {
    try {
      Database::Statement select = database_->PrepareBuilt(
          std::string(kItemColumns) +
          "WHERE m.user_id = ?1 AND m.channel = 'inbox' "
          "AND (?2 = 0 OR m.read_at IS NULL) AND (?3 IS NULL OR m.id < ?3) ORDER BY m.id DESC LIMIT ?4");
      select->bind(1, user);
      select->bind(2, unread_only ? 1 : 0);
      if (after) select->bind(3, *after);
      select->bind(4, std::clamp(limit, 1, 200));
      std::vector<InboxItem> items;
      while (select->executeStep()) items.push_back(ReadItem(*select));
      return items;
    } catch (const std::exception& e) {
      return StorageError(e, "reading an inbox");
    }
  }

  Result<InboxItem> MarkRead(UserId user, int64_t message, Instant at) override {
    try {
      Database::Statement mark = database_->Prepare(
          "UPDATE messages SET read_at = ? WHERE id = ? AND user_id = ? AND channel = 'inbox' AND read_at IS NULL");
      mark->bind(1, FormatInstant(at));
      mark->bind(2, message);
      mark->bind(3, user);
      mark->exec();
      Database::Statement select = database_->PrepareBuilt(
          std::string(kItemColumns) + "WHERE m.id = ? AND m.user_id = ? AND m.channel = 'inbox'");
      select->bind(1, message);
      select->bind(2, user);
      if (!select->executeStep()) return Status::NotFound("no message " + std::to_string(message) + " in your inbox");
      return ReadItem(*select);
    } catch (const std::exception& e) {
      return StorageError(e, "marking a message read");
    }
  }

  Result<std::vector<Notification>> List(BoardId board, const NotificationFilter& filter) override {
    try {
      Database::Statement select = database_->Prepare(
          "SELECT m.id, m.channel, m.recipient, m.subject, m.state, m.idempotency_key, o.alert_id, o.digest_id, "
          "m.created_at, m.delivered_at, m.next_attempt_at, m.last_error FROM messages m "
          "JOIN outbox o ON o.id = m.outbox_id WHERE o.board_id = ?1 AND (?2 IS NULL OR m.state = ?2) "
          "AND (?3 IS NULL OR m.channel = ?3) AND (?4 IS NULL OR m.id < ?4) ORDER BY m.id DESC LIMIT ?5");
      select->bind(1, board);
      if (filter.state) select->bind(2, *filter.state);
      if (filter.channel) select->bind(3, *filter.channel);
      if (filter.after) select->bind(4, *filter.after);
      select->bind(5, std::clamp(filter.limit, 1, 200));
      std::vector<Notification> list;
      while (select->executeStep()) {
        const SQLite::Statement& row = *select;
        Notification n;
        n.id = row.getColumn(0).getInt64();
        n.channel = row.getColumn(1).getString();
        n.recipient = row.getColumn(2).getString();
        n.subject = row.getColumn(3).getString();
        n.state = row.getColumn(4).getString();
        n.idempotency_key = row.getColumn(5).getString();
        if (!row.getColumn(6).isNull()) n.alert = row.getColumn(6).getInt64();
        if (!row.getColumn(7).isNull()) n.digest = row.getColumn(7).getInt64();
        n.created_at = row.getColumn(8).getString();
        if (!row.getColumn(9).isNull()) n.delivered_at = row.getColumn(9).getString();
        n.next_attempt_at = row.getColumn(10).getString();
        n.last_error = row.getColumn(11).getString();
        list.push_back(std::move(n));
      }
      select->reset();
      Database::Statement attempts = database_->Prepare(
          "SELECT attempted_at, outcome, detail FROM delivery_attempts WHERE message_id = ? ORDER BY id");
      for (Notification& n : list) {
        attempts->reset();
        attempts->bind(1, n.id);
        while (attempts->executeStep()) {
          n.attempts.push_back({attempts->getColumn(0).getString(), attempts->getColumn(1).getString(),
                                attempts->getColumn(2).getString()});
        }
      }
      return list;
    } catch (const std::exception& e) {
      return StorageError(e, "listing notifications");
    }
  }

  Status Retry(BoardId board, int64_t message, Instant at) override {
    try {
      Database::Statement find = database_->Prepare(
          "SELECT m.state FROM messages m JOIN outbox o ON o.id = m.outbox_id WHERE m.id = ? AND o.board_id = ?");
      find->bind(1, message);
      find->bind(2, board);
      if (!find->executeStep()) return Status::NotFound("no notification " + std::to_string(message));
      std::string state = find->getColumn(0).getString();
      find->reset();
      if (state != "dead") {
        return Status::Conflict("notification " + std::to_string(message) + " is " + state + ", not dead");
      }
      Database::Statement retry =
          database_->Prepare("UPDATE messages SET state = 'pending', next_attempt_at = ? WHERE id = ?");
      retry->bind(1, FormatInstant(at));
      retry->bind(2, message);
      retry->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "retrying a notification");
    }
  }

  Result<DeliveryBacklog> Backlog() override {
    try {
      DeliveryBacklog backlog;
      std::optional<std::string> oldest;
      auto count = [&](const char* sql, int64_t* total) {
        Database::Statement select = database_->Prepare(sql);
        select->executeStep();
        *total = select->getColumn(0).getInt64();
        if (!select->getColumn(1).isNull() && (!oldest || select->getColumn(1).getString() < *oldest)) {
          oldest = select->getColumn(1).getString();
        }
      };
      count("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE expanded_at IS NULL", &backlog.queued);
      count("SELECT COUNT(*), MIN(created_at) FROM messages WHERE state = 'pending'", &backlog.pending);
      count("SELECT COUNT(*), NULL FROM messages WHERE state = 'dead'", &backlog.dead);
      if (oldest) {
        Result<Instant> at = ParseInstant(*oldest);
        if (at.ok()) backlog.oldest_undelivered = *at;
      }
      return backlog;
    } catch (const std::exception& e) {
      return StorageError(e, "counting the notifications not yet delivered");
    }
  }

  Status ProbeWrite(Instant at) override {
    try {
      Database::Statement save = database_->Prepare(
          "INSERT INTO service_state (key, value) VALUES ('ready_checked_at', ?) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
      save->bind(1, FormatInstant(at));
      save->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "writing the readiness check");
    }
  }

 private:
  // A message, and the alert and review it tells of (none for a digest).
  static constexpr const char* kItemColumns =
      "SELECT m.id, m.subject, m.body, m.created_at, m.read_at, a.id, a.kind, r.id, r.title FROM messages m "
      "JOIN outbox o ON o.id = m.outbox_id LEFT JOIN alerts a ON a.id = o.alert_id "
      "LEFT JOIN reviews r ON r.id = a.review_id ";

  static InboxItem ReadItem(const SQLite::Statement& row) {
    InboxItem item;
    if (!row.getColumn(5).isNull()) {
      item.alert = row.getColumn(5).getInt64();
      item.alert_kind = row.getColumn(6).getString();
      item.review = row.getColumn(7).getInt64();
      item.review_title = row.getColumn(8).getString();
    }
    item.id = row.getColumn(0).getInt64();
    item.subject = row.getColumn(1).getString();
    item.body = row.getColumn(2).getString();
    item.created_at = row.getColumn(3).getString();
    if (!row.getColumn(4).isNull()) item.read_at = row.getColumn(4).getString();
    return item;
  }

  std::unique_ptr<Database> database_;
};

}  // namespace

Result<std::unique_ptr<Notifications>> Notifications::Open(const std::string& database_path) {
  Result<std::unique_ptr<Database>> database = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  return std::unique_ptr<Notifications>(std::make_unique<NotificationsImpl>(std::move(database).value()));
}

}  // namespace scr
