#include "engine/backup.h"

#include <sqlite3.h>

#include <filesystem>

#include "store/database.h"
#include "store/event_log.h"
#include "store/snapshot.h"

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

}  // namespace

Status WriteSnapshot(SQLite::Database& source, const std::string& backup_path, const BackupProgress& progress) {
  if (std::filesystem::exists(backup_path)) {
    return Status::Conflict(backup_path + " already exists; choose a new file for the backup");
  }
  try {
    SQLite::Database target(backup_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
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

Status RestoreDatabase(const std::string& backup_path, const std::string& database_path, bool force) {
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
  Result<std::unique_ptr<Database>> checked = Database::Open(backup_path, Database::Mode::kReadOnly);
  if (!checked.ok()) return checked.status();
  Result<std::string> broken = VerifyHistory(**checked);
  if (!broken.ok()) return broken.status();
  if (!broken->empty()) return Status::InvalidArgument(backup_path + " has a broken history: " + *broken);
  try {
    SQLite::Database target(database_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    return CopyPages((*checked)->connection().getHandle(), target.getHandle(), nullptr,
                     "the restore into " + database_path);
  } catch (const std::exception& e) {
    return StorageError(e, "restoring into " + database_path);
  }
}

}  // namespace scr
