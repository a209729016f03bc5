// Online backup and restore of the database: a consistent copy taken while the service runs and writes,
// and a restore that checks what it restores before anything is overwritten.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/status.h"

namespace scr {

// Called after each chunk of pages with the pages copied so far and the total.
using BackupProgress = std::function<void(int64_t copied, int64_t total)>;

// Copies the database at `database_path` to `backup_path` (which must not exist yet), as one consistent
// snapshot: writers carry on meanwhile and what they commit after the snapshot is not in the copy.
Status BackupDatabase(const std::string& database_path, const std::string& backup_path,
                      const BackupProgress& progress = nullptr);

// Restores `backup_path` into `database_path`. Refuses when `database_path` exists unless `force`, and
// refuses a backup that fails SQLite's integrity check or whose history hash chains are broken.
// The history must verify under the history key (`history_key_file`, empty: beside `database_path`); a backup
// whose history is not keyed with it is refused, with or without `force`.
Status RestoreDatabase(const std::string& backup_path, const std::string& database_path, bool force,
                       const std::string& history_key_file = "");

// After a backup to `backup_path`: removes the older backups beside it of the same name pattern (same folder,
// same extension, the same name up to its first digit, then a digit), keeping the `keep` newest by time
// written, and never `backup_path` itself. Returns the files removed.
Result<std::vector<std::string>> RemoveOlderBackups(const std::string& backup_path, int keep);

}  // namespace scr
