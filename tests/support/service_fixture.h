// A review service on a real SQLite file in a temporary folder, with a simulated clock and one board,
// for tests of the commands and their effects.
#pragma once

#include <memory>
#include <string>

#include "engine/directory.h"
#include "engine/review_queries.h"
#include "engine/review_service.h"
#include "support/test_support.h"

namespace scr::test {

class ServiceFixture {
 public:
  // The clock starts on Monday 2 March 2026, 09:00 London time, unless told otherwise.
  explicit ServiceFixture(const std::string& start = "2026-03-02T09:00:00Z", Nation nation = Nation::kEnglandAndWales);

  ReviewService& service() { return *service_; }
  ReviewQueries& queries() { return *queries_; }
  Directory& directory() { return *directory_; }
  SimulatedClock& clock() { return clock_; }
  const std::string& database_path() const { return database_path_; }
  const Actor& business_unit() const { return business_unit_; }
  BoardId board() const { return business_unit_.board_id; }

  // Every review's history checked under the key beside the database, as `admin verify` checks it: empty
  // when every chain holds, else the first problem in words.
  std::string VerifyHistory();
  // Closes and reopens the service on the same file: what a restart does.
  void Restart();
  // Moves the clock forward by whole days.
  void AdvanceDays(int days);
  // Moves the clock to `when` (RFC 3339) and fires every alert and digest due by then, as the engine would.
  void AdvanceAndFire(const char* when);

  Referral MakeReferral(const std::string& workflow = "scr-2015", bool child_died = false) const;
  ReviewId Refer(const std::string& workflow = "scr-2015", bool child_died = false);
  CommandResult Apply(ReviewId review, const std::string& event, const std::string& reason = "recorded for the test");
  // Completes whatever blocks `event`, then applies it; fails the test if it still cannot be applied.
  CommandResult Walk(ReviewId review, const std::string& event);
  CommandResult Complete(ReviewId review, const std::string& key);
  ReviewView Get(ReviewId review);
  const CheckpointView& Checkpoint(const ReviewView& view, const std::string& key);

 private:
  TempDir dir_;
  std::string database_path_;
  SimulatedClock clock_;
  std::unique_ptr<Directory> directory_;
  std::unique_ptr<ReviewService> service_;
  std::unique_ptr<ReviewQueries> queries_;
  Actor business_unit_;
};

}  // namespace scr::test
