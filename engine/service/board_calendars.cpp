#include "service/board_calendars.h"

#include "store/storage_error.h"

namespace scr {

Result<const WorkingCalendar*> BoardCalendars::For(BoardId board, bool* first_met) {
  if (first_met) *first_met = false;
  auto it = calendars_.find(board);
  if (it != calendars_.end()) return &it->second;
  std::optional<StoredBoard> found;
  try {
    found = boards_.ReadBoard(board);
  } catch (const std::exception& e) {
    return StorageError(e, "reading board " + std::to_string(board));
  }
  if (!found) return Status::NotFound("no board " + std::to_string(board));
  if (!found->nation.ok()) return found->nation;
  Result<WorkingCalendar> calendar = WorkingCalendar::Create(holidays_, found->board.nation, found->board.time_zone);
  if (!calendar.ok()) return calendar.status();
  if (first_met) *first_met = true;
  return &calendars_.emplace(board, *calendar).first->second;
}

}  // namespace scr
