#include "store/sqlite/database.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <ctime>
#include <filesystem>

#include "engine/clock.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/snapshot.h"

namespace scr {

Database::Database(const std::string& path, int flags) : path_(path), connection_(path, flags, 5000) {}

Database::~Database() = default;

void Database::set_history_seal(std::unique_ptr<HistorySeal> seal) { history_seal_ = std::move(seal); }

namespace {
// SQLite's memory statistics take a global mutex on every allocation; nothing here reads them. Must run
// before SQLite initialises itself, so once, before the first connection.
void ConfigureSqliteOnce() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}
}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, Mode mode) {
  ConfigureSqliteOnce();
  int flags = mode == Mode::kReadWrite ? (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) : SQLite::OPEN_READONLY;
  std::unique_ptr<Database> database;
  try {
    database.reset(new Database(path, flags | SQLITE_OPEN_NOMUTEX));
  } catch (const std::exception& e) {
    return Status::Storage("cannot open the database " + path + ": " + e.what() +
                           (mode == Mode::kReadOnly ? "" : "; check the folder exists and is writable"));
  }
  if (Status status = database->Configure(mode); !status.ok()) return status;
  return database;
}

Status Database::Configure(Mode mode) {
  try {
    connection_.exec("PRAGMA foreign_keys = ON");
    connection_.exec("PRAGMA synchronous = FULL");
    connection_.exec("PRAGMA temp_store = MEMORY");  // statement and savepoint journals stay off the disk
    // A modest page cache for every connection; the engine's writer, which holds the busy pages of every
    // review, asks for more (SetCacheKib).
    connection_.exec("PRAGMA cache_size = -8192");
    if (mode == Mode::kReadWrite) {
      std::string journal = connection_.execAndGet("PRAGMA journal_mode = WAL").getString();
      if (journal != "wal") return Status::Storage("the database " + path_ + " cannot use write-ahead logging");
    }
  } catch (const std::exception& e) {
    return StorageError(e, "opening " + path_);
  }
  int version = connection_.execAndGet("PRAGMA user_version").getInt();
  int latest = static_cast<int>(Migrations().size());
  if (version > latest) {
    return Status::Storage("the database " + path_ + " has schema version " + std::to_string(version) +
                           ", newer than this program knows (" + std::to_string(latest) +
                           "); run the scr-tracker release that upgraded it (or a later one); to go back to this "
                           "release, restore the copy kept before that upgrade, " + path_ + ".pre-v" +
                           std::to_string(version) + ".bak (what was written since is lost)");
  }
  if (version < latest) {
    if (mode == Mode::kReadOnly) {
      return Status::Storage("the database " + path_ + " needs upgrading; start scr-tracker serve on it first");
    }
    return Migrate();
  }
  return Status::Ok();
}

Status Database::Migrate() {
  if (Status kept = BackUpBeforeUpgrade(); !kept.ok()) return kept;
  // As SQLite advises for rebuilding a table: foreign keys off while the migrations run (a table that
  // others refer to can then be dropped and its new copy renamed into its place), and every reference
  // checked before the upgrade commits.
  Status migrated = Status::Ok();
  try {
    connection_.exec("PRAGMA foreign_keys = OFF");
    SQLite::Transaction transaction(connection_, SQLite::TransactionBehavior::IMMEDIATE);
    int version = connection_.execAndGet("PRAGMA user_version").getInt();  // re-read under the write lock
    const auto& migrations = Migrations();
    for (int next = version; next < static_cast<int>(migrations.size()); ++next) {
      spdlog::info("database {}: migrating schema to version {}", path_, next + 1);
      connection_.exec(migrations[static_cast<size_t>(next)]);
      connection_.exec("PRAGMA user_version = " + std::to_string(next + 1));
    }
    {
      SQLite::Statement broken(connection_, "PRAGMA foreign_key_check");
      if (broken.executeStep()) {
        migrated = Status::Storage("the database " + path_ + " was not upgraded: a row of " +
                                   broken.getColumn(0).getString() + " refers to a missing row of " +
                                   broken.getColumn(2).getString() + "; restore the latest backup and start again");
      }
    }
    if (migrated.ok()) transaction.commit();
  } catch (const std::exception& e) {
    migrated = StorageError(e, "migrating " + path_);
  }
  try {
    connection_.exec("PRAGMA foreign_keys = ON");
  } catch (const std::exception& e) {
    return StorageError(e, "opening " + path_);
  }
  return migrated;
}

