// Failed sign-ins, counted over the last 15 minutes of real time per email address (by its hash) and per
// client address, in the database so that a restart does not lift a lockout. Private to the engine; every
// function runs inside the caller's write transaction, so that the check and the record of an attempt are
// one step even when many attempts arrive at once.
#pragma once

#include <chrono>
#include <string>

#include "engine/clock.h"
#include "store/sqlite/database.h"

namespace scr {

inline constexpr int kFailuresPerEmail = 10;
inline constexpr int kFailuresPerClient = 50;
inline constexpr std::chrono::minutes kFailureWindow{15};

struct Throttle {
  std::chrono::seconds retry_after{0};  // zero: the attempt may be checked now
  std::string by;                       // what is locked out: "email address" or "client address"
};

// Whether an attempt for `email_key` from `client` must be refused unchecked, and for how long: until
// fewer than the limit of failures remain within the window.
Throttle CheckThrottle(Database& database, const std::string& email_key, const std::string& client, Instant now);
// Records the attempt as failed before its password is checked (attempts made at once count at once), and
// lets failures older than the window go; returns the attempt's id, to forget when it succeeds.
int64_t RecordAttempt(Database& database, const std::string& email_key, const std::string& client, Instant now);
void ForgetAttempt(Database& database, int64_t attempt);

}  // namespace scr
