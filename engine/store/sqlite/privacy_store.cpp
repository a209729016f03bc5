#include "store/sqlite/privacy_store.h"

#include <nlohmann/json.hpp>

namespace scr {

int64_t SqlitePrivacyStore::InsertIdentifier(ReviewId review, const PrivacyIdentifierRecord& identifier,
                                             const std::string& recorded_by, const std::string& at) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO privacy_identifiers (review_id, kind, value, note, recorded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  insert->bind(1, review);
  insert->bind(2, identifier.kind);
  insert->bind(3, identifier.value);
  insert->bind(4, identifier.note);
  insert->bind(5, recorded_by);
  insert->bindNoCopy(6, at);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

std::optional<std::string> SqlitePrivacyStore::ReadIdentifierKind(ReviewId review, int64_t identifier) {
  Database::Statement select =
      database_.Prepare("SELECT kind FROM privacy_identifiers WHERE id = ? AND review_id = ?");
  select->bind(1, identifier);
  select->bind(2, review);
  if (!select->executeStep()) return std::nullopt;
  return select->getColumn(0).getString();
}

void SqlitePrivacyStore::RemoveIdentifier(int64_t identifier) {
  Database::Statement erase = database_.Prepare("DELETE FROM privacy_identifiers WHERE id = ?");
  erase->bind(1, identifier);
  erase->exec();
}

std::vector<PrivacyIdentifierRecord> SqlitePrivacyStore::ReadIdentifiers(ReviewId review) {
  std::vector<PrivacyIdentifierRecord> recorded;
  Database::Statement identifiers = database_.Prepare("SELECT kind, value FROM privacy_identifiers WHERE review_id = ?");
  identifiers->bind(1, review);
  while (identifiers->executeStep()) {
    PrivacyIdentifierRecord record;
    record.kind = identifiers->getColumn(0).getString();
    record.value = identifiers->getColumn(1).getString();
    recorded.push_back(std::move(record));
  }
  return recorded;
}

int64_t SqlitePrivacyStore::InsertCheck(const PrivacyCheckRecord& check) {
  nlohmann::json findings = nlohmann::json::array();
  for (const PrivacyCheckRecord::Finding& finding : check.findings) {
    findings.push_back({{"kind", finding.kind}, {"start", finding.start}, {"end", finding.end},
                        {"byte_start", finding.byte_start}, {"byte_end", finding.byte_end}});
  }
  Database::Statement insert = database_.Prepare(
      "INSERT INTO privacy_checks (review_id, text_sha256, text_length, finding_count, findings, checked_by, checked_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, check.review);
  insert->bind(2, check.text_sha256);
  insert->bind(3, check.text_length);
  insert->bind(4, static_cast<int64_t>(check.findings.size()));
  insert->bind(5, findings.dump());
  insert->bind(6, check.checked_by);
  insert->bindNoCopy(7, check.checked_at);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

}  // namespace scr
