// Working days and the board's time zone: the arithmetic behind every deadline.
// The expected dates follow gov.uk's bank holiday lists (workflows/calendars/ holds the same data).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/date.h"
#include "support/calendar_helpers.h"
#include "support/test_support.h"

namespace scr {
namespace {

using test::At;
using test::D;
using test::England;
using test::NorthernIreland;
using test::Scotland;

using test::AddWorkingDays;
using test::IsWorkingDay;

TEST_CASE("calendar: a deadline one working day after Maundy Thursday falls on Easter Tuesday in England",
          "[engine][calendar]") {
  WorkingCalendar england = England();
  CHECK(AddWorkingDays(england, "2025-04-17", 1) == "2025-04-22");
  CHECK_FALSE(IsWorkingDay(england, "2025-04-18"));  // Good Friday
  CHECK_FALSE(IsWorkingDay(england, "2025-04-21"));  // Easter Monday
  CHECK(IsWorkingDay(england, "2025-04-22"));
}

TEST_CASE("calendar: Christmas and New Year substitute days are skipped in England", "[engine][calendar]") {
  WorkingCalendar england = England();
  // 2021: Christmas Day and Boxing Day fell on the weekend; both moved to Mon 27 and Tue 28 December.
  CHECK(AddWorkingDays(england, "2021-12-24", 1) == "2021-12-29");
  // 2022: Boxing Day on Mon 26, Christmas Day (substitute) on Tue 27 December.
  CHECK(AddWorkingDays(england, "2022-12-23", 1) == "2022-12-28");
  // 2022: New Year's Day (a Saturday) moved to Mon 3 January.
  CHECK(AddWorkingDays(england, "2021-12-31", 1) == "2022-01-04");
  // 2026: Boxing Day (a Saturday) moved to Mon 28 December.
  CHECK(AddWorkingDays(england, "2026-12-24", 1) == "2026-12-29");
}

TEST_CASE("calendar: the 2022 spring holiday, Platinum Jubilee and State Funeral are skipped in England",
          "[engine][calendar]") {
  WorkingCalendar england = England();
  CHECK(AddWorkingDays(england, "2022-06-01", 1) == "2022-06-06");
  CHECK(AddWorkingDays(england, "2022-09-16", 1) == "2022-09-20");
  // The usual spring bank holiday, the last Monday of May, was a working day that year.
  CHECK(IsWorkingDay(england, "2022-05-30"));
}

TEST_CASE("calendar: the coronation bank holiday of 8 May 2023 is skipped in England", "[engine][calendar]") {
  CHECK(AddWorkingDays(England(), "2023-05-05", 1) == "2023-05-09");
}

TEST_CASE("calendar: the 2020 early May bank holiday moved to VE Day, Friday 8 May", "[engine][calendar]") {
  WorkingCalendar england = England();
  CHECK(IsWorkingDay(england, "2020-05-04"));
  CHECK_FALSE(IsWorkingDay(england, "2020-05-08"));
  CHECK(AddWorkingDays(england, "2020-05-07", 1) == "2020-05-11");
}

TEST_CASE("calendar: ten working days across Easter take two weeks and two days", "[engine][calendar]") {
  // Referral on Monday 30 March 2026: Good Friday 3 April and Easter Monday 6 April are skipped.
  CHECK(AddWorkingDays(England(), "2026-03-30", 10) == "2026-04-15");
}

TEST_CASE("calendar: a deadline counted from a weekend day starts on the Monday", "[engine][calendar]") {
  WorkingCalendar england = England();
  CHECK(AddWorkingDays(england, "2026-11-28", 1) == "2026-11-30");  // Saturday -> Monday
  CHECK(AddWorkingDays(england, "2026-11-27", 1) == "2026-11-30");  // Friday -> Monday
  CHECK(AddWorkingDays(england, "2026-11-27", 5) == "2026-12-04");
}

// ---- Scotland and Northern Ireland -------------------------------------------------------------------

TEST_CASE("calendar: 2nd January is a bank holiday in Scotland but not in England", "[engine][calendar]") {
  CHECK(AddWorkingDays(England(), "2025-12-31", 1) == "2026-01-02");
  CHECK(AddWorkingDays(Scotland(), "2025-12-31", 1) == "2026-01-05");
  CHECK_FALSE(IsWorkingDay(Scotland(), "2026-01-02"));
  CHECK(IsWorkingDay(England(), "2026-01-02"));
}

TEST_CASE("calendar: Scotland skips St Andrew's Day, Monday 30 November 2026, England does not",
          "[engine][calendar]") {
  CHECK(AddWorkingDays(Scotland(), "2026-11-27", 1) == "2026-12-01");
  CHECK(AddWorkingDays(England(), "2026-11-27", 1) == "2026-11-30");
  // 30 November 2025 was a Sunday: Scotland's holiday moved to Monday 1 December.
  CHECK_FALSE(IsWorkingDay(Scotland(), "2025-12-01"));
  CHECK(IsWorkingDay(England(), "2025-12-01"));
}

TEST_CASE("calendar: Easter Monday is a working day in Scotland", "[engine][calendar]") {
  CHECK(IsWorkingDay(Scotland(), "2026-04-06"));
  CHECK_FALSE(IsWorkingDay(England(), "2026-04-06"));
  CHECK(AddWorkingDays(Scotland(), "2026-04-02", 1) == "2026-04-06");
  CHECK(AddWorkingDays(England(), "2026-04-02", 1) == "2026-04-07");
  // Good Friday is a holiday everywhere.
  CHECK_FALSE(IsWorkingDay(Scotland(), "2026-04-03"));
  CHECK_FALSE(IsWorkingDay(NorthernIreland(), "2026-04-03"));
}

TEST_CASE("calendar: the summer bank holiday is the first Monday of August in Scotland, the last in England",
          "[engine][calendar]") {
  WorkingCalendar scotland = Scotland();
  WorkingCalendar england = England();
  CHECK_FALSE(IsWorkingDay(scotland, "2026-08-03"));
  CHECK(IsWorkingDay(england, "2026-08-03"));
  CHECK_FALSE(IsWorkingDay(england, "2026-08-31"));
  CHECK(IsWorkingDay(scotland, "2026-08-31"));
  CHECK(AddWorkingDays(scotland, "2026-07-31", 1) == "2026-08-04");
  CHECK(AddWorkingDays(england, "2026-07-31", 1) == "2026-08-03");
}

TEST_CASE("calendar: Northern Ireland skips St Patrick's Day and the Battle of the Boyne",
          "[engine][calendar]") {
  WorkingCalendar northern_ireland = NorthernIreland();
  CHECK(AddWorkingDays(northern_ireland, "2026-03-16", 1) == "2026-03-18");
  CHECK(AddWorkingDays(England(), "2026-03-16", 1) == "2026-03-17");
  CHECK_FALSE(IsWorkingDay(northern_ireland, "2024-07-12"));  // a Friday
  CHECK(AddWorkingDays(northern_ireland, "2024-07-11", 1) == "2024-07-15");
  CHECK(AddWorkingDays(England(), "2024-07-11", 1) == "2024-07-12");
  // 12 July 2026 is a Sunday: the holiday is on Monday 13 July.
  CHECK_FALSE(IsWorkingDay(northern_ireland, "2026-07-13"));
  CHECK(IsWorkingDay(England(), "2026-07-13"));
}

TEST_CASE("calendar: the bank holiday list of a year names each holiday", "[engine][calendar]") {
  std::vector<BankHoliday> scotland = test::ProjectBankHolidays().InYear(Nation::kScotland, 2026);
  bool st_andrews_day = false;
  for (const BankHoliday& holiday : scotland) {
    CHECK(holiday.date.year() == 2026);
    CHECK_FALSE(holiday.name.empty());
    if (holiday.date == D("2026-11-30")) st_andrews_day = holiday.name == "St Andrew's Day";
  }
  CHECK(st_andrews_day);
  CHECK(test::ProjectBankHolidays().InYear(Nation::kEnglandAndWales, 2026).size() == 8u);
  CHECK(test::ProjectBankHolidays().InYear(Nation::kNorthernIreland, 2026).size() == 10u);
  CHECK(test::ProjectBankHolidays().IsHoliday(Nation::kNorthernIreland, D("2026-03-17")));
  CHECK_FALSE(test::ProjectBankHolidays().IsHoliday(Nation::kEnglandAndWales, D("2026-03-17")));
}

// ---- Counting back, zero, and between ----------------------------------------------------------------

TEST_CASE("calendar: a negative count goes back in working days", "[engine][calendar]") {
  WorkingCalendar england = England();
  CHECK(AddWorkingDays(england, "2025-04-22", -1) == "2025-04-17");  // back over Easter
  CHECK(AddWorkingDays(england, "2022-01-04", -1) == "2021-12-31");  // back over New Year's substitute day
  CHECK(AddWorkingDays(england, "2026-11-30", -5) == "2026-11-23");
  CHECK(AddWorkingDays(Scotland(), "2026-12-01", -1) == "2026-11-27");  // St Andrew's Day skipped
}

TEST_CASE("calendar: adding zero working days gives the date itself, even on a holiday",
          "[engine][calendar]") {
  WorkingCalendar england = England();
  CHECK(AddWorkingDays(england, "2026-01-15", 0) == "2026-01-15");
  CHECK(AddWorkingDays(england, "2026-12-25", 0) == "2026-12-25");
  CHECK(AddWorkingDays(england, "2026-11-28", 0) == "2026-11-28");
}

TEST_CASE("calendar: working days between two dates count the end but not the start", "[engine][calendar]") {
  WorkingCalendar england = England();
  auto between = [&](const char* from, const char* to) {
    Result<int> count = england.WorkingDaysBetween(D(from), D(to));
    REQUIRE(count.ok());
    return *count;
  };
  CHECK(between("2026-01-05", "2026-01-12") == 5);  // Monday to Monday
  CHECK(between("2025-04-17", "2025-04-22") == 1);  // over Easter
  CHECK(between("2026-01-15", "2026-01-15") == 0);
  CHECK(between("2026-01-15", "2026-01-14") == 0);  // to before from
  CHECK(between("2026-01-15", "2026-01-16") == 1);
  Result<int> scotland = Scotland().WorkingDaysBetween(D("2025-04-17"), D("2025-04-22"));
  REQUIRE(scotland.ok());
  CHECK(*scotland == 2);  // Easter Monday works in Scotland
  // The two agree: N working days after a date are N working days between them.
  Result<Date> tenth = england.AddWorkingDays(D("2026-12-18"), 10);
  REQUIRE(tenth.ok());
  CHECK(between("2026-12-18", tenth->ToString().c_str()) == 10);
}

// ---- Years the data covers ---------------------------------------------------------------------------

TEST_CASE(
    "calendar: working days outside the years the bank holiday lists cover are refused, naming the year",
    "[engine][calendar]") {
  WorkingCalendar england = England();
  CHECK(test::ProjectBankHolidays().first_year() == 2015);
  CHECK(test::ProjectBankHolidays().last_year() == 2030);

  Result<Date> into_2031 = england.AddWorkingDays(D("2030-12-31"), 1);
  REQUIRE_FALSE(into_2031.ok());
  CHECK(into_2031.status().code() == Status::Code::kInvalidArgument);
  CHECK_THAT(into_2031.status().message(), Catch::Contains("2031"));

  Result<bool> in_2031 = england.IsWorkingDay(D("2031-03-03"));
  REQUIRE_FALSE(in_2031.ok());
  CHECK_THAT(in_2031.status().message(), Catch::Contains("2031") && Catch::Contains("not known"));

  Result<Date> back_into_2014 = england.AddWorkingDays(D("2015-01-02"), -1);
  REQUIRE_FALSE(back_into_2014.ok());
  CHECK_THAT(back_into_2014.status().message(), Catch::Contains("2014"));

  Result<int> across = england.WorkingDaysBetween(D("2030-12-20"), D("2031-01-10"));
  REQUIRE_FALSE(across.ok());
  CHECK_THAT(across.status().message(), Catch::Contains("2031"));

  CHECK(AddWorkingDays(england, "2030-12-24", 1) == "2030-12-27");  // the last covered days still work
}

// ---- Time zone ---------------------------------------------------------------------------------------

TEST_CASE("calendar: a winter deadline ends at midnight GMT", "[engine][calendar][time]") {
  CHECK(FormatInstant(England().EndOfDay(D("2026-01-15"))) == "2026-01-16T00:00:00Z");
}

TEST_CASE("calendar: a summer deadline ends at midnight BST, 23:00 UTC the same day",
          "[engine][calendar][time]") {
  CHECK(FormatInstant(England().EndOfDay(D("2026-07-15"))) == "2026-07-15T23:00:00Z");
}

TEST_CASE("calendar: deadlines on the days the clocks change end at local midnight",
          "[engine][calendar][time]") {
  WorkingCalendar england = England();
  // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
  CHECK(FormatInstant(england.EndOfDay(D("2026-03-28"))) == "2026-03-29T00:00:00Z");
  CHECK(FormatInstant(england.EndOfDay(D("2026-03-29"))) == "2026-03-29T23:00:00Z");
  CHECK(FormatInstant(england.EndOfDay(D("2026-10-24"))) == "2026-10-24T23:00:00Z");
  CHECK(FormatInstant(england.EndOfDay(D("2026-10-25"))) == "2026-10-26T00:00:00Z");
}

TEST_CASE("calendar: the local date changes at midnight BST, an hour before midnight UTC",
          "[engine][calendar][time]") {
  WorkingCalendar england = England();
  CHECK(england.LocalDate(At("2026-07-15T22:59:59Z")).ToString() == "2026-07-15");
  CHECK(england.LocalDate(At("2026-07-15T23:00:00Z")).ToString() == "2026-07-16");
  CHECK(england.LocalDate(At("2026-07-15T23:30:00Z")).ToString() == "2026-07-16");
  // In winter local time is UTC.
  CHECK(england.LocalDate(At("2026-01-15T23:30:00Z")).ToString() == "2026-01-15");
  CHECK(england.LocalDate(At("2026-01-16T00:00:00Z")).ToString() == "2026-01-16");
  // A deadline's last moment is the first moment of the next local day.
  CHECK(england.LocalDate(england.EndOfDay(D("2026-07-15"))).ToString() == "2026-07-16");
  CHECK(england.LocalDate(england.EndOfDay(D("2026-07-15")) - std::chrono::seconds(1)).ToString() ==
        "2026-07-15");
}

TEST_CASE("calendar: a board may keep its deadlines in another time zone", "[engine][calendar][time]") {
  Result<WorkingCalendar> utc =
      WorkingCalendar::Create(test::ProjectBankHolidays(), Nation::kEnglandAndWales, "UTC");
  REQUIRE(utc.ok());
  CHECK(FormatInstant(utc->EndOfDay(D("2026-07-15"))) == "2026-07-16T00:00:00Z");
}

TEST_CASE("calendar: an unknown time zone is refused", "[engine][calendar][time]") {
  Result<WorkingCalendar> calendar =
      WorkingCalendar::Create(test::ProjectBankHolidays(), Nation::kEnglandAndWales, "Europe/Atlantis");
  REQUIRE_FALSE(calendar.ok());
  CHECK(calendar.status().code() == Status::Code::kInvalidArgument);
  CHECK_THAT(calendar.status().message(), Catch::Contains("Europe/Atlantis"));
}

// ---- Instants ----------------------------------------------------------------------------------------

TEST_CASE("calendar: Wales shares England's bank holidays, unknown nations are refused",
          "[engine][calendar]") {
  struct Case {
    const char* text;
    Nation nation;
  };
  for (Case c : {Case{"england", Nation::kEnglandAndWales}, Case{"wales", Nation::kEnglandAndWales},
                 Case{"scotland", Nation::kScotland}, Case{"northern-ireland", Nation::kNorthernIreland}}) {
    CAPTURE(c.text);
    Result<Nation> nation = ParseNation(c.text);
    REQUIRE(nation.ok());
    CHECK(*nation == c.nation);
  }
  CHECK(std::string(NationName(Nation::kEnglandAndWales)) == "england");
  CHECK(std::string(NationName(Nation::kScotland)) == "scotland");
  CHECK(std::string(NationName(Nation::kNorthernIreland)) == "northern-ireland");

  for (const char* text : {"france", "", "England", "ireland", "northern ireland"}) {
    CAPTURE(text);
    Result<Nation> nation = ParseNation(text);
    CHECK_FALSE(nation.ok());
    CHECK(nation.status().code() == Status::Code::kInvalidArgument);
  }
  CHECK_THAT(ParseNation("france").status().message(), Catch::Contains("'france'"));
}

TEST_CASE("timestamps: formatted as RFC 3339 in UTC to the second, and read back to the same instant",
          "[engine][calendar]") {
  CHECK(FormatInstant(ParseInstant("2026-11-22T09:30:05Z").value()) == "2026-11-22T09:30:05Z");
  CHECK(FormatInstant(ParseInstant("2026-03-29T01:30:00+01:00").value()) == "2026-03-29T00:30:00Z");
  CHECK(FormatInstant(ParseInstant("2024-02-29T23:59:59.999Z").value()) == "2024-02-29T23:59:59Z");
  CHECK(FormatInstant(ParseInstant("1970-01-01T00:00:00Z").value()) == "1970-01-01T00:00:00Z");
  // Every hour of ten years, through leap days and clock changes, round-trips.
  Instant start = ParseInstant("2020-01-01T00:00:00Z").value();
  for (int hour = 0; hour < 24 * 3653; hour += 7) {
    Instant instant = start + std::chrono::hours(hour) + std::chrono::seconds(hour % 3600);
    REQUIRE(ParseInstant(FormatInstant(instant)).value() == instant);
  }
}

}  // namespace
}  // namespace scr
