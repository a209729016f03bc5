#include "calendar/due_dates.h"

#include <algorithm>

namespace scr {

Result<Date> AddDuration(Date date, const Duration& duration, const WorkingCalendar& calendar) {
  switch (duration.unit) {
    case Duration::Unit::kWorkingDays: return calendar.AddWorkingDays(date, duration.amount);
    case Duration::Unit::kDays: return date.AddDays(duration.amount);
    case Duration::Unit::kWeeks: return date.AddDays(7 * duration.amount);
    case Duration::Unit::kMonths: return date.AddMonths(duration.amount);
  }
  return date;
}

Result<Date> DueAfter(Date date, const Duration& duration, const WorkingCalendar& calendar) {
  Result<Date> counted = AddDuration(date, duration, calendar);
  if (!counted.ok()) return counted;
  return calendar.WorkingDayOnOrAfter(*counted);
}

Result<Date> DueFrom(const DueRule& rule, Date anchor_date, const WorkingCalendar& calendar) {
  if (rule.kind == DueRule::Kind::kFixedDate) return calendar.WorkingDayOnOrAfter(rule.fixed);
  return DueAfter(anchor_date, rule.offset, calendar);
}

Result<int> WorkingDaysLate(Date due, Date done_on, const WorkingCalendar& calendar) {
  if (done_on <= due) return 0;
  Result<int> between = calendar.WorkingDaysBetween(due, done_on);
  if (!between.ok()) return between;
  return std::max(1, *between);  // done on the weekend after a Friday's due date is still late
}

std::string DescribeWorkingDays(int count) {
  return std::to_string(count) + (count == 1 ? " working day" : " working days");
}

Status CheckWorkingDay(Date date, const WorkingCalendar& calendar, const std::string& what) {
  Result<bool> working = calendar.IsWorkingDay(date);
  if (!working.ok()) return Status::InvalidArgument(what + " cannot be chased: " + working.status().message());
  if (*working) return Status::Ok();
  Result<Date> next = calendar.WorkingDayOnOrAfter(date);
  std::string suggestion = next.ok() ? "; the next working day is " + next->ToString() : "; pick a working day";
  return Status::InvalidArgument(what + " " + date.ToString() + " is not a working day for this board" + suggestion);
}

}  // namespace scr
