#include "store/sqlite/document_store.h"

namespace scr {

int64_t SqliteDocumentStore::InsertDocument(ReviewId review, const Document& document, const std::string& recorded_by,
                                            const std::string& at) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO documents (review_id, title, kind, owner_body, held_by, document_date, disclosure_status, notes, "
      "recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, review);
  insert->bind(2, document.title);
  insert->bind(3, document.kind);
  insert->bind(4, document.owner_body);
  insert->bind(5, document.held_by);
  insert->bind(6, document.document_date.ToString());
  insert->bind(7, document.disclosure_status);
  insert->bind(8, document.notes);
  insert->bind(9, recorded_by);
  insert->bindNoCopy(10, at);
  insert->bindNoCopy(11, at);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

std::optional<Document> SqliteDocumentStore::ReadDocument(ReviewId review, int64_t document) {
  Database::Statement find = database_.Prepare(
      "SELECT disclosure_status, held_by, notes FROM documents WHERE id = ? AND review_id = ?");
  find->bind(1, document);
  find->bind(2, review);
  if (!find->executeStep()) return std::nullopt;
  Document stored;
  stored.id = document;
  stored.disclosure_status = find->getColumn(0).getString();
  stored.held_by = find->getColumn(1).getString();
  stored.notes = find->getColumn(2).getString();
  return stored;
}

void SqliteDocumentStore::UpdateDocument(const Document& document, const std::string& at) {
  Database::Statement update = database_.Prepare(
      "UPDATE documents SET disclosure_status = ?, held_by = ?, notes = ?, updated_at = ? WHERE id = ?");
  update->bind(1, document.disclosure_status);
  update->bind(2, document.held_by);
  update->bind(3, document.notes);
  update->bindNoCopy(4, at);
  update->bind(5, document.id);
  update->exec();
}

}  // namespace scr
