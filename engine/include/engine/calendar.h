// Working days: weekends and the bank holidays of a board's nation, and the board's time zone.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/status.h"

namespace scr {

enum class Nation { kEnglandAndWales, kScotland, kNorthernIreland };

// Accepts england, wales, scotland, northern-ireland.
Result<Nation> ParseNation(std::string_view text);
// england, scotland, northern-ireland (the canonical name; Wales shares England's list).
const char* NationName(Nation nation);

struct BankHoliday {
  Date date;
  std::string name;
};

// The bank holidays of every nation for the years the data covers, read from a folder of
// `<nation>.txt` files (see workflows/calendars/). Immutable after loading; safe to share between threads.
class BankHolidays {
 public:
  // Reads england-and-wales.txt, scotland.txt and northern-ireland.txt from `directory`.
  // Errors name the file and line.
  static Result<BankHolidays> LoadDirectory(const std::string& directory);

  bool IsHoliday(Nation nation, Date date) const;
  std::vector<BankHoliday> InYear(Nation nation, int year) const;
  // The years the data covers for every nation: working-day arithmetic outside them is refused.
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

  // Working days of `nation` across the covered years, as a table, so that counting N working days is
  // two look-ups rather than a walk through the calendar.
  struct WorkingDayTable {
    Date first;                           // 1 January of first_year
    std::vector<int32_t> count_through;   // working days in [first, first + i]
    std::vector<int32_t> working_days;    // every working day, in order (days since epoch)
  };
  const WorkingDayTable& Table(Nation nation) const { return tables_.at(nation); }

 private:
  void BuildTables();

  std::map<Nation, std::vector<BankHoliday>> holidays_;  // sorted by date
  std::map<Nation, WorkingDayTable> tables_;
  int first_year_ = 0;
  int last_year_ = -1;
};

using Instant = std::chrono::system_clock::time_point;

// Working-day arithmetic for one board. Cheap to copy; holds a reference to the shared BankHolidays.
class WorkingCalendar {
 public:
  // `time_zone` is an IANA name (Europe/London by default), resolved through the system's tz database.
  static Result<WorkingCalendar> Create(const BankHolidays& holidays, Nation nation,
                                        const std::string& time_zone = "Europe/London");

  Nation nation() const { return nation_; }
  // Refuses dates outside the years the bank holiday data covers.
  Result<bool> IsWorkingDay(Date date) const;
  // The Nth working day after `date` (the date itself not counted); N < 0 counts back before it.
  Result<Date> AddWorkingDays(Date date, int n) const;
  // `date` itself when it is a working day, else the first working day after it: where a date counted in
  // calendar days, weeks or months lands when it falls on a weekend or a bank holiday.
  Result<Date> WorkingDayOnOrAfter(Date date) const;
  // Working days in (from, to]: 0 when to <= from.
  Result<int> WorkingDaysBetween(Date from, Date to) const;
  // The last moment of `date` in the board's time zone: a deadline on `date` has passed at this instant.
  Instant EndOfDay(Date date) const;
  // The moment `date` reaches `time_of_day` on the board's clocks (e.g. 08:00 for the chair's digest).
  Instant AtLocalTime(Date date, std::chrono::minutes time_of_day) const;
  // The board-local date at `instant`.
  Date LocalDate(Instant instant) const;

 private:
  WorkingCalendar(const BankHolidays& holidays, Nation nation, const void* zone);
  Status CheckCovered(Date date) const;

  const BankHolidays* holidays_;
  Nation nation_;
  const void* zone_;  // const date::time_zone*, kept opaque so callers need not include tz.h
  // The UTC offset (seconds) at each local midnight across the covered years, so that the end of a day
  // is a look-up; shared by copies.
  std::shared_ptr<const std::vector<int32_t>> midnight_offsets_;
};

// RFC 3339 in UTC with a Z, to the second: 2026-11-22T09:30:00Z.
std::string FormatInstant(Instant instant);
// Accepts RFC 3339 with Z or a numeric offset; fractional seconds are allowed and truncated.
Result<Instant> ParseInstant(std::string_view text);

}  // namespace scr
