// Dates and instants as the engine reads and writes them.
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

}  // namespace
}  // namespace scr
