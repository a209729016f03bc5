// The commands on their own, with no review service: each kind of command reaches its own function through
// the one table (service/command_table.h), and works with nothing but what CommandContext gives it.
#include <catch2/catch.hpp>

#include <memory>
#include <unordered_map>
#include <vector>

#include "engine/directory.h"
#include "scheduler/scheduler.h"
#include "service/command_table.h"
#include "store/sqlite/sqlite_store.h"
#include "support/board_reviews.h"
#include "support/calendar_helpers.h"
#include "support/test_support.h"

namespace scr {
namespace {

// A context kept by the test: the open reviews in a map, one board in England, and the history's events
// by name (the review service appends them to the chained history; here they are only counted).
class TestContext final : public CommandContext {
 public:
  TestContext(const std::string& path, const Moment& moment)
      : store_(MakeSqliteStore(Database::Open(path, Database::Mode::kReadWrite).value(), test::ProjectWorkflows())),
        scheduler_(store_->scheduler(), reviews_, clock_, /*digest_time=*/std::nullopt),
        moment_(moment) {}

  Status Run(const Command& command, CommandResult& result) { return RunCommand(command, At(moment_), result); }

  Result<OpenReview> CheckOut(const Actor&, ReviewId id) override {
    auto it = reviews_.open.find(id);
    if (it == reviews_.open.end()) return Status::NotFound("no review " + std::to_string(id));
    return it->second;
  }
  void CheckIn(ReviewId id, OpenReview review) override { reviews_.open[id] = std::move(review); }
  bool IsOpen(ReviewId id) const override { return reviews_.open.count(id) > 0; }
  Result<const WorkingCalendar*> CalendarFor(BoardId board) override { return reviews_.CalendarFor(board); }
  void AppendToHistory(ReviewId id, OpenReview&, const Actor&, const Moment& moment, const std::string& event,
                       const std::string&, const std::string&) override {
    CHECK(moment.at == moment_.at);
    history.emplace_back(id, event);
  }
  Store& store() override { return *store_; }
  Scheduler& scheduler() override { return scheduler_; }
  const WorkflowRegistry& workflows() const override { return test::ProjectWorkflows(); }

  std::vector<std::pair<ReviewId, std::string>> history;

 private:
  SimulatedClock clock_{test::At("2026-03-02T10:00:00Z")};
  test::BoardReviews reviews_;
  std::unique_ptr<Store> store_;
  Scheduler scheduler_;
  const Moment& moment_;
};

}  // namespace

TEST_CASE("commands: each kind of command runs its own function from the table, with only the context the "
          "review service would give it",
          "[engine][commands]") {
  test::TempDir dir;
  std::string path = dir.File("scr.db");
  BoardId board = 0;
  {
    std::unique_ptr<Directory> directory = Directory::Open(path).value();
    board = directory->CreateBoard("Test board", Nation::kEnglandAndWales, "Europe/London").value();
  }
  Moment moment{test::At("2026-03-02T10:00:00Z"), "2026-03-02T10:00:00Z"};
  TestContext context(path, moment);
  Actor business_unit{board, Role::kBusinessUnit, "Test business unit", std::nullopt};

  Referral referral;
  referral.workflow = "scr-2015";
  referral.title = "Case A";
  referral.incident_date = test::D("2026-02-20");
  referral.referral_date = test::D("2026-03-02");
  referral.rationale = "Serious harm, abuse known or suspected";
  referral.conditions = {{"statutory_criteria_met", true}, {"child_died", false}, {"family_lived_elsewhere", false}};
  CommandResult referred;
  Status refer = context.Run(ReferCommand{business_unit, referral}, referred);
  INFO(refer.message());
  REQUIRE(refer.ok());
  ReviewId id = referred.review;
  CHECK(referred.created_id == id);
  CHECK(referred.phase == Phase::kDecisionPending);
  CHECK(context.IsOpen(id));
  CHECK(test::CountRows(path, "SELECT COUNT(*) FROM reviews") == 1);
  REQUIRE(context.history.size() == 1);
  CHECK(context.history.front() == std::make_pair(id, std::string("referred")));

  // Each refusal is the one its own command gives, and nothing is written or appended.
  CommandResult refused;
  ApplyEventCommand unknown_event{business_unit, id, "no_such_event", "", "{}"};
  Status event = context.Run(unknown_event, refused);
  CHECK(event.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(event.message(), Catch::Contains("unknown event 'no_such_event'"));

  CompleteCheckpointCommand unknown_checkpoint{business_unit, id, "no_such_checkpoint", "", ""};
  Status completed = context.Run(unknown_checkpoint, refused);
  CHECK(completed.code() == Status::Code::kNotFound);
  CHECK_THAT(completed.message(), Catch::Contains("no checkpoint 'no_such_checkpoint'"));

  WaiveCheckpointCommand without_reason{business_unit, id, "referral_rationale_recorded", ""};
  CHECK_THAT(context.Run(without_reason, refused).message(), Catch::Contains("waiving a checkpoint needs a reason"));

  AcknowledgeAlertCommand nothing_named;
  nothing_named.actor = business_unit;
  CHECK_THAT(context.Run(nothing_named, refused).message(), Catch::Contains("name at least one alert"));
  CHECK(context.history.size() == 1);
}

}  // namespace scr
