// The registers kept beside each review: information requests to agencies, family members (personal
// data: callers check the role), and the documents register.
#include <nlohmann/json.hpp>

#include "service/review_queries_impl.h"

namespace scr {

Result<std::vector<Document>> ReviewQueriesImpl::Documents(BoardId board, ReviewId review) {
  try {
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    Database::Statement select = database_->Prepare(
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
  } catch (const std::exception& e) {
    return StorageError(e, "reading the documents register");
  }
}

Result<std::vector<FamilyMember>> ReviewQueriesImpl::FamilyMembers(BoardId board, ReviewId review) {
  try {
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    Database::Statement select = database_->Prepare(
        "SELECT id, name, relationship, date_of_birth, involvement, reason, support_needs, recorded_by, created_at, "
        "address, other_identifiers FROM family_members WHERE review_id = ? ORDER BY id");
    select->bind(1, review);
    std::vector<FamilyMember> members;
    while (select->executeStep()) {
      FamilyMember member;
      member.id = select->getColumn(0).getInt64();
      member.name = select->getColumn(1).getString();
      member.relationship = select->getColumn(2).getString();
      if (!select->getColumn(3).isNull()) member.date_of_birth = ParseStoredDate(select->getColumn(3).getString());
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
  } catch (const std::exception& e) {
    return StorageError(e, "reading family members");
  }
}

Result<std::vector<PrivacyIdentifierRecord>> ReviewQueriesImpl::PrivacyIdentifiers(BoardId board, ReviewId review) {
  try {
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    Database::Statement select = database_->Prepare(
        "SELECT id, kind, value, note, recorded_by, created_at FROM privacy_identifiers WHERE review_id = ? ORDER BY id");
    select->bind(1, review);
    std::vector<PrivacyIdentifierRecord> identifiers;
    while (select->executeStep()) {
      identifiers.push_back({select->getColumn(0).getInt64(), select->getColumn(1).getString(),
                             select->getColumn(2).getString(), select->getColumn(3).getString(),
                             select->getColumn(4).getString(), select->getColumn(5).getString()});
    }
    return identifiers;
  } catch (const std::exception& e) {
    return StorageError(e, "reading the identifiers the privacy check looks for");
  }
}

Result<std::vector<InformationRequest>> ReviewQueriesImpl::InformationRequests(
    BoardId board, ReviewId review, const std::optional<std::string>& agency_scope) {
  try {
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    Database::Statement select = database_->Prepare(
        "SELECT id, agency, request, requested_on, due, status, answered_on, reason, recorded_by, created_at, "
        "updated_at, before_decision, (SELECT workflow FROM reviews WHERE id = ?1) "
        "FROM information_requests WHERE review_id = ?1 AND (?2 IS NULL OR agency = ?2) ORDER BY id");
    select->bind(1, review);
    if (agency_scope) select->bind(2, *agency_scope);
    Instant now = options_.clock->Now();
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
      if (request.status == "open" && (*calendar)->EndOfDay(request.due) <= now) request.status = "overdue";
      if (!select->getColumn(6).isNull()) request.answered_on = ParseStoredDate(select->getColumn(6).getString());
      request.reason = select->getColumn(7).getString();
      request.recorded_by = select->getColumn(8).getString();
      request.created_at = select->getColumn(9).getString();
      request.updated_at = select->getColumn(10).getString();
      request.before_decision = select->getColumn(11).getInt() != 0;
      const WorkflowDefinition* workflow = options_.workflows->Find(select->getColumn(12).getString());
      request.marker = workflow ? workflow->InformationRequestMarker(request.before_decision) : 0;
      requests.push_back(std::move(request));
    }
    return requests;
  } catch (const std::exception& e) {
    return StorageError(e, "reading information requests");
  }
}

}  // namespace scr
