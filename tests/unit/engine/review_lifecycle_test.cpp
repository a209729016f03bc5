// A review's course through its phases, through the ReviewService on a real database.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

std::vector<std::string> Names(const std::vector<LifecycleEvent>& events) {
  std::vector<std::string> names;
  for (LifecycleEvent event : events) names.push_back(EventName(event));
  return names;
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// The path of the contract, including one return of the report for revision.
const std::vector<std::pair<std::string, Phase>> kFullCourse = {
    {"decide_to_review", Phase::kSettingUp},       {"commission", Phase::kCommissioning},
    {"start_review", Phase::kReviewRunning},       {"submit_report", Phase::kReportQa},
    {"return_for_revision", Phase::kReviewRunning}, {"submit_report", Phase::kReportQa},
    {"sign_off_report", Phase::kBoardResponse},    {"agree_response", Phase::kPublicationPending},
    {"publish", Phase::kImplementation},           {"close", Phase::kClosed},
};

}  // namespace

TEST_CASE("referral: a new review waits for the chair's decision, due one month after the referral",
          "[engine][review]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  ReviewView view = fixture.Get(id);
  CHECK(view.summary.phase == Phase::kDecisionPending);
  const CheckpointView& decision = fixture.Checkpoint(view, "chair_decision");
  REQUIRE(decision.due.has_value());
  CHECK(decision.due->ToString() == "2026-04-02");
  CHECK(decision.status == CheckpointStatus::kPending);
  // Counted from a decision that has not happened yet: no due date.
  CHECK_FALSE(fixture.Checkpoint(view, "family_informed").due.has_value());
}

TEST_CASE("referral: the coroner is to be notified only when the child died", "[engine][review]") {
  ServiceFixture fixture;
  auto has_coroner = [&](ReviewId id) {
    for (const CheckpointView& c : fixture.Get(id).checkpoints) {
      if (c.key == "coroner_notified") return true;
    }
    return false;
  };
  CHECK_FALSE(has_coroner(fixture.Refer("scr-2015", /*child_died=*/false)));
  CHECK(has_coroner(fixture.Refer("scr-2015", /*child_died=*/true)));
}

TEST_CASE("referral: bad referrals are refused with a reason and store nothing", "[engine][review]") {
  ServiceFixture fixture;
  Referral referral = fixture.MakeReferral();
  referral.workflow = "no-such-type";
  CHECK(fixture.service().Execute(ReferCommand{fixture.business_unit(), referral}).status.code() ==
        Status::Code::kInvalidArgument);
  referral = fixture.MakeReferral();
  referral.incident_date = Date::FromYmd(2026, 3, 10);
  Status late = fixture.service().Execute(ReferCommand{fixture.business_unit(), referral}).status;
  CHECK(late.message().find("after referral_date") != std::string::npos);
  referral = fixture.MakeReferral();
  referral.referral_date = Date::FromYmd(2026, 3, 20);  // the clock stands at 2 March
  CHECK(fixture.service().Execute(ReferCommand{fixture.business_unit(), referral}).status.message().find("future") !=
        std::string::npos);
  CHECK(fixture.queries().ListReviews(fixture.board(), {})->items.empty());
}

TEST_CASE("lifecycle: an SCR runs its whole course from referral to closed", "[engine][review][lifecycle]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer("scr-2015", /*child_died=*/true);
  for (const auto& [event, phase] : kFullCourse) {
    fixture.AdvanceDays(3);
    CommandResult result = fixture.Walk(id, event);
    CHECK(result.phase == phase);
    CHECK(fixture.Get(id).summary.phase == phase);
  }
  CHECK(fixture.Get(id).allowed_events.empty());
}

