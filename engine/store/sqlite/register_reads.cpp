// SqliteRegisterStore: the registers beside each review, as read.
#include <nlohmann/json.hpp>

#include "store/sqlite/read_stores.h"
#include "store/sqlite/stored_values.h"

namespace scr {

std::vector<InformationRequest> SqliteRegisterStore::ReadInformationRequests(ReviewId review,
                                                                             const std::optional<std::string>& agency) {
  Database::Statement select = database_.Prepare(
      "SELECT id, agency, request, requested_on, due, status, answered_on, reason, recorded_by, created_at, "
      "updated_at, before_decision "
      "FROM information_requests WHERE review_id = ?1 AND (?2 IS NULL OR agency = ?2) ORDER BY id");
  select->bind(1, review);
  if (agency) select->bind(2, *agency);
  std::vector<InformationRequest> requests;
  while (select->executeStep()) {
    InformationRequest request;
    request.id = select->getColumn(0).getInt64();
    request.review_id = review;
    request.agency = select->getColumn(1).getString();
    request.request = select->getColumn(2).getString();
    request.requested_on = ParseStoredDate(select->getColumn(3).getString());
    request.due = ParseStoredDate(select->getColumn(4).getString());
    request.status = select->getColumn(5).getString();
    request.answered_on = OptionalStoredDate(select->getColumn(6));
    request.reason = select->getColumn(7).getString();
    request.recorded_by = select->getColumn(8).getString();
    request.created_at = select->getColumn(9).getString();
    request.updated_at = select->getColumn(10).getString();
    request.before_decision = select->getColumn(11).getInt() != 0;
    requests.push_back(std::move(request));
  }
  return requests;
}

std::vector<FamilyMember> SqliteRegisterStore::ReadFamilyMembers(ReviewId review) {
  Database::Statement select = database_.Prepare(
      "SELECT id, name, relationship, date_of_birth, involvement, reason, support_needs, recorded_by, created_at, "
      "address, other_identifiers FROM family_members WHERE review_id = ? ORDER BY id");
  select->bind(1, review);
  std::vector<FamilyMember> members;
  while (select->executeStep()) {
    FamilyMember member;
    member.id = select->getColumn(0).getInt64();
    member.name = select->getColumn(1).getString();
    member.relationship = select->getColumn(2).getString();
    member.date_of_birth = OptionalStoredDate(select->getColumn(3));
    member.involvement = select->getColumn(4).getString();
    member.reason = select->getColumn(5).getString();
    member.support_needs = select->getColumn(6).getString();
    member.recorded_by = select->getColumn(7).getString();
    member.created_at = select->getColumn(8).getString();
    member.address = select->getColumn(9).getString();
    nlohmann::json others = nlohmann::json::parse(select->getColumn(10).getString(), nullptr, false);
    if (others.is_array()) {
      for (const auto& other : others) {
        if (other.is_string()) member.other_identifiers.push_back(other.get<std::string>());
      }
    }
    members.push_back(std::move(member));
  }
  return members;
}

std::vector<Document> SqliteRegisterStore::ReadDocuments(ReviewId review) {
  Database::Statement select = database_.Prepare(
      "SELECT id, title, kind, owner_body, held_by, document_date, disclosure_status, notes, recorded_by, "
      "created_at, updated_at FROM documents WHERE review_id = ? ORDER BY id");
  select->bind(1, review);
  std::vector<Document> documents;
  while (select->executeStep()) {
    Document document;
    document.id = select->getColumn(0).getInt64();
    document.title = select->getColumn(1).getString();
    document.kind = select->getColumn(2).getString();
    document.owner_body = select->getColumn(3).getString();
    document.held_by = select->getColumn(4).getString();
    document.document_date = ParseStoredDate(select->getColumn(5).getString());
    document.disclosure_status = select->getColumn(6).getString();
    document.notes = select->getColumn(7).getString();
    document.recorded_by = select->getColumn(8).getString();
    document.created_at = select->getColumn(9).getString();
    document.updated_at = select->getColumn(10).getString();
    documents.push_back(std::move(document));
  }
  return documents;
}

std::vector<PrivacyIdentifierRecord> SqliteRegisterStore::ReadPrivacyIdentifiers(ReviewId review) {
  Database::Statement select = database_.Prepare(
      "SELECT id, kind, value, note, recorded_by, created_at FROM privacy_identifiers WHERE review_id = ? ORDER BY id");
  select->bind(1, review);
  std::vector<PrivacyIdentifierRecord> identifiers;
  while (select->executeStep()) {
    identifiers.push_back({select->getColumn(0).getInt64(), select->getColumn(1).getString(),
                           select->getColumn(2).getString(), select->getColumn(3).getString(),
                           select->getColumn(4).getString(), select->getColumn(5).getString()});
  }
  return identifiers;
}

std::optional<PrivacyCheckRecord> SqliteRegisterStore::ReadPrivacyCheck(ReviewId review, int64_t id) {
  Database::Statement select = database_.Prepare(
      "SELECT text_sha256, text_length, findings, checked_by, checked_at FROM privacy_checks "
      "WHERE id = ? AND review_id = ?");
  select->bind(1, id);
  select->bind(2, review);
  if (!select->executeStep()) return std::nullopt;
  PrivacyCheckRecord check;
  check.id = id;
  check.review = review;
  check.text_sha256 = select->getColumn(0).getString();
  check.text_length = select->getColumn(1).getInt64();
  nlohmann::json findings = nlohmann::json::parse(select->getColumn(2).getString(), nullptr, false);
  if (findings.is_array()) {
    for (const auto& finding : findings) {
      check.findings.push_back({finding.value("kind", ""), finding.value("start", int64_t{0}),
                                finding.value("end", int64_t{0}), finding.value("byte_start", int64_t{0}),
                                finding.value("byte_end", int64_t{0})});
    }
  }
  check.checked_by = select->getColumn(3).getString();
  check.checked_at = select->getColumn(4).getString();
  return check;
}

}  // namespace scr
