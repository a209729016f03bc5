// What the notifier sent, as the API shows it: a user's in-app inbox (read and unread), and the audit
// of every message of a board with its attempts; dead messages can be sent again on an admin's request.
// Ownership: owns one connection. Thread-safety: none; one instance per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"

namespace scr {

struct InboxItem {
  int64_t id = 0;
  std::string subject;
  std::string body;
  std::string created_at;
  std::optional<std::string> read_at;
  // The alert it tells of, and its review; none for a digest.
  std::optional<int64_t> alert;
  std::string alert_kind;
  int64_t review = 0;
  std::string review_title;
};

struct DeliveryAttempt {
  std::string attempted_at;
  std::string outcome;  // delivered, failed
  std::string detail;
};

struct Notification {
  int64_t id = 0;
  std::string channel;  // email, webhook, inbox
  std::string recipient;
  std::string subject;
  std::string state;  // pending, delivered, dead
  std::string idempotency_key;
  std::optional<int64_t> alert;
  std::optional<int64_t> digest;
  std::string created_at;
  std::optional<std::string> delivered_at;
  std::string next_attempt_at;
  std::string last_error;
  std::vector<DeliveryAttempt> attempts;
};

struct NotificationFilter {
  std::optional<std::string> state;
  std::optional<std::string> channel;
  std::optional<int64_t> after;  // the cursor: the last id of the previous page (newest first)
  int limit = 50;
};

// What is still to be delivered, for the readiness check: queued rows not yet made into messages, and
// messages not yet delivered (pending, retrying), with the oldest of either.
struct DeliveryBacklog {
  int64_t queued = 0;   // outbox rows not yet made into messages
  int64_t pending = 0;  // messages waiting for their first or next attempt
  int64_t dead = 0;     // messages given up on, until an admin retries them
  std::optional<Instant> oldest_undelivered;
};

class Notifications {
 public:
  static Result<std::unique_ptr<Notifications>> Open(const std::string& database_path);
  virtual ~Notifications() = default;

  // The user's inbox, newest first; `unread_only` leaves out what was read.
  virtual Result<std::vector<InboxItem>> Inbox(UserId user, bool unread_only, std::optional<int64_t> after,
                                               int limit) = 0;
  // NotFound unless the message is in that user's inbox; reading twice keeps the first time.
  virtual Result<InboxItem> MarkRead(UserId user, int64_t message, Instant at) = 0;
  // The board's messages, newest first, each with its attempts.
  virtual Result<std::vector<Notification>> List(BoardId board, const NotificationFilter& filter) = 0;
  // A dead message of the board goes back to pending, due now. NotFound for another board's message,
  // Conflict unless it is dead.
  virtual Status Retry(BoardId board, int64_t message, Instant at) = 0;
  virtual Result<DeliveryBacklog> Backlog() = 0;
  // Proves the database takes writes: stores `at` as the time of the last readiness check.
  virtual Status ProbeWrite(Instant at) = 0;
};

}  // namespace scr
