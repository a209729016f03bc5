// A calendar date (no time of day, no zone), as used for every due date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace scr {

// Days since 1970-01-01 in the proleptic Gregorian calendar. Four bytes, cheap to copy and compare.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }
  static Date FromYmd(int year, unsigned month, unsigned day);
  // Parses YYYY-MM-DD strictly (a real date, four-digit year, two-digit month and day).
  static Result<Date> Parse(std::string_view text);

  constexpr int32_t days_since_epoch() const { return days_; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  // 0 = Sunday ... 6 = Saturday.
  unsigned weekday() const;
  bool IsWeekend() const { return weekday() == 0 || weekday() == 6; }

  constexpr Date AddDays(int n) const { return Date(days_ + n); }
  // Calendar months; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
  Date AddMonths(int n) const;
  std::string ToString() const;  // YYYY-MM-DD

  friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend constexpr bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
  friend constexpr bool operator<(Date a, Date b) { return a.days_ < b.days_; }
  friend constexpr bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
  friend constexpr bool operator>(Date a, Date b) { return a.days_ > b.days_; }
  friend constexpr bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }
  friend constexpr int operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

}  // namespace scr
