// The registers kept beside each review: information requests to agencies, family members (personal
// data: callers check the role), and the documents register.
#include "service/review_queries_impl.h"

namespace scr {

Result<std::vector<Document>> ReviewQueriesImpl::Documents(BoardId board, ReviewId review) {
  try {
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    return store_->registers().ReadDocuments(review);
  } catch (const std::exception& e) {
    return StorageError(e, "reading the documents register");
  }
}

Result<std::vector<FamilyMember>> ReviewQueriesImpl::FamilyMembers(BoardId board, ReviewId review) {
  try {
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    return store_->registers().ReadFamilyMembers(review);
  } catch (const std::exception& e) {
    return StorageError(e, "reading family members");
  }
}

Result<std::vector<PrivacyIdentifierRecord>> ReviewQueriesImpl::PrivacyIdentifiers(BoardId board, ReviewId review) {
  try {
    if (Status owned = CheckReviewOfBoard(board, review); !owned.ok()) return owned;
    return store_->registers().ReadPrivacyIdentifiers(review);
  } catch (const std::exception& e) {
    return StorageError(e, "reading the identifiers the privacy check looks for");
  }
}

Result<std::vector<InformationRequest>> ReviewQueriesImpl::InformationRequests(
    BoardId board, ReviewId review, const std::optional<std::string>& agency_scope) {
  try {
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    std::optional<ReviewHeading> heading = store_->reviews().ReadHeading(board, review);
    if (!heading) return Status::NotFound("no review " + std::to_string(review));
    const WorkflowDefinition* workflow = options_.workflows->Find(heading->workflow);
    Instant now = options_.clock->Now();
    std::vector<InformationRequest> requests = store_->registers().ReadInformationRequests(review, agency_scope);
    for (InformationRequest& request : requests) {
      if (request.status == "open" && (*calendar)->EndOfDay(request.due) <= now) request.status = "overdue";
      request.marker = workflow ? workflow->InformationRequestMarker(request.before_decision) : 0;
    }
    return requests;
  } catch (const std::exception& e) {
    return StorageError(e, "reading information requests");
  }
}

}  // namespace scr
