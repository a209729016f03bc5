#include "store/sqlite/information_request_store.h"

namespace scr {

int64_t SqliteInformationRequestStore::InsertRequest(const InformationRequest& request) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO information_requests (review_id, agency, request, requested_on, due, recorded_by, created_at, "
      "updated_at, before_decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, request.review_id);
  insert->bind(2, request.agency);
  insert->bind(3, request.request);
  insert->bind(4, request.requested_on.ToString());
  insert->bind(5, request.due.ToString());
  insert->bind(6, request.recorded_by);
  insert->bindNoCopy(7, request.created_at);
  insert->bindNoCopy(8, request.created_at);
  insert->bind(9, request.before_decision ? 1 : 0);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

std::optional<StoredRequest> SqliteInformationRequestStore::ReadRequest(ReviewId review, int64_t request) {
  Database::Statement find =
      database_.Prepare("SELECT status, agency, due FROM information_requests WHERE id = ? AND review_id = ?");
  find->bind(1, request);
  find->bind(2, review);
  if (!find->executeStep()) return std::nullopt;
  StoredRequest stored;
  stored.status = find->getColumn(0).getString();
  stored.agency = find->getColumn(1).getString();
  if (Result<Date> due = Date::Parse(find->getColumn(2).getString()); due.ok()) stored.due = *due;
  return stored;
}

void SqliteInformationRequestStore::MarkRequestAnswered(int64_t request, const std::string& status, Date answered_on,
                                                        const std::string& reason, const std::string& at) {
  Database::Statement answer = database_.Prepare(
      "UPDATE information_requests SET status = ?, answered_on = ?, reason = ?, updated_at = ? WHERE id = ?");
  answer->bind(1, status);
  answer->bind(2, answered_on.ToString());
  answer->bind(3, reason);
  answer->bindNoCopy(4, at);
  answer->bind(5, request);
  answer->exec();
}

void SqliteInformationRequestStore::ChangeRequest(int64_t request, const std::string& agency, Date due,
                                                  const std::string& at) {
  Database::Statement update =
      database_.Prepare("UPDATE information_requests SET agency = ?, due = ?, updated_at = ? WHERE id = ?");
  update->bind(1, agency);
  update->bind(2, due.ToString());
  update->bindNoCopy(3, at);
  update->bind(4, request);
  update->exec();
}

}  // namespace scr
