// PrivacyStore on SQLite: the privacy_identifiers and privacy_checks tables (a check's findings kept as a
// JSON array). Borrows the caller's Database; not thread-safe (one connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/privacy_store.h"

namespace scr {

class SqlitePrivacyStore final : public PrivacyStore {
 public:
  explicit SqlitePrivacyStore(Database& database) : database_(database) {}

  int64_t InsertIdentifier(ReviewId review, const PrivacyIdentifierRecord& identifier, const std::string& recorded_by,
                           const std::string& at) override;
  std::optional<std::string> ReadIdentifierKind(ReviewId review, int64_t identifier) override;
  void RemoveIdentifier(int64_t identifier) override;
  std::vector<PrivacyIdentifierRecord> ReadIdentifiers(ReviewId review) override;
  int64_t InsertCheck(const PrivacyCheckRecord& check) override;

 private:
  Database& database_;
};

}  // namespace scr
