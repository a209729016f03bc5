// The scheduler on its own, with no review service: it reads the open reviews through ScheduledReviews,
// fires what is due into the alerts table and queues each alert for the notifier once.
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <unordered_map>

#include "scheduler/scheduler.h"
#include "store/sqlite/scheduler_store.h"
#include "support/board_reviews.h"
#include "support/calendar_helpers.h"
#include "support/referred_review.h"
#include "support/test_support.h"

namespace scr {
namespace {

using test::BoardReviews;
using test::ReferredReview;

}  // namespace

TEST_CASE("scheduler: a review's due alerts are fired from the records its owner keeps, each queued once for "
          "the notifier, and nothing more once the review has ended",
          "[engine][scheduler]") {
  test::TempDir dir;
  std::string path = dir.File("scr.db");
  Result<std::unique_ptr<Database>> database = Database::Open(path, Database::Mode::kReadWrite);
  REQUIRE(database.ok());
  SimulatedClock clock(test::At("2026-02-27T09:00:00Z"));  // the Friday before the referral
  BoardReviews reviews;
  reviews.open.emplace(7, ReferredReview(reviews.england));
  SqliteSchedulerStore store(**database);
  Scheduler scheduler(store, reviews, clock, /*digest_time=*/std::nullopt);
  scheduler.Schedule(7, reviews.open.at(7));
  CHECK(scheduler.pending_count() == 1);
  std::optional<Instant> next = scheduler.NextAlertAt();
  REQUIRE(next);
  REQUIRE(*next > clock.Now());
  CHECK(scheduler.FireDueAlerts(1000, SIZE_MAX).value() == 0);  // nothing is due yet

  REQUIRE(clock.AdvanceTo(*next).ok());
  Result<size_t> fired = scheduler.FireDueAlerts(1000, SIZE_MAX);
  REQUIRE(fired.ok());
  CHECK(*fired >= 1);
  auto fired_rows = static_cast<long long>(*fired);
  CHECK(test::CountRows(path, "SELECT COUNT(*) FROM alerts WHERE review_id = 7") == fired_rows);
  CHECK(test::CountRows(path, "SELECT COUNT(*) FROM outbox") == fired_rows);
  CHECK(test::CountRows(path, "SELECT COUNT(DISTINCT o.alert_id) FROM outbox o JOIN alerts a ON a.id = o.alert_id") ==
        fired_rows);
  REQUIRE(scheduler.NextAlertAt());
  CHECK(*scheduler.NextAlertAt() > *next);
  CHECK(scheduler.FireDueAlerts(1000, SIZE_MAX).value() == 0);  // each alert once
  CHECK(test::CountRows(path, "SELECT COUNT(*) FROM outbox") == fired_rows);

  // The owner drops the ended review's record: its entry in the queue is stale, nothing more fires.
  OpenReview last = reviews.open.at(7);
  reviews.open.erase(7);
  scheduler.Ended(last);
  CHECK(scheduler.pending_count() == 0);
  CHECK_FALSE(scheduler.NextAlertAt());
  REQUIRE(clock.AdvanceTo(test::At("2026-06-01T09:00:00Z")).ok());
  CHECK(scheduler.FireDueAlerts(1000, SIZE_MAX).value() == 0);
}

}  // namespace scr
