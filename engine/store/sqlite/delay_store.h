// DelayStore on SQLite: the delays table, and the due column of information_requests,
// improvement_actions and follow_ups. Borrows the caller's Database; not thread-safe (one connection, one
// thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/delay_store.h"

namespace scr {

class SqliteDelayStore final : public DelayStore {
 public:
  explicit SqliteDelayStore(Database& database) : database_(database) {}

  void RecordDelay(ReviewId review, const Delay& delay) override;
  void SetItemDue(ItemKind kind, int64_t item, Date due) override;

 private:
  Database& database_;
};

}  // namespace scr
