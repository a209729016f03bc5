// The outbox as the notifier sees it. The engine queues an alert or a digest for a role of a board;
// here each queued row becomes one message per recipient and channel, and each message is delivered at
// least once, with every attempt recorded. Nothing is deleted.
// Ownership: owns one connection. Thread-safety: none; the notifier's thread uses it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/alert_kind.h"
#include "engine/clock.h"
#include "engine/digest.h"
#include "engine/model.h"
#include "engine/roles.h"
#include "engine/status.h"

namespace scr {

struct Recipient {
  UserId user = 0;
  std::string name;
  std::string email;
  EmailPreference email_preference = EmailPreference::kImmediate;
};

// One queued row with what a message about it needs. An alert's fields, or a digest's.
struct OutboxEntry {
  int64_t id = 0;
  BoardId board = 0;
  std::string board_name;
  Role recipient_role = Role::kBusinessUnit;
  // The board's users with that role; for a daily digest also those who take their alerts by digest
  // (any role that may read the board's reviews).
  std::vector<Recipient> recipients;
  // An alert:
  std::optional<int64_t> alert;
  AlertKind alert_kind = AlertKind::kReminder;
  int level = 0;
  std::string checkpoint;  // the workflow's key
  std::string due;
  std::string scheduled_for;
  int64_t late_by_s = 0;
  std::string alert_key;  // the alert's idempotency key
  ReviewId review = 0;
  std::string review_title;
  std::string workflow;
  // A digest:
  std::optional<int64_t> digest;
  Digest digest_content;
};

struct NewMessage {
  std::string channel;  // email, webhook, inbox
  std::optional<UserId> user;
  std::string recipient;
  std::string subject;
  std::string body;
  std::string idempotency_key;
};

struct PendingMessage {
  int64_t id = 0;
  int64_t outbox_id = 0;
  std::string channel;
  std::string recipient;
  std::string subject;
  std::string body;
  std::string idempotency_key;
  int attempts = 0;  // before this one
};

class OutboxStore {
 public:
  static Result<std::unique_ptr<OutboxStore>> Open(const std::string& database_path);
  virtual ~OutboxStore() = default;

  // Queued rows not yet made into messages, oldest first.
  virtual Result<std::vector<OutboxEntry>> Unexpanded(size_t limit) = 0;
  // The messages of one queued row; with none (nobody to tell), the row is noted with `why_none`.
  struct Expansion {
    int64_t outbox_id = 0;
    std::vector<NewMessage> messages;
    std::string why_none;
  };
  // Stores the messages of several queued rows in one transaction (one lock, one sync, however many rows);
  // inbox messages are delivered as they are stored.
  virtual Status Expand(const std::vector<Expansion>& rows, Instant now) = 0;
  // Messages whose next attempt is due by `now`, earliest first.
  virtual Result<std::vector<PendingMessage>> Due(Instant now, size_t limit) = 0;
  // When the next pending message is due, if any.
  virtual Result<std::optional<Instant>> NextAttemptAt() = 0;
  // Records one attempt. A failure waits until `retry_at`; without one the message is dead (kept, shown
  // to admins, retried on request).
  virtual Status RecordAttempt(int64_t message, Instant at, bool delivered, const std::string& detail,
                               std::optional<Instant> retry_at) = 0;
};

}  // namespace scr
