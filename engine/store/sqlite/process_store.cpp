#include "store/sqlite/process_store.h"

namespace scr {

int64_t SqliteProcessStore::InsertProcess(const ParallelProcess& process, const std::string& at) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO parallel_processes (review_id, kind, status, holds_publication, owner, notes, created_at, "
      "updated_at, holds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, process.review_id);
  insert->bind(2, process.kind);
  insert->bind(3, process.status);
  insert->bind(4, process.holds_publication ? 1 : 0);
  insert->bind(5, process.owner);
  insert->bind(6, process.notes);
  insert->bind(7, at);
  insert->bind(8, at);
  insert->bind(9, process.holds);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

std::optional<ParallelProcess> SqliteProcessStore::ReadProcess(ReviewId review, int64_t id) {
  Database::Statement find = database_.Prepare(
      "SELECT status, holds, owner, notes, kind FROM parallel_processes WHERE id = ? AND review_id = ?");
  find->bind(1, id);
  find->bind(2, review);
  if (!find->executeStep()) return std::nullopt;
  ParallelProcess process;
  process.id = id;
  process.review_id = review;
  process.status = find->getColumn(0).getString();
  process.holds = find->getColumn(1).getString();
  process.owner = find->getColumn(2).getString();
  process.notes = find->getColumn(3).getString();
  process.kind = find->getColumn(4).getString();
  return process;
}

void SqliteProcessStore::UpdateProcess(const ParallelProcess& process, const std::string& at) {
  Database::Statement update = database_.Prepare(
      "UPDATE parallel_processes SET status = ?, holds_publication = ?, owner = ?, notes = ?, updated_at = ?, "
      "holds = ? WHERE id = ?");
  update->bind(1, process.status);
  update->bind(2, process.holds_publication ? 1 : 0);
  update->bind(3, process.owner);
  update->bind(4, process.notes);
  update->bind(5, at);
  update->bind(6, process.holds);
  update->bind(7, process.id);
  update->exec();
}

}  // namespace scr
