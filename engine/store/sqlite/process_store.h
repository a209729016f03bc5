// ProcessStore on SQLite: the parallel_processes table. Borrows the caller's Database; not thread-safe
// (one connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/process_store.h"

namespace scr {

class SqliteProcessStore final : public ProcessStore {
 public:
  explicit SqliteProcessStore(Database& database) : database_(database) {}

  int64_t InsertProcess(const ParallelProcess& process, const std::string& at) override;
  std::optional<ParallelProcess> ReadProcess(ReviewId review, int64_t process) override;
  void UpdateProcess(const ParallelProcess& process, const std::string& at) override;

 private:
  Database& database_;
};

}  // namespace scr
