// DocumentStore on SQLite: the documents table. Borrows the caller's Database; not thread-safe (one
// connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/document_store.h"

namespace scr {

class SqliteDocumentStore final : public DocumentStore {
 public:
  explicit SqliteDocumentStore(Database& database) : database_(database) {}

  int64_t InsertDocument(ReviewId review, const Document& document, const std::string& recorded_by,
                         const std::string& at) override;
  std::optional<Document> ReadDocument(ReviewId review, int64_t document) override;
  void UpdateDocument(const Document& document, const std::string& at) override;

 private:
  Database& database_;
};

}  // namespace scr
