// The scopes of store/scopes.h on one SQLite connection: BEGIN IMMEDIATE ... COMMIT for a write, a
// savepoint for one command, BEGIN ... COMMIT for a read of one state. Borrow the caller's Database;
// not thread-safe (one connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/scopes.h"

namespace scr {

class SqliteWriteScope final : public WriteScope {
 public:
  explicit SqliteWriteScope(Database& database) : transaction_(database) {}
  void Commit() override { transaction_.Commit(); }

 private:
  WriteTransaction transaction_;
};

class SqliteCommandScope final : public CommandScope {
 public:
  explicit SqliteCommandScope(Database& database) : savepoint_(database) {}
  void Keep() override { savepoint_.Release(); }

 private:
  Savepoint savepoint_;
};

class SqliteReadScope final : public ReadScope {
 public:
  explicit SqliteReadScope(Database& database) : snapshot_(database) {}

 private:
  ReadSnapshot snapshot_;
};

}  // namespace scr
