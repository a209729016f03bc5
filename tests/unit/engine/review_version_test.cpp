// A review's version (ReviewVersion): what the API checks before answering a read from the JSON it wrote
// last time. It must move whenever what GET /reviews/{id} shows could differ, and stay put otherwise.
#include <catch2/catch.hpp>

#include <chrono>

#include "support/service_fixture.h"

namespace scr {
namespace {

TEST_CASE("a review's version moves with every change to the review and with the date, and with nothing else",
          "[engine][review]") {
  test::ServiceFixture fixture;  // Monday 2 March 2026, 09:00
  ReviewQueries& queries = fixture.queries();
  ReviewId review = fixture.Refer();
  ReviewVersion referred = queries.VersionOf(fixture.board(), review).value();
  CHECK(queries.VersionOf(fixture.board(), review).value() == referred);
  CHECK(fixture.Get(review).version == referred);

  ReviewId other = fixture.Refer();  // a change to another review
  fixture.Complete(other, "national_notification");
  CHECK(queries.VersionOf(fixture.board(), review).value() == referred);

  fixture.Complete(review, "national_notification");
  ReviewVersion completed = queries.VersionOf(fixture.board(), review).value();
  CHECK_FALSE(completed == referred);
  CHECK(completed.last_seq > referred.last_seq);
  CHECK(fixture.Get(review).version == completed);

  fixture.Walk(review, "decide_to_review");
  ReviewVersion decided = queries.VersionOf(fixture.board(), review).value();
  CHECK_FALSE(decided == completed);

  REQUIRE(fixture.clock().AdvanceBy(std::chrono::hours(8)).ok());  // 17:00 the same day
  CHECK(queries.VersionOf(fixture.board(), review).value() == decided);
  REQUIRE(fixture.clock().AdvanceBy(std::chrono::hours(8)).ok());  // 01:00 the next day
  ReviewVersion next_day = queries.VersionOf(fixture.board(), review).value();
  CHECK_FALSE(next_day == decided);
  CHECK(next_day.last_seq == decided.last_seq);
  CHECK(fixture.Get(review).version == next_day);
}

TEST_CASE("another board's review has no version for the caller", "[engine][review][security]") {
  test::ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  BoardId other = fixture.directory().CreateBoard("Other board", Nation::kScotland, "Europe/London").value();
  CHECK(fixture.queries().VersionOf(other, review).status().code() == Status::Code::kNotFound);
  CHECK(fixture.queries().VersionOf(fixture.board(), review + 100).status().code() == Status::Code::kNotFound);
}

}  // namespace
}  // namespace scr
