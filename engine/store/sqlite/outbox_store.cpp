#include "engine/outbox.h"

#include <map>

#include "engine/calendar.h"
#include "store/sqlite/digest_body.h"
#include "store/sqlite/database.h"

namespace scr {
namespace {

class OutboxStoreImpl final : public OutboxStore {
 public:
  explicit OutboxStoreImpl(std::unique_ptr<Database> database) : database_(std::move(database)) {}

  Result<std::vector<OutboxEntry>> Unexpanded(size_t limit) override {
    try {
      Database::Statement select = database_->Prepare(
          "SELECT o.id, o.board_id, b.name, o.recipient_role, "
          "a.id, a.kind, a.level, a.checkpoint, a.due, a.scheduled_for, a.fired_late_by_s, a.idempotency_key, "
          "a.review_id, r.title, r.workflow, d.id, d.kind, d.day, d.body "
          "FROM outbox o JOIN boards b ON b.id = o.board_id "
          "LEFT JOIN alerts a ON a.id = o.alert_id LEFT JOIN reviews r ON r.id = a.review_id "
          "LEFT JOIN digests d ON d.id = o.digest_id "
          "WHERE o.expanded_at IS NULL ORDER BY o.id LIMIT ?");
      select->bind(1, static_cast<int64_t>(limit));
      std::vector<OutboxEntry> entries;
      while (select->executeStep()) {
        const SQLite::Statement& row = *select;
        OutboxEntry entry;
        entry.id = row.getColumn(0).getInt64();
        entry.board = row.getColumn(1).getInt64();
        entry.board_name = row.getColumn(2).getString();
        entry.recipient_role = RoleFromName(row.getColumn(3).getText()).value_or(Role::kBusinessUnit);
        if (!row.getColumn(4).isNull()) {
          entry.alert = row.getColumn(4).getInt64();
          entry.alert_kind = AlertKindFromName(row.getColumn(5).getText()).value_or(AlertKind::kReminder);
          entry.level = row.getColumn(6).getInt();
          entry.checkpoint = row.getColumn(7).getString();
          entry.due = row.getColumn(8).getString();
          entry.scheduled_for = row.getColumn(9).getString();
          entry.late_by_s = row.getColumn(10).getInt64();
          entry.alert_key = row.getColumn(11).getString();
          entry.review = row.getColumn(12).getInt64();
          entry.review_title = row.getColumn(13).getString();
          entry.workflow = row.getColumn(14).getString();
        }
        if (!row.getColumn(15).isNull()) {
          entry.digest = row.getColumn(15).getInt64();
          entry.digest_content = DigestFromBody(row.getColumn(16).getString(), row.getColumn(17).getString(),
                                                row.getColumn(18).getString());
        }
        entries.push_back(std::move(entry));
      }
      select->reset();
      // An alert about one agency's item (an action, its follow-up, an information request) reaches only
      // the agency users of that agency; one about a checkpoint, every user of the role.
      Database::Statement users = database_->Prepare(
          "SELECT id, name, email, email_preference FROM users WHERE board_id = ?1 AND (role = ?2 OR "
          "(?3 AND email_preference = 'digest' AND role <> 'agency')) AND (role <> 'agency' OR "
          "instr(?4, '/') = 0 OR agency = CASE "
          "WHEN ?4 LIKE 'action/%' THEN (SELECT owner_agency FROM improvement_actions WHERE id = CAST(substr(?4, 8) AS INTEGER)) "
          "WHEN ?4 LIKE 'information_request/%' THEN (SELECT agency FROM information_requests WHERE id = CAST(substr(?4, 21) AS INTEGER)) "
          "WHEN ?4 LIKE 'follow_up/%' THEN (SELECT a.owner_agency FROM follow_ups f JOIN improvement_actions a "
          "ON a.id = f.action_id WHERE f.id = CAST(substr(?4, 11) AS INTEGER)) END) ORDER BY id");
      for (OutboxEntry& entry : entries) {
        users->reset();
        users->bind(1, entry.board);
        users->bind(2, RoleName(entry.recipient_role));
        users->bind(3, entry.digest_content.kind == DigestKind::kDaily ? 1 : 0);
        users->bind(4, entry.checkpoint);
        while (users->executeStep()) {
          entry.recipients.push_back(
              {users->getColumn(0).getInt64(), users->getColumn(1).getString(), users->getColumn(2).getString(),
               EmailPreferenceFromName(users->getColumn(3).getText()).value_or(EmailPreference::kImmediate)});
        }
      }
      return entries;
    } catch (const std::exception& e) {
      return StorageError(e, "reading the outbox");
    }
  }

