// The review record as the store reads it from rows: the same whether every running review is read at
// start or one review alone, and as the engine keeps it.
#include <catch2/catch.hpp>

#include "store/sqlite/review_store.h"
#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

Date D(const char* text) { return Date::Parse(text).value(); }

void CheckSameRecord(const OpenReview& a, const OpenReview& b) {
  CHECK(a.board_id == b.board_id);
  CHECK(a.workflow == b.workflow);
  CHECK(a.phase == b.phase);
  CHECK(a.conditions_held == b.conditions_held);
  CHECK(a.referral_date == b.referral_date);
  CHECK(a.first_event_days == b.first_event_days);
  CHECK(a.paused == b.paused);
  REQUIRE(a.checkpoints.size() == b.checkpoints.size());
  for (size_t i = 0; i < a.checkpoints.size(); ++i) {
    CHECK(a.checkpoints[i].definition == b.checkpoints[i].definition);
    CHECK(a.checkpoints[i].state == b.checkpoints[i].state);
    CHECK(a.checkpoints[i].due_days == b.checkpoints[i].due_days);
    CHECK(a.checkpoints[i].closed_days == b.checkpoints[i].closed_days);
  }
  REQUIRE(a.items.size() == b.items.size());
  for (size_t i = 0; i < a.items.size(); ++i) {
    CHECK(a.items[i].Subject() == b.items[i].Subject());
    CHECK(a.items[i].due_days == b.items[i].due_days);
  }
  REQUIRE(a.holds.size() == b.holds.size());
  for (size_t i = 0; i < a.holds.size(); ++i) CHECK(a.holds[i].process == b.holds[i].process);
}

}  // namespace

TEST_CASE("review store: a running review read at start and read alone gives the same record, with its items and holds",
          "[store]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer("scr-2015", /*child_died=*/true);
  fixture.Walk(review, "decide_to_review");
  REQUIRE(fixture.service()
              .Execute(RequestInformationCommand{fixture.business_unit(), review, "Police", "Call records", D("2026-03-13")})
              .status.ok());
  REQUIRE(fixture.service()
              .Execute(AddParallelProcessCommand{fixture.business_unit(), review, "criminal_investigation", "active",
                                                 "publication", "Police", ""})
              .status.ok());
  ReviewId other = fixture.Refer();

  Result<std::unique_ptr<Database>> database = Database::Open(fixture.database_path(), Database::Mode::kReadOnly);
  REQUIRE(database.ok());
  SqliteReviewStore store(**database, test::ProjectWorkflows());
  std::vector<std::pair<ReviewId, StoredReview>> running = store.ReadRunningReviews();
  REQUIRE(running.size() == 2);
  CHECK(running[0].first == review);
  CHECK(running[1].first == other);

  std::optional<StoredReview> alone = store.ReadReview(fixture.board(), review);
  REQUIRE(alone);
  const OpenReview& record = running[0].second.record;
  CHECK(record.phase == Phase::kSettingUp);
  REQUIRE(record.items.size() == 1);
  CHECK(record.items[0].Subject().rfind("information_request/", 0) == 0);
  CHECK(record.items[0].due() == D("2026-03-13"));
  REQUIRE(record.holds.size() == 1);
  CHECK(record.holds[0].holds == Hold::kPublication);
  CHECK(running[0].second.summary.publication_holds == 1);
  CHECK_FALSE(running[0].second.closures.empty());  // the steps done on the way to the decision
  CheckSameRecord(record, alone->record);
  CHECK(alone->closures.size() == running[0].second.closures.size());

  // Another board's review is not read as the board's own.
  CHECK_FALSE(store.ReadReview(fixture.board() + 1, review));
}
