// Dates, working days and the board's time zone: the arithmetic behind every deadline.
// The expected dates follow gov.uk's bank holiday lists (workflows/calendars/ holds the same data).
#include "engine/calendar.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/date.h"
#include "support/test_support.h"

namespace scr {
namespace {

Date D(const char* text) {
  Result<Date> date = Date::Parse(text);
  REQUIRE(date.ok());
  return *date;
}

Instant At(const char* text) {
  Result<Instant> instant = ParseInstant(text);
  REQUIRE(instant.ok());
  return *instant;
}

WorkingCalendar CalendarFor(Nation nation) {
  Result<WorkingCalendar> calendar = WorkingCalendar::Create(test::ProjectBankHolidays(), nation);
  REQUIRE(calendar.ok());
  return *calendar;
}

WorkingCalendar England() { return CalendarFor(Nation::kEnglandAndWales); }
WorkingCalendar Scotland() { return CalendarFor(Nation::kScotland); }
WorkingCalendar NorthernIreland() { return CalendarFor(Nation::kNorthernIreland); }

// The Nth working day after `from` as YYYY-MM-DD, so that a failure shows both dates in words.
std::string AddWorkingDays(const WorkingCalendar& calendar, const char* from, int n) {
  Result<Date> date = calendar.AddWorkingDays(D(from), n);
  REQUIRE(date.ok());
  return date->ToString();
}

bool IsWorkingDay(const WorkingCalendar& calendar, const char* date) {
  Result<bool> working = calendar.IsWorkingDay(D(date));
  REQUIRE(working.ok());
  return *working;
}

// ---- Date -------------------------------------------------------------------------------------------

TEST_CASE("date: a real YYYY-MM-DD date is read and written back unchanged", "[engine][calendar][date]") {
  for (const char* text : {"2026-01-15", "2024-02-29", "1970-01-01", "2030-12-31", "2015-01-01"}) {
    CAPTURE(text);
    Result<Date> date = Date::Parse(text);
    REQUIRE(date.ok());
    CHECK(date->ToString() == text);
  }
  Date date = D("2026-11-30");
  CHECK(date.year() == 2026);
  CHECK(date.month() == 11u);
  CHECK(date.day() == 30u);
  CHECK(date == Date::FromYmd(2026, 11, 30));
  CHECK(Date::FromDays(0).ToString() == "1970-01-01");
  CHECK(D("1970-01-02").days_since_epoch() == 1);
}

TEST_CASE("date: text that is not a real YYYY-MM-DD date is refused", "[engine][calendar][date]") {
  for (const char* text : {"2026-02-30", "26-1-1", "2026-1-01", "", "2025-02-29", "2026-13-01", "2026-00-10",
                           "2026-01-00", "2026-04-31", "2026/01/01", "2026-01-01x", " 2026-01-01",
                           "2026-01-1 ", "abcd-ef-gh", "+026-01-01", "2026-01-15T00:00:00Z"}) {
    CAPTURE(text);
    Result<Date> date = Date::Parse(text);
    CHECK_FALSE(date.ok());
    CHECK(date.status().code() == Status::Code::kInvalidArgument);
    CHECK_THAT(date.status().message(), Catch::Contains(std::string("'") + text + "'"));
  }
}

TEST_CASE("date: a month after 31 January is the last day of February", "[engine][calendar][date]") {
  CHECK(D("2026-01-31").AddMonths(1).ToString() == "2026-02-28");
  CHECK(D("2024-01-31").AddMonths(1).ToString() == "2024-02-29");  // a leap year
  CHECK(D("2026-08-31").AddMonths(1).ToString() == "2026-09-30");
  CHECK(D("2026-03-31").AddMonths(-1).ToString() == "2026-02-28");
  CHECK(D("2024-02-29").AddMonths(12).ToString() == "2025-02-28");
  CHECK(D("2026-11-15").AddMonths(2).ToString() == "2027-01-15");  // across the year end
  CHECK(D("2026-01-15").AddMonths(6).ToString() == "2026-07-15");
  CHECK(D("2026-01-15").AddMonths(0).ToString() == "2026-01-15");
}

TEST_CASE("date: weekdays are counted from Sunday and weekends recognised", "[engine][calendar][date]") {
  CHECK(D("1970-01-01").weekday() == 4u);  // a Thursday
  CHECK(D("2026-11-29").weekday() == 0u);  // Sunday
  CHECK(D("2026-11-30").weekday() == 1u);  // Monday, St Andrew's Day
  CHECK(D("2025-04-17").weekday() == 4u);  // Maundy Thursday
  CHECK(D("2026-11-28").weekday() == 6u);  // Saturday
  CHECK(D("2026-11-28").IsWeekend());
  CHECK(D("2026-11-29").IsWeekend());
  CHECK_FALSE(D("2026-11-27").IsWeekend());
  CHECK(D("2026-12-01") - D("2026-11-01") == 30);
  CHECK(D("2026-11-30").AddDays(2).ToString() == "2026-12-02");
}

// ---- Working days: England and Wales -----------------------------------------------------------------

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

TEST_CASE("calendar: Scotland skips St Andrew's Day, Monday 30 November 2026; England does not",
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

TEST_CASE("instant: RFC 3339 in UTC is written and read back unchanged", "[engine][calendar][time]") {
  for (const char* text : {"2026-11-22T09:30:00Z", "2026-07-15T23:00:00Z", "1970-01-01T00:00:00Z"}) {
    CAPTURE(text);
    CHECK(FormatInstant(At(text)) == text);
  }
  Instant now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  CHECK(At(FormatInstant(now).c_str()) == now);
}

TEST_CASE("instant: a numeric offset is converted to UTC", "[engine][calendar][time]") {
  CHECK(At("2026-07-15T10:00:00+01:00") == At("2026-07-15T09:00:00Z"));
  CHECK(FormatInstant(At("2026-07-16T00:30:00+01:00")) == "2026-07-15T23:30:00Z");
  CHECK(FormatInstant(At("2026-01-15T08:00:00-05:00")) == "2026-01-15T13:00:00Z");
  CHECK(FormatInstant(At("2026-01-15T08:00:00+00:00")) == "2026-01-15T08:00:00Z");
}

TEST_CASE("instant: fractional seconds are accepted and dropped when written", "[engine][calendar][time]") {
  CHECK(FormatInstant(At("2026-11-22T09:30:00.750Z")) == "2026-11-22T09:30:00Z");
}

TEST_CASE("instant: text that is not an RFC 3339 timestamp is refused", "[engine][calendar][time]") {
  for (const char* text : {"", "yesterday", "2026-11-22", "2026-11-22T09:30:00", "2026-11-22 09:30:00Z",
                           "2026-11-22T09:30:00Zjunk", "2026-11-22T25:30:00Z", "2026-13-22T09:30:00Z"}) {
    CAPTURE(text);
    Result<Instant> instant = ParseInstant(text);
    CHECK_FALSE(instant.ok());
    CHECK(instant.status().code() == Status::Code::kInvalidArgument);
  }
}

// ---- Nations -----------------------------------------------------------------------------------------

TEST_CASE("calendar: Wales shares England's bank holidays; unknown nations are refused",
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

// ---- Loading the bank holiday lists ------------------------------------------------------------------

// A folder of three valid lists; a test then spoils one of them.
struct HolidayFolder {
  test::TempDir dir;
  HolidayFolder() {
    test::WriteFile(dir.File("england-and-wales.txt"),
                    "# England and Wales\n2026-01-01  New Year's Day\n2026-04-03  Good Friday\n");
    test::WriteFile(dir.File("scotland.txt"), "2026-01-01  New Year's Day\n2026-01-02  2nd January\n");
    test::WriteFile(dir.File("northern-ireland.txt"),
                    "2026-01-01  New Year's Day\n2026-03-17  St Patrick's Day\n");
  }
  Result<BankHolidays> Load() const { return BankHolidays::LoadDirectory(dir.path()); }
};

TEST_CASE("bank holidays: a folder of three valid lists loads, comments and blank lines ignored",
          "[engine][calendar][bank-holidays]") {
  HolidayFolder folder;
  test::WriteFile(folder.dir.File("england-and-wales.txt"),
                  "# England and Wales\r\n\r\n2026-01-01  New Year's Day\r\n   # indented comment\r\n"
                  "2026-04-03\tGood Friday\r\n");
  Result<BankHolidays> holidays = folder.Load();
  REQUIRE(holidays.ok());
  CHECK(holidays->IsHoliday(Nation::kEnglandAndWales, D("2026-04-03")));
  CHECK(holidays->IsHoliday(Nation::kScotland, D("2026-01-02")));
  CHECK_FALSE(holidays->IsHoliday(Nation::kEnglandAndWales, D("2026-01-02")));
  std::vector<BankHoliday> england = holidays->InYear(Nation::kEnglandAndWales, 2026);
  REQUIRE(england.size() == 2u);
  CHECK(england[1].name == "Good Friday");  // no trailing carriage return
}

TEST_CASE("bank holidays: the covered years are those every nation's list covers",
          "[engine][calendar][bank-holidays]") {
  HolidayFolder folder;
  test::WriteFile(folder.dir.File("england-and-wales.txt"),
                  "2025-01-01  New Year's Day\n2027-01-01  New Year's Day\n");
  test::WriteFile(folder.dir.File("northern-ireland.txt"),
                  "2026-01-01  New Year's Day\n2028-01-03  New Year's Day\n");
  Result<BankHolidays> holidays = folder.Load();
  REQUIRE(holidays.ok());
  CHECK(holidays->first_year() == 2026);
  CHECK(holidays->last_year() == 2026);
}

TEST_CASE("bank holidays: a list with a date that does not exist is refused, naming file and line",
          "[engine][calendar][bank-holidays]") {
  HolidayFolder folder;
  test::WriteFile(folder.dir.File("england-and-wales.txt"),
                  "# England and Wales\n2026-01-01  New Year's Day\n2026-02-30  Not a day at all\n");
  Result<BankHolidays> holidays = folder.Load();
  REQUIRE_FALSE(holidays.ok());
  CHECK(holidays.status().code() == Status::Code::kInvalidArgument);
  CHECK_THAT(holidays.status().message(),
             Catch::StartsWith(folder.dir.File("england-and-wales.txt") + ":3: "));
  CHECK_THAT(holidays.status().message(), Catch::Contains("2026-02-30"));
}

TEST_CASE("bank holidays: a list with a line that is not a date is refused, naming file and line",
          "[engine][calendar][bank-holidays]") {
  HolidayFolder folder;
  test::WriteFile(folder.dir.File("scotland.txt"),
                  "2026-01-01  New Year's Day\n\n2 January 2026  2nd January\n");
  Result<BankHolidays> holidays = folder.Load();
  REQUIRE_FALSE(holidays.ok());
  CHECK_THAT(holidays.status().message(), Catch::StartsWith(folder.dir.File("scotland.txt") + ":3: "));
  CHECK_THAT(holidays.status().message(), Catch::Contains("is not a date"));
}

TEST_CASE("bank holidays: a list with dates out of order is refused, naming file and line",
          "[engine][calendar][bank-holidays]") {
  HolidayFolder folder;
  test::WriteFile(
      folder.dir.File("northern-ireland.txt"),
      "2026-01-01  New Year's Day\n2026-03-17  St Patrick's Day\n# Easter\n2026-03-16  Too early\n");
  Result<BankHolidays> holidays = folder.Load();
  REQUIRE_FALSE(holidays.ok());
  CHECK_THAT(holidays.status().message(),
             Catch::StartsWith(folder.dir.File("northern-ireland.txt") + ":4: "));
  CHECK_THAT(holidays.status().message(), Catch::Contains("increasing order"));
}

TEST_CASE("bank holidays: a list with the same date twice is refused, naming file and line",
          "[engine][calendar][bank-holidays]") {
  HolidayFolder folder;
  test::WriteFile(folder.dir.File("scotland.txt"),
                  "2026-01-01  New Year's Day\n2026-01-01  New Year's Day\n");
  Result<BankHolidays> holidays = folder.Load();
  REQUIRE_FALSE(holidays.ok());
  CHECK_THAT(holidays.status().message(), Catch::StartsWith(folder.dir.File("scotland.txt") + ":2: "));
}

TEST_CASE("bank holidays: a date without the holiday's name is refused, naming file and line",
          "[engine][calendar][bank-holidays]") {
  HolidayFolder folder;
  test::WriteFile(folder.dir.File("england-and-wales.txt"), "2026-01-01  New Year's Day\n2026-04-03\n");
  Result<BankHolidays> holidays = folder.Load();
  REQUIRE_FALSE(holidays.ok());
  CHECK_THAT(holidays.status().message(),
             Catch::StartsWith(folder.dir.File("england-and-wales.txt") + ":2: "));
  CHECK_THAT(holidays.status().message(), Catch::Contains("name"));
}

TEST_CASE("bank holidays: a missing or empty list is refused, naming the file",
          "[engine][calendar][bank-holidays]") {
  SECTION("missing") {
    HolidayFolder folder;
    std::remove(folder.dir.File("scotland.txt").c_str());
    Result<BankHolidays> holidays = folder.Load();
    REQUIRE_FALSE(holidays.ok());
    CHECK(holidays.status().code() == Status::Code::kNotFound);
    CHECK_THAT(holidays.status().message(), Catch::Contains("scotland.txt"));
  }
  SECTION("only comments") {
    HolidayFolder folder;
    test::WriteFile(folder.dir.File("northern-ireland.txt"), "# nothing yet\n\n");
    Result<BankHolidays> holidays = folder.Load();
    REQUIRE_FALSE(holidays.ok());
    CHECK_THAT(holidays.status().message(), Catch::StartsWith(folder.dir.File("northern-ireland.txt") + ":"));
  }
}

}  // namespace
}  // namespace scr
