// InformationRequestStore on SQLite: the information_requests table. Borrows the caller's Database; not
// thread-safe (one connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/information_request_store.h"

namespace scr {

class SqliteInformationRequestStore final : public InformationRequestStore {
 public:
  explicit SqliteInformationRequestStore(Database& database) : database_(database) {}

  int64_t InsertRequest(const InformationRequest& request) override;
  std::optional<StoredRequest> ReadRequest(ReviewId review, int64_t request) override;
  void MarkRequestAnswered(int64_t request, const std::string& status, Date answered_on, const std::string& reason,
                           const std::string& at) override;
  void ChangeRequest(int64_t request, const std::string& agency, Date due, const std::string& at) override;

 private:
  Database& database_;
};

}  // namespace scr
