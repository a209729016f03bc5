#include "store/sqlite/history_store.h"

#include "store/sqlite/event_log.h"

namespace scr {

EventHash SqliteHistoryStore::Append(const NewEvent& event, const EventHash& previous) {
  return AppendEvent(database_, event, previous);
}

void SqliteHistoryStore::AddToLedger(int64_t events) { scr::AddToLedger(database_, events); }

Result<HistoryHead> SqliteHistoryStore::ReadHead(ReviewId review) { return ReadHistoryHead(database_, review); }

}  // namespace scr
