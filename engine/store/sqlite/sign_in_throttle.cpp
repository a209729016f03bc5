#include "store/sqlite/sign_in_throttle.h"

#include <algorithm>

namespace scr {
namespace {

int64_t Seconds(Instant instant) {
  return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

// Seconds until fewer than `limit` failures of the window remain: until the limit-th most recent one
// leaves it; zero while fewer than `limit` are in it.
int64_t LockedFor(Database::Statement& nth_latest, const std::string& key, int limit, int64_t now) {
  const int64_t window = std::chrono::duration_cast<std::chrono::seconds>(kFailureWindow).count();
  nth_latest->bind(1, key);
  nth_latest->bind(2, now - window);
  nth_latest->bind(3, limit - 1);
  if (!nth_latest->executeStep()) return 0;
  return std::max<int64_t>(1, nth_latest->getColumn(0).getInt64() + window - now);
}

}  // namespace

Throttle CheckThrottle(Database& database, const std::string& email_key, const std::string& client, Instant now) {
  Throttle throttle;
  int64_t at = Seconds(now);
  Database::Statement by_email = database.Prepare(
      "SELECT failed_at FROM sign_in_failures WHERE email_hash = ? AND failed_at > ? ORDER BY failed_at DESC "
      "LIMIT 1 OFFSET ?");
  int64_t email_wait = LockedFor(by_email, email_key, kFailuresPerEmail, at);
  Database::Statement by_client = database.Prepare(
      "SELECT failed_at FROM sign_in_failures WHERE client = ? AND failed_at > ? ORDER BY failed_at DESC "
      "LIMIT 1 OFFSET ?");
  int64_t client_wait = LockedFor(by_client, client, kFailuresPerClient, at);
  if (email_wait == 0 && client_wait == 0) return throttle;
  throttle.retry_after = std::chrono::seconds(std::max(email_wait, client_wait));
  throttle.by = email_wait >= client_wait ? "email address" : "client address";
  return throttle;
}

int64_t RecordAttempt(Database& database, const std::string& email_key, const std::string& client, Instant now) {
  int64_t at = Seconds(now);
  Database::Statement forget_old = database.Prepare("DELETE FROM sign_in_failures WHERE failed_at <= ?");
  forget_old->bind(1, at - std::chrono::duration_cast<std::chrono::seconds>(kFailureWindow).count());
  forget_old->exec();
  Database::Statement insert =
      database.Prepare("INSERT INTO sign_in_failures (email_hash, client, failed_at) VALUES (?, ?, ?)");
  insert->bind(1, email_key);
  insert->bind(2, client);
  insert->bind(3, at);
  insert->exec();
  return database.connection().getLastInsertRowid();
}

void ForgetAttempt(Database& database, int64_t attempt) {
  Database::Statement forget = database.Prepare("DELETE FROM sign_in_failures WHERE id = ?");
  forget->bind(1, attempt);
  forget->exec();
}

}  // namespace scr
