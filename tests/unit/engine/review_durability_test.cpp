// What survives a restart, what a failed transaction leaves behind (nothing), group commit, and the
// hash-chained history.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

const std::vector<std::pair<Phase, std::vector<std::string>>> kPathToEachPhase = {
    {Phase::kDecisionPending, {}},
    {Phase::kNotProceeding, {"decide_not_to_review"}},
    {Phase::kSettingUp, {"decide_to_review"}},
    {Phase::kCommissioning, {"decide_to_review", "commission"}},
    {Phase::kReviewRunning, {"decide_to_review", "commission", "start_review"}},
    {Phase::kReportQa, {"decide_to_review", "commission", "start_review", "submit_report"}},
    {Phase::kBoardResponse, {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report"}},
    {Phase::kPublicationPending,
     {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report", "agree_response"}},
    {Phase::kImplementation,
     {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report", "agree_response", "publish"}},
    {Phase::kClosed,
     {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report", "agree_response", "publish",
      "close"}},
};

// Runs SQL on the database file through a connection of its own, as an intruder or a test rig would.
void RunSql(const std::string& path, const std::string& sql) {
  SQLite::Database database(path, SQLite::OPEN_READWRITE);
  database.exec(sql);
}

}  // namespace

TEST_CASE("restart: reviews in every phase come back in the same phase, with the same allowed events",
          "[engine][durability]") {
  for (const char* workflow : {"scr-2015", "lcspr-2023"}) {
    ServiceFixture fixture;
    std::vector<std::pair<ReviewId, ReviewView>> before;
    for (const auto& [phase, path] : kPathToEachPhase) {
      ReviewId id = fixture.Refer(workflow);
      for (const std::string& event : path) fixture.Walk(id, event);
      ReviewView view = fixture.Get(id);
      REQUIRE(view.summary.phase == phase);
      before.emplace_back(id, view);
    }
    size_t open_before = fixture.service().open_review_count();
    fixture.Restart();
    CHECK(fixture.service().open_review_count() == open_before);
    CHECK(open_before == kPathToEachPhase.size() - 1);  // only closed has ended: not_proceeding is still chased
    for (const auto& [id, view] : before) {
      ReviewView after = fixture.Get(id);
      INFO(workflow << " review in " << PhaseName(view.summary.phase));
      CHECK(after.summary.phase == view.summary.phase);
      CHECK(after.allowed_events == view.allowed_events);
    }
    // The engine carries on where it stopped: the next event continues the history chain.
    ReviewId running = before[4].first;
    CHECK(fixture.Walk(running, "submit_report").phase == Phase::kReportQa);
    CHECK(fixture.VerifyHistory().empty());
  }
}

TEST_CASE("restart: guards are judged on the restored checkpoints, not re-run entries", "[engine][durability]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.Complete(id, "chair_decision");
  fixture.Restart();
  CommandResult blocked = fixture.Apply(id, "decide_to_review");
  CHECK(blocked.status.items() == std::vector<std::string>{"referral_rationale_recorded"});
}

TEST_CASE("transaction: a command that fails half-way leaves nothing behind", "[engine][durability]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.Complete(id, "chair_decision");
  fixture.Complete(id, "referral_rationale_recorded");
  std::vector<HistoryEvent> history_before = fixture.queries().History(fixture.board(), id).value();

  // The last write of the command (the review's new phase) fails, after its event and due dates were written.
  RunSql(fixture.database_path(),
         "CREATE TRIGGER fail_phase_change BEFORE UPDATE OF phase ON reviews "
         "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
  CommandResult failed = fixture.Apply(id, "decide_to_review");
  CHECK(failed.status.code() == Status::Code::kStorage);
  CHECK(failed.status.message().find("SELECT") == std::string::npos);

  ReviewView view = fixture.Get(id);
  CHECK(view.summary.phase == Phase::kDecisionPending);
  CHECK_FALSE(fixture.Checkpoint(view, "family_informed").due.has_value());
  CHECK(fixture.queries().History(fixture.board(), id).value().size() == history_before.size());

  // Once the fault is gone the same command succeeds, and the history chain is whole.
  RunSql(fixture.database_path(), "DROP TRIGGER fail_phase_change");
  CHECK(fixture.Apply(id, "decide_to_review").phase == Phase::kSettingUp);
  CHECK(fixture.queries().History(fixture.board(), id).value().size() == history_before.size() + 1);
  CHECK(fixture.VerifyHistory().empty());
  fixture.Restart();
  CHECK(fixture.Get(id).summary.phase == Phase::kSettingUp);
}

TEST_CASE("group commit: commands in one transaction succeed or fail each on their own", "[engine][durability]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  const Actor& unit = fixture.business_unit();
  std::vector<Command> batch = {
      CompleteCheckpointCommand{unit, id, "chair_decision", "", ""},
      CompleteCheckpointCommand{unit, id, "no_such_checkpoint", "", ""},
      CompleteCheckpointCommand{unit, id, "referral_rationale_recorded", "", ""},
      ApplyEventCommand{unit, id, "decide_to_review", "Criteria met.", "{}"},
      ApplyEventCommand{unit, id, "decide_to_review", "Twice.", "{}"},
  };
  std::vector<CommandResult> results = fixture.service().ExecuteBatch(batch);
  REQUIRE(results.size() == 5);
  CHECK(results[0].status.ok());
  CHECK(results[1].status.code() == Status::Code::kNotFound);
  CHECK(results[2].status.ok());
  CHECK(results[3].status.ok());
  CHECK(results[3].phase == Phase::kSettingUp);
  CHECK(results[4].status.code() == Status::Code::kInvalidTransition);
  fixture.Restart();
  CHECK(fixture.Get(id).summary.phase == Phase::kSettingUp);
  CHECK(fixture.queries().History(fixture.board(), id).value().size() == 4);
}

TEST_CASE("history: every change is recorded with who, when and why, and a changed row breaks the chain",
          "[engine][history]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.AdvanceDays(1);
  fixture.Complete(id, "chair_decision");
  fixture.Complete(id, "referral_rationale_recorded");
  fixture.Apply(id, "decide_to_review", "Statutory criteria met.");
  std::vector<HistoryEvent> history = fixture.queries().History(fixture.board(), id).value();
  REQUIRE(history.size() == 4);
  CHECK(history[0].event == "referred");
  CHECK(history[0].at == "2026-03-02T09:00:00Z");
  CHECK(history[3].event == "decide_to_review");
  CHECK(history[3].reason == "Statutory criteria met.");
  CHECK(history[3].actor == "Test business unit (business_unit)");
  CHECK(history[3].at == "2026-03-03T09:00:00Z");
  for (size_t i = 1; i < history.size(); ++i) CHECK(history[i].seq == history[i - 1].seq + 1);
  CHECK(fixture.VerifyHistory().empty());

  SECTION("the history refuses to be changed through SQL") {
    CHECK_THROWS(RunSql(fixture.database_path(), "UPDATE review_events SET reason = 'x' WHERE seq = 4"));
    CHECK_THROWS(RunSql(fixture.database_path(), "DELETE FROM review_events WHERE seq = 4"));
  }
  SECTION("a reason rewritten behind the engine's back is found") {
    RunSql(fixture.database_path(),
           "DROP TRIGGER review_events_no_update; "
           "UPDATE review_events SET reason = 'Not met.' WHERE seq = 4");
    std::string problem = fixture.VerifyHistory();
    CHECK(problem.find("review " + std::to_string(id) + ", event 4 (decide_to_review") != std::string::npos);
  }
  SECTION("an event deleted from the end of the history is found by the ledger's count") {
    RunSql(fixture.database_path(),
           "DROP TRIGGER review_events_no_delete; DELETE FROM review_events WHERE seq = 4");
    std::string problem = fixture.VerifyHistory();
    CHECK(problem.find("ledger counted 4") != std::string::npos);
    CHECK(problem.find("deleted") != std::string::npos);
  }
  SECTION("an event deleted from the middle of the history is found by the chain") {
    RunSql(fixture.database_path(),
           "DROP TRIGGER review_events_no_delete; DELETE FROM review_events WHERE seq = 2");
    CHECK(fixture.VerifyHistory().find("event 2 is missing") != std::string::npos);
  }
  SECTION("a review whose whole history was deleted is found") {
    RunSql(fixture.database_path(), "DROP TRIGGER review_events_no_delete; DELETE FROM review_events");
    CHECK(fixture.VerifyHistory().find("has no history at all") != std::string::npos);
  }
}