  Status Expand(const std::vector<Expansion>& rows, Instant now) override {
    try {
      WriteTransaction transaction(*database_);
      std::string at = FormatInstant(now);
      Database::Statement insert = database_->Prepare(
          "INSERT OR IGNORE INTO messages (outbox_id, channel, user_id, recipient, subject, body, idempotency_key, "
          "state, next_attempt_at, delivered_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      Database::Statement expanded =
          database_->Prepare("UPDATE outbox SET expanded_at = ?, note = ?, state = ? WHERE id = ?");
      for (const Expansion& row : rows) {
        for (const NewMessage& message : row.messages) {
          bool inbox = message.channel == "inbox";  // delivered by being stored
          insert->reset();
          insert->bind(1, row.outbox_id);
          insert->bind(2, message.channel);
          if (message.user) insert->bind(3, *message.user);
          else insert->bind(3);
          insert->bind(4, message.recipient);
          insert->bind(5, message.subject);
          insert->bind(6, message.body);
          insert->bind(7, message.idempotency_key);
          insert->bind(8, inbox ? "delivered" : "pending");
          insert->bind(9, at);
          if (inbox) insert->bind(10, at);
          else insert->bind(10);
          insert->bind(11, at);
          insert->exec();
        }
        expanded->reset();
        expanded->bind(1, at);
        expanded->bind(2, row.messages.empty() ? row.why_none : std::string());
        expanded->bind(3, row.messages.empty() ? "dead" : "delivered");  // handed to its messages, or nobody to tell
        expanded->bind(4, row.outbox_id);
        expanded->exec();
      }
      transaction.Commit();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "making the messages of " + std::to_string(rows.size()) + " outbox rows");
    }
  }

  Result<std::vector<PendingMessage>> Due(Instant now, size_t limit) override {
    try {
      Database::Statement select = database_->Prepare(
          "SELECT id, outbox_id, channel, recipient, subject, body, idempotency_key, attempts FROM messages "
          "WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?");
      select->bind(1, FormatInstant(now));
      select->bind(2, static_cast<int64_t>(limit));
      std::vector<PendingMessage> due;
      while (select->executeStep()) {
        due.push_back({select->getColumn(0).getInt64(), select->getColumn(1).getInt64(),
                       select->getColumn(2).getString(), select->getColumn(3).getString(),
                       select->getColumn(4).getString(), select->getColumn(5).getString(),
                       select->getColumn(6).getString(), select->getColumn(7).getInt()});
      }
      return due;
    } catch (const std::exception& e) {
      return StorageError(e, "reading the messages due");
    }
  }

  Result<std::optional<Instant>> NextAttemptAt() override {
    try {
      Database::Statement select =
          database_->Prepare("SELECT MIN(next_attempt_at) FROM messages WHERE state = 'pending'");
      std::optional<Instant> next;
      if (select->executeStep() && !select->getColumn(0).isNull()) {
        Result<Instant> at = ParseInstant(select->getColumn(0).getText());
        if (at.ok()) next = *at;
      }
      return next;
    } catch (const std::exception& e) {
      return StorageError(e, "reading when the next message is due");
    }
  }

  Status RecordAttempt(int64_t message, Instant at, bool delivered, const std::string& detail,
                       std::optional<Instant> retry_at) override {
    try {
      WriteTransaction transaction(*database_);
      std::string when = FormatInstant(at);
      Database::Statement attempt = database_->Prepare(
          "INSERT INTO delivery_attempts (message_id, attempted_at, outcome, detail) VALUES (?, ?, ?, ?)");
      attempt->bind(1, message);
      attempt->bind(2, when);
      attempt->bind(3, delivered ? "delivered" : "failed");
      attempt->bind(4, detail);
      attempt->exec();
      Database::Statement update = database_->Prepare(
          "UPDATE messages SET attempts = attempts + 1, state = ?, next_attempt_at = ?, delivered_at = ?, "
          "last_error = ? WHERE id = ?");
      update->bind(1, delivered ? "delivered" : retry_at ? "pending" : "dead");
      update->bind(2, retry_at ? FormatInstant(*retry_at) : when);
      if (delivered) update->bind(3, when);
      else update->bind(3);
      update->bind(4, delivered ? std::string() : detail);
      update->bind(5, message);
      update->exec();
      transaction.Commit();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "recording a delivery attempt of message " + std::to_string(message));
    }
  }

 private:
  std::unique_ptr<Database> database_;
};

}  // namespace

Result<std::unique_ptr<OutboxStore>> OutboxStore::Open(const std::string& database_path) {
  Result<std::unique_ptr<Database>> database = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  return std::unique_ptr<OutboxStore>(std::make_unique<OutboxStoreImpl>(std::move(database).value()));
}

}  // namespace scr
