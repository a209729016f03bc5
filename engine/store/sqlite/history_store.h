// HistoryStore on SQLite: the review_events chain (store/sqlite/event_log.h) and the ledger. Borrows the
// caller's Database, which must have the history key attached (AttachHistoryKey); not thread-safe (one
// connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/history_store.h"

namespace scr {

class SqliteHistoryStore final : public HistoryStore {
 public:
  explicit SqliteHistoryStore(Database& database) : database_(database) {}

  EventHash Append(const NewEvent& event, const EventHash& previous) override;
  void AddToLedger(int64_t events) override;
  Result<HistoryHead> ReadHead(ReviewId review) override;

 private:
  Database& database_;
};

}  // namespace scr
