// Due dates that tell the truth: rules in months and weeks roll forward to the next working day of the
// board's nation, lateness counted in working days, and the review's overall timescale.
#include <catch2/catch.hpp>

#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "engine/calendar.h"
#include "engine/timescale.h"
#include "engine/workflow.h"
#include "review/open_review.h"
#include "support/calendar_helpers.h"
#include "support/service_fixture.h"
#include "workflow/due_rule_parser.h"

namespace scr {
namespace {

using test::D;
using test::England;
using test::NorthernIreland;
using test::Scotland;

std::string Due(const WorkingCalendar& calendar, const char* rule_text, const char* anchor) {
  Result<DueRule> rule = ParseDueRule(rule_text);
  REQUIRE(rule.ok());
  Result<Date> due = DueFrom(*rule, D(anchor), calendar);
  INFO(due.status().message());
  REQUIRE(due.ok());
  return due->ToString();
}

TEST_CASE("due rule: six months landing on a Sunday rolls to the Monday in every nation", "[engine][deadlines]") {
  // 25 October 2026 is a Sunday.
  CHECK(Due(England(), "6 months after decide_to_review", "2026-04-25") == "2026-10-26");
  CHECK(Due(Scotland(), "6 months after decide_to_review", "2026-04-25") == "2026-10-26");
  CHECK(Due(NorthernIreland(), "6 months after decide_to_review", "2026-04-25") == "2026-10-26");
  // A working day stays as counted, and working-day rules are untouched.
  CHECK(Due(England(), "6 months after decide_to_review", "2026-04-27") == "2026-10-27");
  CHECK(Due(England(), "2 weeks after referral", "2026-10-10") == "2026-10-26");  // Sat 24 -> Mon 26
}

TEST_CASE("due rule: a month landing on England and Wales' summer bank holiday rolls to the next day",
          "[engine][deadlines]") {
  CHECK(Due(England(), "1 month after referral", "2026-07-31") == "2026-09-01");  // Mon 31 August 2026
}

TEST_CASE("due rule: a month landing on a Scottish bank holiday rolls only in Scotland", "[engine][deadlines]") {
  // St Andrew's Day, Monday 30 November 2026.
  CHECK(Due(Scotland(), "1 month after referral", "2026-10-30") == "2026-12-01");
  CHECK(Due(England(), "1 month after referral", "2026-10-30") == "2026-11-30");
  // 2 January 2026 (a Friday) is a bank holiday in Scotland: the next working day is Monday 5 January.
  CHECK(Due(Scotland(), "1 month after referral", "2025-12-02") == "2026-01-05");
  CHECK(Due(England(), "1 month after referral", "2025-12-02") == "2026-01-02");
}

TEST_CASE("due rule: a month landing on a Northern Irish bank holiday rolls only in Northern Ireland",
          "[engine][deadlines]") {
  // St Patrick's Day, Tuesday 17 March 2026.
  CHECK(Due(NorthernIreland(), "1 month after referral", "2026-02-17") == "2026-03-18");
  CHECK(Due(England(), "1 month after referral", "2026-02-17") == "2026-03-17");
  // 12 July 2026 is a Sunday: the Battle of the Boyne holiday is Monday 13 July, so Tuesday 14.
  CHECK(Due(NorthernIreland(), "1 month after referral", "2026-06-12") == "2026-07-14");
  CHECK(Due(NorthernIreland(), "1 month after referral", "2026-06-13") == "2026-07-14");
  CHECK(Due(England(), "1 month after referral", "2026-06-13") == "2026-07-13");
}

TEST_CASE("due rule: follow-ups counted in months from a completion land on working days", "[engine][deadlines]") {
  Result<Date> due = DueAfter(D("2026-07-25"), Duration{3, Duration::Unit::kMonths}, England());
  REQUIRE(due.ok());
  CHECK(due->ToString() == "2026-10-26");  // Sun 25 October -> Mon 26
}

TEST_CASE("a date given on a non-working day is refused naming the next working day", "[engine][deadlines]") {
  Status weekend = CheckWorkingDay(D("2026-10-25"), England(), "the new due date");
  CHECK_FALSE(weekend.ok());
  CHECK(weekend.message() == "the new due date 2026-10-25 is not a working day for this board; the next working day is 2026-10-26");
  Status st_andrew = CheckWorkingDay(D("2026-11-30"), Scotland(), "the due date");
  CHECK(st_andrew.message().find("the next working day is 2026-12-01") != std::string::npos);
  CHECK(CheckWorkingDay(D("2026-11-30"), England(), "the due date").ok());
}

TEST_CASE("lateness: counted in working days after the end of the due day", "[engine][deadlines]") {
  WorkingCalendar england = England();
  auto late = [&](const char* due, const char* done) {
    Result<int> days = WorkingDaysLate(D(due), D(done), england);
    REQUIRE(days.ok());
    return *days;
  };
  CHECK(late("2026-10-26", "2026-10-20") == 0);  // early
  CHECK(late("2026-10-26", "2026-10-26") == 0);  // on its due day
  CHECK(late("2026-10-26", "2026-10-29") == 3);  // Mon -> Thu
  CHECK(late("2026-10-23", "2026-10-24") == 1);  // Friday's step done on the Saturday is late all the same
  CHECK(late("2026-08-28", "2026-09-01") == 1);  // over a weekend and the summer bank holiday
  CHECK(DescribeWorkingDays(1) == "1 working day");
  CHECK(DescribeWorkingDays(3) == "3 working days");
}

// ---- The overall timescale ---------------------------------------------------------------------------

TimescaleDefinition SixMonths() {
  TimescaleDefinition definition;
  Result<DueRule> rule = ParseDueRule("6 months after decide_to_review");
  REQUIRE(rule.ok());
  definition.due = *rule;
  definition.met_by = LifecycleEvent::kSignOffReport;
  definition.source = "Working Together 2015, chapter 4";
  return definition;
}

Timescale Computed(const TimescaleFacts& facts) {
  Result<Timescale> timescale = ComputeTimescale(SixMonths(), facts, England());
  INFO(timescale.status().message());
  REQUIRE(timescale.ok());
  return *timescale;
}

TEST_CASE("timescale: no due date before the decision to review, and the basis says why", "[engine][timescale]") {
  TimescaleFacts facts;
  facts.today = D("2026-03-02");
  Timescale timescale = Computed(facts);
  CHECK_FALSE(timescale.due);
  CHECK_FALSE(timescale.from);
  CHECK_FALSE(timescale.working_days_left);
  CHECK(timescale.status == TimescaleStatus::kOnTrack);
  CHECK(timescale.basis == "6 months after decide_to_review: not counting yet, decide_to_review has not happened");
  CHECK(timescale.source == "Working Together 2015, chapter 4");
}

TEST_CASE("timescale: six months from the decision, on a working day, with the working days left",
          "[engine][timescale]") {
  TimescaleFacts facts;
  facts.basis_date = D("2026-04-25");
  facts.today = D("2026-10-19");
  facts.open_due_dates = {D("2026-10-01"), D("2026-10-26")};
  Timescale timescale = Computed(facts);
  REQUIRE(timescale.due);
  CHECK(timescale.due->ToString() == "2026-10-26");
  REQUIRE(timescale.from);
  CHECK(timescale.from->ToString() == "2026-04-25");
  CHECK(timescale.basis == "6 months after decide_to_review (2026-04-25)");
  CHECK(timescale.working_days_left == 5);
  CHECK(timescale.status == TimescaleStatus::kOnTrack);
}

TEST_CASE("timescale: a pause moves the due day on by the working days paused", "[engine][timescale]") {
  TimescaleFacts facts;
  facts.basis_date = D("2026-04-25");
  facts.working_days_paused = 10;
  facts.today = D("2026-10-19");
  Timescale timescale = Computed(facts);
  REQUIRE(timescale.due);
  CHECK(timescale.due->ToString() == "2026-11-09");
  CHECK(timescale.basis == "6 months after decide_to_review (2026-04-25), moved on by 10 working days paused");
  CHECK(timescale.working_days_left == 15);
}

TEST_CASE("timescale: at risk when a step before sign-off is already due after it", "[engine][timescale]") {
  TimescaleFacts facts;
  facts.basis_date = D("2026-04-25");
  facts.today = D("2026-09-01");
  facts.open_due_dates = {D("2026-10-01"), D("2026-10-27")};
  CHECK(Computed(facts).status == TimescaleStatus::kAtRisk);
}

TEST_CASE("timescale: missed once its due day has ended unmet", "[engine][timescale]") {
  TimescaleFacts facts;
  facts.basis_date = D("2026-04-25");
  facts.today = D("2026-10-26");
  CHECK(Computed(facts).status == TimescaleStatus::kOnTrack);  // the due day itself is still in time
  facts.today = D("2026-10-27");
  Timescale timescale = Computed(facts);
  CHECK(timescale.status == TimescaleStatus::kMissed);
  CHECK(timescale.working_days_left == -1);
}

TEST_CASE("timescale: met when signed off on or before the due day, missed when signed off after it",
          "[engine][timescale]") {
  TimescaleFacts facts;
  facts.basis_date = D("2026-04-25");
  facts.today = D("2027-03-01");
  facts.met_on = D("2026-10-26");
  Timescale met = Computed(facts);
  CHECK(met.status == TimescaleStatus::kMet);
  CHECK_FALSE(met.working_days_left);
  facts.met_on = D("2026-10-27");
  CHECK(Computed(facts).status == TimescaleStatus::kMissed);
}

TEST_CASE("an older database's open request due on a weekend is moved to the next working day at start",
          "[engine][deadlines]") {
  test::ServiceFixture fixture;  // Monday 2 March 2026
  ReviewId review = fixture.Refer();
  CommandResult asked = fixture.service().Execute(
      RequestInformationCommand{fixture.business_unit(), review, "Police", "Call records", D("2026-03-13")});
  REQUIRE(asked.status.ok());
  CHECK_FALSE(fixture.service()
                  .Execute(RequestInformationCommand{fixture.business_unit(), review, "Health", "GP notes", D("2026-03-14")})
                  .status.ok());  // a Saturday is refused today
  {
    SQLite::Database db(fixture.database_path(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE information_requests SET due = '2026-03-14'");  // as a version that accepted Saturdays stored it
  }
  fixture.Restart();
  Result<std::vector<InformationRequest>> requests = fixture.queries().InformationRequests(fixture.board(), review, std::nullopt);
  REQUIRE(requests.ok());
  REQUIRE(requests->size() == 1);
  CHECK(requests->front().due.ToString() == "2026-03-16");
}

}  // namespace
}  // namespace scr
