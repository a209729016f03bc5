// The secret that keys every review's history chain (HMAC-SHA256): 32 random bytes in a file of its own,
// outside the database, so that someone who has only the database file (or a backup of it) cannot
// recompute a chain after changing a row. Plain value; thread-safe to copy and read.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "engine/status.h"

namespace scr {

struct HistoryKey {
  std::array<uint8_t, 32> bytes{};
  std::string file;          // where it was read from, for messages
  bool created_now = false;  // this process made the file: nothing can have been keyed with it before
};

// Where the key lives when the config does not say: beside the database, `<database>.history-key`, so
// that `serve`, `demo` and every `admin` command given the same --db find the same key without being
// told, and a backup copied elsewhere leaves the key behind.
std::string DefaultHistoryKeyFile(const std::string& database_path);

// `configured` when given, else DefaultHistoryKeyFile(database_path).
std::string HistoryKeyFile(const std::string& configured, const std::string& database_path);

// Reads the key; creates it (mode 0600, 32 random bytes) when the file does not exist. An unreadable file,
// or one that does not hold exactly 32 bytes, is an InvalidArgument that names the file.
Result<HistoryKey> LoadHistoryKey(const std::string& file);

}  // namespace scr
