// Helpers for the calendar tests: dates and instants from text, and the project's calendars per nation.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "engine/calendar.h"
#include "engine/date.h"
#include "support/test_support.h"

namespace scr::test {

inline Date D(const char* text) {
  Result<Date> date = Date::Parse(text);
  REQUIRE(date.ok());
  return *date;
}

inline Instant At(const char* text) {
  Result<Instant> instant = ParseInstant(text);
  REQUIRE(instant.ok());
  return *instant;
}

inline WorkingCalendar CalendarFor(Nation nation) {
  Result<WorkingCalendar> calendar = WorkingCalendar::Create(ProjectBankHolidays(), nation);
  REQUIRE(calendar.ok());
  return *calendar;
}

inline WorkingCalendar England() { return CalendarFor(Nation::kEnglandAndWales); }
inline WorkingCalendar Scotland() { return CalendarFor(Nation::kScotland); }
inline WorkingCalendar NorthernIreland() { return CalendarFor(Nation::kNorthernIreland); }

// The Nth working day after `from` as YYYY-MM-DD, so that a failure shows both dates in words.
inline std::string AddWorkingDays(const WorkingCalendar& calendar, const char* from, int n) {
  Result<Date> date = calendar.AddWorkingDays(D(from), n);
  REQUIRE(date.ok());
  return date->ToString();
}

inline bool IsWorkingDay(const WorkingCalendar& calendar, const char* date) {
  Result<bool> working = calendar.IsWorkingDay(D(date));
  REQUIRE(working.ok());
  return *working;
}

}  // namespace scr::test
