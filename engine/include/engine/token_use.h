// When each API token was last used, kept without a write per request (reads run at thousands a second).
// The API notes every use; a token's use is written at most once a minute (per process) by a thread of
// its own, beside the engine thread: one small UPDATE per token per minute, so a request never waits for
// the disk or for SQLite's write lock. "Last used" is therefore at most a minute behind, and a crash can
// lose the last minute's; it is real time, whatever clock the service runs on.
// Ownership: owns a writer thread and its connection. Thread-safety: Note() may be called from any thread;
// what is noted is written before destruction returns.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/clock.h"

namespace scr {

class TokenUse {
 public:
  static std::unique_ptr<TokenUse> Create(const std::string& database_path);
  virtual ~TokenUse() = default;
  // The token was used at `at` (real time). Cheap: a look-up under a lock, and a wake-up once a minute.
  virtual void Note(int64_t token_id, Instant at) = 0;
};

}  // namespace scr
