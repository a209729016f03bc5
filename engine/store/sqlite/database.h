// One SQLite connection with the project's settings (WAL, foreign keys, busy timeout, full sync),
// migrated to the current schema when opened for writing, and a cache of prepared statements.
// Private to the engine. Not thread-safe: one connection per thread.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "engine/status.h"
#include "store/storage_error.h"

namespace scr {

class HistorySeal;

class Database {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // kReadWrite creates the file if needed and migrates it; kReadOnly refuses a missing or older database.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, Mode mode);
  ~Database();

  SQLite::Database& connection() { return connection_; }
  // The prepared statement for `sql`, with its bindings cleared; reset again when the returned handle
  // goes out of scope, so that no read stays open between uses. `sql` must be a string literal:
  // statements are cached by the literal's address.
  class Statement;
  Statement Prepare(const char* sql);
  // The same for SQL built at run time (e.g. a multi-row insert of N rows), cached by its text.
  Statement PrepareBuilt(const std::string& sql);
  const std::string& path() const { return path_; }
  // The page cache of this connection, in KiB (8 MiB unless set).
  void SetCacheKib(int kib) { connection_.exec("PRAGMA cache_size = -" + std::to_string(kib)); }
  // The history key's HMAC context (store/sqlite/history_keying.h attaches it); null until then.
  HistorySeal* history_seal() { return history_seal_.get(); }
  void set_history_seal(std::unique_ptr<HistorySeal> seal);

 private:
  Database(const std::string& path, int flags);
  Status Configure(Mode mode);
  Status Migrate();
  // Before migrating a database that holds data: a copy of it beside it, <path>.pre-v<latest>.bak.
  Status BackUpBeforeUpgrade();
  Status CopyBeforeUpgrade(int version);

  std::string path_;
  SQLite::Database connection_;
  std::unique_ptr<HistorySeal> history_seal_;
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> built_statements_;
};

// A cached prepared statement in use; resets it on destruction (an unfinished SELECT would otherwise
// keep its read snapshot open and make the next write on this connection fail as busy).
class Database::Statement {
 public:
  explicit Statement(SQLite::Statement& statement) : statement_(&statement) {}
  Statement(Statement&& other) noexcept : statement_(other.statement_) { other.statement_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement() {
    if (!statement_) return;
    try {
      statement_->reset();
    } catch (...) {  // the error was already reported by the step that failed
    }
  }
  SQLite::Statement* operator->() const { return statement_; }
  SQLite::Statement& operator*() const { return *statement_; }

 private:
  SQLite::Statement* statement_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& database);
  ~WriteTransaction();
  void Commit();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

 private:
  Database& database_;
  bool open_ = true;
};

// BEGIN ... COMMIT around reads that must see one state of the database, not the writes made between them.
// Declare it before the statements it covers, so that they are reset before it ends.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& database);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& database_;
};

// A named savepoint inside a transaction: one command of a group commit, undone alone if it fails.
class Savepoint {
 public:
  explicit Savepoint(Database& database);
  ~Savepoint();
  void Release();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

 private:
  Database& database_;
  bool open_ = true;
};

}  // namespace scr
