// AlertStore on SQLite: the alerts table as the commands change it, and the item tables an alert's agency
// is read from. Borrows the caller's Database; not thread-safe (one connection, one thread).
#pragma once

#include "store/alert_store.h"
#include "store/sqlite/database.h"

namespace scr {

class SqliteAlertStore final : public AlertStore {
 public:
  explicit SqliteAlertStore(Database& database) : database_(database) {}

  void ResolveAlerts(ReviewId review, const std::string& subject, std::optional<Date> due,
                     const std::string& at) override;
  std::optional<AlertToAcknowledge> ReadAlert(BoardId board, int64_t alert) override;
  std::string ReadItemAgency(ItemKind kind, int64_t item) override;
  void AcknowledgeAlert(int64_t alert, const std::string& acknowledged_by, const std::string& at) override;

 private:
  Database& database_;
};

}  // namespace scr
