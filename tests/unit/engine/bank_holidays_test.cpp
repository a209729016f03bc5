// Loading the bank holiday lists: every problem named with its file and line.
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

using test::D;
using test::England;

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
