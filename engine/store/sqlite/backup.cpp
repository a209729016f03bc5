#include "engine/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "engine/history_key.h"

#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/history_keying.h"
#include "store/sqlite/snapshot.h"

namespace scr {
namespace {

constexpr int kPagesPerStep = 1024;

// Copies every page of `source` into `target` through SQLite's backup API, in steps, with progress.
Status CopyPages(sqlite3* source, sqlite3* target, const BackupProgress& progress, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (!backup) return Status::Storage(what + ": " + sqlite3_errmsg(target));
  int result = SQLITE_OK;
  do {
    result = sqlite3_backup_step(backup, kPagesPerStep);
    int total = sqlite3_backup_pagecount(backup);
    if (progress) progress(total - sqlite3_backup_remaining(backup), total);
    if (result == SQLITE_BUSY || result == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (result == SQLITE_OK || result == SQLITE_BUSY || result == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (result != SQLITE_DONE) return Status::Storage(what + " failed: " + sqlite3_errstr(result));
  return Status::Ok();
}

// The file made empty with mode 0600 before SQLite writes into it: a copy of the database is as private as
// the database, whatever the umask.
Status CreatePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Status::Conflict(path + " already exists; choose a new file for the backup");
    return Status::Storage("cannot create " + path + ": " + std::strerror(errno) + "; check the folder");
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace

Status WriteSnapshot(SQLite::Database& source, const std::string& backup_path, const BackupProgress& progress) {
  if (std::filesystem::exists(backup_path)) {
    return Status::Conflict(backup_path + " already exists; choose a new file for the backup");
  }
  if (Status created = CreatePrivateFile(backup_path); !created.ok()) return created;
  try {
    SQLite::Database target(backup_path, SQLite::OPEN_READWRITE);
    Status copied = CopyPages(source.getHandle(), target.getHandle(), progress, "the backup to " + backup_path);
    if (!copied.ok()) {
      std::error_code ignored;
      std::filesystem::remove(backup_path, ignored);
    }
    return copied;
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(backup_path, ignored);
    return StorageError(e, "backing up to " + backup_path);
  }
}

Status BackupDatabase(const std::string& database_path, const std::string& backup_path,
                      const BackupProgress& progress) {
  if (std::filesystem::exists(backup_path)) {
    return Status::Conflict(backup_path + " already exists; choose a new file for the backup");
  }
  Result<std::unique_ptr<Database>> source = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!source.ok()) return source.status();
  try {
    // One read transaction for the whole copy: every page comes from the same snapshot, and writers in
    // WAL mode are not held up.
    SQLite::Database& connection = (*source)->connection();
    connection.exec("BEGIN");
    connection.execAndGet("SELECT COUNT(*) FROM sqlite_master");
    Status copied = WriteSnapshot(connection, backup_path, progress);
    connection.exec("COMMIT");
    return copied;
  } catch (const std::exception& e) {
    return StorageError(e, "backing up to " + backup_path);
  }
}

Result<std::vector<std::string>> RemoveOlderBackups(const std::string& backup_path, int keep) {
  namespace fs = std::filesystem;
  fs::path written(backup_path);
  std::string name = written.filename().string();
  size_t digit = name.find_first_of("0123456789");
  if (digit == std::string::npos) {
    return Status::InvalidArgument("--keep needs a backup name that carries its date, e.g. scr-2026-11-22.db, so "
                                   "that older backups of the same name can be told apart");
  }
  std::string prefix = name.substr(0, digit), extension = written.extension().string();
  fs::path folder = written.has_parent_path() ? written.parent_path() : fs::path(".");
  std::vector<std::pair<fs::file_time_type, fs::path>> backups;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    std::string other = entry.path().filename().string();
    if (!entry.is_regular_file() || other.size() <= prefix.size() || other.compare(0, prefix.size(), prefix) != 0 ||
        !std::isdigit(static_cast<unsigned char>(other[prefix.size()])) || entry.path().extension() != extension) {
      continue;
    }
    backups.emplace_back(entry.last_write_time(), entry.path());
  }
  if (error) return Status::Storage("cannot list " + folder.string() + ": " + error.message());
  std::sort(backups.begin(), backups.end(), [](const auto& a, const auto& b) { return a > b; });  // newest first
  std::vector<std::string> removed;
  for (size_t i = static_cast<size_t>(std::max(keep, 1)); i < backups.size(); ++i) {
    if (fs::equivalent(backups[i].second, written, error)) continue;  // never the one just written
    if (fs::remove(backups[i].second, error)) removed.push_back(backups[i].second.string());
  }
  return removed;
}

Status RestoreDatabase(const std::string& backup_path, const std::string& database_path, bool force,
                       const std::string& history_key_file) {
  if (!std::filesystem::exists(backup_path)) return Status::NotFound("no backup file " + backup_path);
  if (std::filesystem::exists(database_path) && !force) {
    return Status::Conflict(database_path + " exists; stop the service and add --force to replace it");
  }
  try {
    SQLite::Database backup(backup_path, SQLite::OPEN_READONLY);
    std::string integrity = backup.execAndGet("PRAGMA integrity_check").getString();
    if (integrity != "ok") return Status::InvalidArgument(backup_path + " is damaged: " + integrity);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(backup_path + " is not a database backup: " + e.what());
  }
  std::string key_file = HistoryKeyFile(history_key_file, database_path);
  if (!std::filesystem::exists(key_file)) {
    return Status::InvalidArgument("no history key at " + key_file + ": restore the key file beside the database "
                                   "(or give --config with history.key_file) before restoring a backup");
  }
  Result<HistoryKey> key = LoadHistoryKey(key_file);
  if (!key.ok()) return key.status();
  Result<std::unique_ptr<Database>> checked = Database::Open(backup_path, Database::Mode::kReadOnly);
  if (!checked.ok()) return checked.status();
  if (Status keyed = AttachHistoryKey(**checked, *key, Keying::kCheckOnly); !keyed.ok()) {
    return Status::InvalidArgument(backup_path + " was not restored: " + keyed.message() +
                                   ". A backup from before the history was keyed is restored by hand: stop the "
                                   "service, copy it over the database, run `scr-tracker admin key-history`, start");
  }
  Result<std::string> broken = VerifyHistory(**checked);
  if (!broken.ok()) return broken.status();
  if (!broken->empty()) return Status::InvalidArgument(backup_path + " has a broken history: " + *broken);
  if (!std::filesystem::exists(database_path)) {
    if (Status created = CreatePrivateFile(database_path); !created.ok()) return created;
  }
  try {
    SQLite::Database target(database_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    return CopyPages((*checked)->connection().getHandle(), target.getHandle(), nullptr,
                     "the restore into " + database_path);
  } catch (const std::exception& e) {
    return StorageError(e, "restoring into " + database_path);
  }
}

}  // namespace scr
