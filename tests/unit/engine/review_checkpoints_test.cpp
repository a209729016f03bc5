// Checkpoints: due dates as events happen, completion, waiving, extension (the delay register),
// and the statuses derived from the clock.
#include <catch2/catch.hpp>

#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

TEST_CASE("due dates: checkpoints counting from the decision get their dates when the chair decides",
          "[engine][checkpoint]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer("scr-2015", /*child_died=*/true);
  fixture.AdvanceDays(10);  // Thursday 12 March 2026
  fixture.Walk(id, "decide_to_review");
  ReviewView view = fixture.Get(id);
  // 10 working days after Thursday 12 March 2026.
  CHECK(fixture.Checkpoint(view, "family_informed").due->ToString() == "2026-03-26");
  CHECK(fixture.Checkpoint(view, "coroner_notified").due->ToString() == "2026-03-26");
  // Six months after the decision (Working Together 2015): Saturday 12 September, so Monday 14.
  CHECK(fixture.Checkpoint(view, "report_submitted_to_board").due->ToString() == "2026-09-14");
}

TEST_CASE("due dates: a checkpoint counting from another's completion is dated when that one is done",
          "[engine][checkpoint]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.Walk(id, "decide_to_review");
  CHECK_FALSE(fixture.Checkpoint(fixture.Get(id), "review_plan_agreed").due.has_value());
  fixture.AdvanceDays(1);  // Tuesday 3 March
  REQUIRE(fixture.Complete(id, "lead_reviewer_appointed").status.ok());
  ReviewView view = fixture.Get(id);
  CHECK(fixture.Checkpoint(view, "review_plan_agreed").due->ToString() == "2026-03-17");
  CHECK(fixture.Checkpoint(view, "lead_reviewer_appointed").status == CheckpointStatus::kDone);
  CHECK(fixture.Checkpoint(view, "lead_reviewer_appointed").closed_by->find("Test business unit") != std::string::npos);
}

TEST_CASE("status: a checkpoint is due soon from its first reminder and overdue once its due day has ended",
          "[engine][checkpoint]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();  // chair_decision due Thursday 2 April 2026
  CHECK(fixture.Checkpoint(fixture.Get(id), "chair_decision").status == CheckpointStatus::kPending);
  REQUIRE(fixture.clock().AdvanceTo(ParseInstant("2026-04-01T09:00:00+01:00").value()).ok());
  CHECK(fixture.Checkpoint(fixture.Get(id), "chair_decision").status == CheckpointStatus::kDueSoon);
  REQUIRE(fixture.clock().AdvanceTo(ParseInstant("2026-04-02T23:59:00+01:00").value()).ok());
  CHECK(fixture.Checkpoint(fixture.Get(id), "chair_decision").status == CheckpointStatus::kDueSoon);
  REQUIRE(fixture.clock().AdvanceTo(ParseInstant("2026-04-03T00:00:00+01:00").value()).ok());
  ReviewView view = fixture.Get(id);
  CHECK(fixture.Checkpoint(view, "chair_decision").status == CheckpointStatus::kOverdue);
  CHECK(view.summary.overdue_count > 0);

  ReviewFilter overdue;
  overdue.overdue = true;
  CHECK(fixture.queries().ListReviews(fixture.board(), overdue)->items.size() == 1);
  overdue.overdue = false;
  CHECK(fixture.queries().ListReviews(fixture.board(), overdue)->items.empty());
}

TEST_CASE("waive: needs a reason, a waived checkpoint holds nothing back", "[engine][checkpoint]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  Actor chair{fixture.board(), Role::kChair, "Chair", std::nullopt};
  CHECK(fixture.service().Execute(WaiveCheckpointCommand{chair, id, "referral_rationale_recorded", ""}).status.code() ==
        Status::Code::kInvalidArgument);
  REQUIRE(fixture.service()
              .Execute(WaiveCheckpointCommand{chair, id, "referral_rationale_recorded", "Rationale is in the minutes."})
              .status.ok());
  ReviewView view = fixture.Get(id);
  const CheckpointView& waived = fixture.Checkpoint(view, "referral_rationale_recorded");
  CHECK(waived.status == CheckpointStatus::kWaived);
  CHECK(waived.note == "Rationale is in the minutes.");
  CommandResult blocked = fixture.Apply(id, "decide_to_review");
  CHECK(blocked.status.items() == std::vector<std::string>{"chair_decision"});
  CHECK(fixture.Complete(id, "referral_rationale_recorded").status.code() == Status::Code::kConflict);
}

TEST_CASE("extend: moving a due date needs a reason and a later working day, and is kept in the delay register",
          "[engine][checkpoint][delay]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  const Actor& unit = fixture.business_unit();
  auto extend = [&](const std::string& key, const std::string& due, const std::string& reason) {
    return fixture.service().Execute(ExtendCheckpointCommand{unit, id, key, Date::Parse(due).value(), reason}).status;
  };
  CHECK(extend("chair_decision", "2026-04-20", "").code() == Status::Code::kInvalidArgument);
  CHECK(extend("chair_decision", "2026-03-20", "Earlier").code() == Status::Code::kInvalidArgument);
  CHECK(extend("chair_decision", "2026-04-18", "A Saturday").code() == Status::Code::kInvalidArgument);
  CHECK(extend("family_informed", "2026-04-20", "No date yet").code() == Status::Code::kConflict);
  CHECK(extend("no_such_checkpoint", "2026-04-20", "x").code() == Status::Code::kNotFound);
  REQUIRE(extend("chair_decision", "2026-04-20", "Police information arrives on 14 April.").ok());

  ReviewView view = fixture.Get(id);
  CHECK(fixture.Checkpoint(view, "chair_decision").due->ToString() == "2026-04-20");
  REQUIRE(view.delays.size() == 1);
  CHECK(view.delays[0].checkpoint == "chair_decision");
  CHECK(view.delays[0].previous_due.ToString() == "2026-04-02");
  CHECK(view.delays[0].new_due.ToString() == "2026-04-20");
  CHECK(view.delays[0].reason == "Police information arrives on 14 April.");
  std::vector<HistoryEvent> history = fixture.queries().History(fixture.board(), id).value();
  CHECK(history.back().event == "checkpoint_extended");
  CHECK(history.back().reason == "Police information arrives on 14 April.");
}

TEST_CASE("due dates: the same rule gives different dates to boards in Scotland and England", "[engine][checkpoint]") {
  // Referral on Friday 27 November 2026: St Andrew's Day (Monday 30 November) is a holiday in Scotland only.
  ServiceFixture england("2026-11-27T10:00:00Z", Nation::kEnglandAndWales);
  ServiceFixture scotland("2026-11-27T10:00:00Z", Nation::kScotland);
  auto due = [](ServiceFixture& fixture) {
    Referral referral = fixture.MakeReferral();
    referral.incident_date = Date::FromYmd(2026, 11, 20);
    referral.referral_date = Date::FromYmd(2026, 11, 27);
    ReviewId id = fixture.service().Execute(ReferCommand{fixture.business_unit(), referral}).review;
    return fixture.Checkpoint(fixture.Get(id), "national_notification").due->ToString();
  };
  CHECK(due(england) == "2026-12-04");
  CHECK(due(scotland) == "2026-12-07");
}