TEST_CASE("lifecycle: a rapid review leads to a local child safeguarding practice review and its whole course",
          "[engine][review][lifecycle]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer("lcspr-2023");
  // The rapid review counts from the notification to the Panel, which the business unit records: until
  // then it has no date.
  CHECK_FALSE(fixture.Checkpoint(fixture.Get(id), "rapid_review_completed").due.has_value());
  fixture.AdvanceDays(2);
  fixture.Complete(id, "panel_notified");  // Wednesday 4 March 2026
  ReviewView view = fixture.Get(id);
  // 15 working days after the notification (Easter is later), not after the referral (23 March).
  CHECK(fixture.Checkpoint(view, "rapid_review_completed").due->ToString() == "2026-03-25");
  CHECK(fixture.Checkpoint(view, "chair_decision").due->ToString() == "2026-03-25");
  CHECK(fixture.Checkpoint(view, "agency_information_for_decision").due->ToString() == "2026-03-18");
  for (const auto& [event, phase] : kFullCourse) {
    fixture.AdvanceDays(2);
    CHECK(fixture.Walk(id, event).phase == phase);
  }
}

TEST_CASE("lifecycle: deciding not to review keeps its duties open and can be reconsidered, nothing else",
          "[engine][review][lifecycle]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  CHECK(fixture.Walk(id, "decide_not_to_review").phase == Phase::kNotProceeding);
  ReviewView view = fixture.Get(id);
  std::vector<std::string> allowed;
  for (LifecycleEvent event : view.allowed_events) allowed.push_back(EventName(event));
  CHECK(allowed == std::vector<std::string>{"reconsider", "pause"});
  CHECK(fixture.Checkpoint(view, "board_advised").due.has_value());  // the board is told either way (QM3)
  CommandResult after = fixture.Apply(id, "commission");
  CHECK(after.status.code() == Status::Code::kInvalidTransition);
  CHECK(after.status.message().find("not_proceeding") != std::string::npos);
  CHECK(fixture.Complete(id, "board_advised").status.ok());
}

TEST_CASE("refusal: an event that does not belong to the phase is refused and the allowed events are listed",
          "[engine][review][refusal]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.Complete(id, "chair_decision");
  fixture.Complete(id, "referral_rationale_recorded");
  CommandResult result = fixture.Apply(id, "publish");
  CHECK(result.status.code() == Status::Code::kInvalidTransition);
  CHECK(result.status.items() == std::vector<std::string>{"decide_to_review", "decide_not_to_review", "pause"});
  CHECK(Names(fixture.Get(id).allowed_events) == result.status.items());
  CHECK(fixture.Apply(id, "no_such_event").status.code() == Status::Code::kInvalidArgument);
}

TEST_CASE("refusal: an event held back by open checkpoints lists them, and is allowed once they are done",
          "[engine][review][refusal]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  CommandResult blocked = fixture.Apply(id, "decide_to_review");
  CHECK(blocked.status.code() == Status::Code::kBlocked);
  CHECK(Contains(blocked.status.items(), "chair_decision"));
  CHECK(Contains(blocked.status.items(), "referral_rationale_recorded"));
  CHECK(fixture.Get(id).summary.phase == Phase::kDecisionPending);
  CHECK(Names(fixture.Get(id).allowed_events) == std::vector<std::string>{"pause"});
  for (const std::string& key : blocked.status.items()) REQUIRE(fixture.Complete(id, key).status.ok());
  CHECK(fixture.Apply(id, "decide_to_review").phase == Phase::kSettingUp);
}

TEST_CASE("refusal: the chair's decision needs its rationale", "[engine][review][refusal]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.Complete(id, "chair_decision");
  fixture.Complete(id, "referral_rationale_recorded");
  CommandResult result = fixture.Apply(id, "decide_to_review", "");
  CHECK(result.status.code() == Status::Code::kInvalidArgument);
  CHECK(result.status.message().find("reason") != std::string::npos);
}

