// Due-date arithmetic over a board's working calendar: how a workflow's rules ("5 working days after",
// "1 month after") become dates, how late something was, and whether a date people give is a working day.
#pragma once

#include <string>

#include "engine/calendar.h"
#include "engine/status.h"
#include "engine/workflow.h"

namespace scr {

// `date` moved by `duration` (negative amounts count back) in `calendar`.
Result<Date> AddDuration(Date date, const Duration& duration, const WorkingCalendar& calendar);
// The due date `duration` after `date`: rolled forward to the next working day when a count in calendar
// days, weeks or months lands on a weekend or a bank holiday (no due date falls on a non-working day).
Result<Date> DueAfter(Date date, const Duration& duration, const WorkingCalendar& calendar);
// The due date of `rule` counted from `anchor_date` in `calendar`, on a working day (as DueAfter).
Result<Date> DueFrom(const DueRule& rule, Date anchor_date, const WorkingCalendar& calendar);

// How late something due on `due` and done on `done_on` was, in working days: 0 when done on or before
// its due day, at least 1 after it (the working days in (due, done_on]).
Result<int> WorkingDaysLate(Date due, Date done_on, const WorkingCalendar& calendar);
std::string DescribeWorkingDays(int count);  // "1 working day", "3 working days"

// Ok when `date` is a working day of the board; otherwise InvalidArgument naming the next working day, e.g.
// "the due date 2026-10-25 is not a working day for this board; the next working day is 2026-10-26".
Status CheckWorkingDay(Date date, const WorkingCalendar& calendar, const std::string& what);

}  // namespace scr