Status Database::BackUpBeforeUpgrade() {
  // In a read transaction of its own: SQLite cannot copy from a connection that holds the write lock.
  int version = 0;
  try {
    SQLite::Transaction snapshot(connection_, SQLite::TransactionBehavior::DEFERRED);
    version = connection_.execAndGet("PRAGMA user_version").getInt();
    if (version == 0 || version >= static_cast<int>(Migrations().size())) return Status::Ok();  // new, or done
    Status copied = CopyBeforeUpgrade(version);
    snapshot.commit();
    return copied;
  } catch (const std::exception& e) {
    return StorageError(e, "copying " + path_ + " before upgrading it");
  }
}

Status Database::CopyBeforeUpgrade(int version) {
  std::string target = path_ + ".pre-v" + std::to_string(Migrations().size()) + ".bak";
  if (std::filesystem::exists(target)) {  // from an earlier upgrade: kept, and this copy goes beside it
    target = path_ + ".pre-v" + std::to_string(Migrations().size()) + "." + std::to_string(std::chrono::system_clock::to_time_t(SystemClock::Instance().Now())) + ".bak";
  }
  spdlog::info("database {}: schema version {} is older than {}; copying it to {} before upgrading", path_, version,
               Migrations().size(), target);
  Status copied = WriteSnapshot(connection_, target, nullptr);
  if (!copied.ok()) {
    return Status::Storage("the database " + path_ + " was not upgraded: the copy kept before an upgrade failed (" +
                           copied.message() + "); make room beside the database and start again");
  }
  return Status::Ok();
}

Database::Statement Database::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(connection_, sql)).first;
  } else {
    it->second->reset();
    it->second->clearBindings();
  }
  return Statement(*it->second);
}

Database::Statement Database::PrepareBuilt(const std::string& sql) {
  auto it = built_statements_.find(sql);
  if (it == built_statements_.end()) {
    it = built_statements_.emplace(sql, std::make_unique<SQLite::Statement>(connection_, sql)).first;
  } else {
    it->second->reset();
    it->second->clearBindings();
  }
  return Statement(*it->second);
}

WriteTransaction::WriteTransaction(Database& database) : database_(database) {
  database_.Prepare("BEGIN IMMEDIATE")->exec();
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    database_.Prepare("ROLLBACK")->exec();
  } catch (const std::exception& e) {
    spdlog::error("database {}: rollback failed: {}", database_.path(), e.what());
  }
}

void WriteTransaction::Commit() {
  database_.Prepare("COMMIT")->exec();
  open_ = false;
}

ReadSnapshot::ReadSnapshot(Database& database) : database_(database) { database_.Prepare("BEGIN")->exec(); }

ReadSnapshot::~ReadSnapshot() {
  try {
    database_.Prepare("COMMIT")->exec();
  } catch (const std::exception& e) {
    spdlog::error("database {}: ending a read failed: {}", database_.path(), e.what());
  }
}

Savepoint::Savepoint(Database& database) : database_(database) { database_.Prepare("SAVEPOINT command")->exec(); }

Savepoint::~Savepoint() {
  if (!open_) return;
  try {
    database_.Prepare("ROLLBACK TO command")->exec();
    database_.Prepare("RELEASE command")->exec();
  } catch (const std::exception& e) {
    spdlog::error("database {}: rollback to savepoint failed: {}", database_.path(), e.what());
  }
}

void Savepoint::Release() {
  database_.Prepare("RELEASE command")->exec();
  open_ = false;
}

Status StorageError(const std::exception& error, const std::string& doing) {
  const auto* sqlite_error = dynamic_cast<const SQLite::Exception*>(&error);
  int code = sqlite_error ? sqlite_error->getErrorCode() : 0;
  spdlog::error("database error while {}: {}", doing, error.what());
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Storage("the database is locked by another process (while " + doing + "); try again shortly");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Storage("the database file is damaged or not a database (while " + doing +
                             "); restore it from a backup");
    case SQLITE_FULL:
      return Status::Storage("the disk is full (while " + doing + "); free some space and try again");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return Status::Storage("the database cannot be written (while " + doing + "); check its permissions");
    default:
      return Status::Storage("the database failed while " + doing + "; nothing was changed");
  }
}

}  // namespace scr