TEST_CASE("refusal: publication waits while a criminal trial holds it, and goes ahead once it concludes",
          "[engine][review][refusal][parallel]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer("scr-2015", /*child_died=*/true);
  AddParallelProcessCommand trial;
  trial.actor = fixture.business_unit();
  trial.review = id;
  trial.kind = "criminal_investigation";
  trial.holds = "publication";
  trial.owner = "Police";
  CommandResult added = fixture.service().Execute(trial);
  REQUIRE(added.status.ok());
  for (const char* event : {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report",
                            "agree_response"}) {
    fixture.Walk(id, event);
  }
  CommandResult held = fixture.Apply(id, "publish");
  if (held.status.code() == Status::Code::kBlocked) {
    for (const std::string& key : held.status.items()) {
      if (key.rfind("parallel_process:", 0) != 0 && key.rfind("not_before:", 0) != 0) fixture.Complete(id, key);
    }
    fixture.AdvanceDays(14);  // past the week the national bodies have the report before publication
    held = fixture.Apply(id, "publish");
  }
  CHECK(held.status.code() == Status::Code::kBlocked);
  CHECK(held.status.items() == std::vector<std::string>{"parallel_process:" + std::to_string(added.created_id)});

  UpdateParallelProcessCommand concluded;
  concluded.actor = fixture.business_unit();
  concluded.review = id;
  concluded.process = added.created_id;
  concluded.status = "concluded";
  REQUIRE(fixture.service().Execute(concluded).status.ok());
  CHECK(fixture.Apply(id, "publish").phase == Phase::kImplementation);
  CHECK(fixture.Get(id).parallel_processes.front().status == "concluded");
}

TEST_CASE("refusal: a parallel process of an unknown kind is refused", "[engine][review][parallel]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  AddParallelProcessCommand command;
  command.actor = fixture.business_unit();
  command.review = id;
  command.kind = "gossip";
  CHECK(fixture.service().Execute(command).status.code() == Status::Code::kInvalidArgument);
}

TEST_CASE("board isolation: another board cannot see or change a review", "[engine][review][security]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  BoardId other = fixture.directory().CreateBoard("Other board", Nation::kScotland, "Europe/London").value();
  Actor outsider{other, Role::kBusinessUnit, "Outsider", std::nullopt};
  CHECK(fixture.service().Execute(ApplyEventCommand{outsider, id, "decide_to_review", "x", "{}"}).status.code() ==
        Status::Code::kNotFound);
  CHECK(fixture.service().Execute(CompleteCheckpointCommand{outsider, id, "chair_decision", "", ""}).status.code() ==
        Status::Code::kNotFound);
  CHECK(fixture.queries().GetReview(other, id).status().code() == Status::Code::kNotFound);
  CHECK(fixture.queries().History(other, id).status().code() == Status::Code::kNotFound);
  CHECK(fixture.queries().ListReviews(other, {})->items.empty());
}

TEST_CASE("refusal: reconsidering, reopening the report, not publishing and pausing each need a reason",
          "[engine][review][refusal][lifecycle]") {
  ServiceFixture fixture;
  ReviewId declined = fixture.Refer();
  fixture.Walk(declined, "decide_not_to_review");
  ReviewId published = fixture.Refer();
  for (const char* event : {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report",
                            "agree_response"}) {
    fixture.Walk(published, event);
  }
  const std::pair<ReviewId, const char*> decisions[] = {
      {declined, "reconsider"}, {published, "reopen_report"}, {published, "decide_not_to_publish"}, {published, "pause"}};
  for (const auto& [review, event] : decisions) {
    CAPTURE(event);
    CommandResult refused = fixture.Apply(review, event, "");
    CHECK(refused.status.code() == Status::Code::kInvalidArgument);
    CHECK(refused.status.message().find("needs a reason") != std::string::npos);
  }
  CHECK(fixture.Apply(published, "decide_not_to_publish", "It would identify the siblings.").phase ==
        Phase::kImplementation);
  ReviewView view = fixture.Get(published);
  REQUIRE(view.publication.has_value());
  CHECK_FALSE(view.publication->published);
  CHECK(view.publication->summary_published == std::optional<bool>(false));
}
