// Each board's working calendar (its nation's bank holidays and its time zone), made from the board's row
// the first time it is asked for and kept: the one place the commands and the queries get a calendar.
// Thread-safety: none; used on its owner's thread, with its owner's store.
#pragma once

#include <map>

#include "engine/calendar.h"
#include "store/board_store.h"

namespace scr {

class BoardCalendars {
 public:
  BoardCalendars(BoardStore& boards, const BankHolidays& holidays) : boards_(boards), holidays_(holidays) {}

  // The calendar of `board`; NotFound for a board that does not exist. `first_met` (when given) says
  // whether it was made by this call.
  Result<const WorkingCalendar*> For(BoardId board, bool* first_met = nullptr);

 private:
  BoardStore& boards_;
  const BankHolidays& holidays_;
  std::map<BoardId, WorkingCalendar> calendars_;
};

}  // namespace scr
