// The self-assessment kept answer by answer with its stage, and a board's figures computed on a seeded set
// of reviews whose answers are known.
#include <catch2/catch.hpp>

#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

Status Answer(ServiceFixture& fixture, ReviewId review, const char* question, const char* answer) {
  return fixture.service()
      .Execute(AnswerSelfAssessmentCommand{fixture.business_unit(), review, question, answer, "discussed at the panel",
                                           "minutes of the review panel"})
      .status;
}

int64_t AddAction(ServiceFixture& fixture, ReviewId review, const char* agency, Date due) {
  ImprovementAction action;
  action.title = "Joint training on neglect";
  action.finding = "Finding 1";
  action.owner_agency = agency;
  action.priority = "medium";
  action.due = due;
  CommandResult added = fixture.service().Execute(AddActionCommand{fixture.business_unit(), review, action});
  INFO(added.status.message());
  REQUIRE(added.status.ok());
  return added.created_id;
}

}  // namespace

TEST_CASE("self-assessment: every answer is kept with the review's phase and stage", "[engine][self_assessment]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  REQUIRE(Answer(fixture, review, "qm1-rationale", "partly").ok());
  fixture.Walk(review, "decide_to_review");
  fixture.Walk(review, "commission");
  fixture.Walk(review, "start_review");
  REQUIRE(Answer(fixture, review, "qm1-rationale", "yes").ok());
  CHECK(Answer(fixture, review, "qm99-nothing", "yes").code() == Status::Code::kNotFound);
  CHECK(Answer(fixture, review, "qm1-rationale", "maybe").code() == Status::Code::kInvalidArgument);

  Result<SelfAssessment> assessment = fixture.queries().GetSelfAssessment(fixture.board(), review);
  REQUIRE(assessment.ok());
  CHECK(assessment->markers.size() == 18);
  const SelfAssessmentQuestion& question = assessment->markers[0].questions[0];
  CHECK(question.id == "qm1-rationale");
  REQUIRE(question.answers.size() == 2);
  CHECK(question.answers[0].answer == "partly");
  CHECK(question.answers[0].phase == "decision_pending");
  CHECK(question.answers[0].stage == "start");
  CHECK(question.answers[1].answer == "yes");
  CHECK(question.answers[1].phase == "review_running");
  CHECK(question.answers[1].stage == "during");
  CHECK(question.answers[1].evidence == "minutes of the review panel");
  CHECK(assessment->markers[0].questions[1].answers.empty());
  CHECK(fixture.queries().GetSelfAssessment(fixture.board() + 1, review).status().code() == Status::Code::kNotFound);
}

TEST_CASE("metrics: durations, timeliness, open delays, actions by agency and the year's figures", "[engine][metrics]") {
  ServiceFixture fixture;  // Monday 2 March 2026: three referrals
  ReviewId published = fixture.Refer();
  ReviewId declined = fixture.Refer();
  ReviewId waiting = fixture.Refer();

  fixture.AdvanceDays(10);  // Thursday 12 March: decided in good time
  fixture.Walk(published, "decide_to_review");
  fixture.AdvanceDays(30);  // Saturday 11 April: the report signed off; the other referral declined, late
  for (const char* event : {"commission", "start_review", "submit_report", "sign_off_report"}) fixture.Walk(published, event);
  fixture.Walk(declined, "decide_not_to_review");
  fixture.Walk(published, "agree_response");  // and the report goes to the national bodies at once
  REQUIRE(fixture.Complete(published, "publication_to_panel").status.ok());
  fixture.AdvanceDays(20);  // Friday 1 May: published, well after the week they have it first
  fixture.Walk(published, "publish");
  int64_t training = AddAction(fixture, published, "Health", Date::FromYmd(2026, 6, 30));
  UpdateActionCommand complete;
  complete.actor = fixture.business_unit();
  complete.review = published;
  complete.action = training;
  complete.status = "completed";
  REQUIRE(fixture.service().Execute(complete).status.ok());
  fixture.AdvanceDays(15);  // Saturday 16 May: its impact evidenced
  UpdateActionCommand evidence = complete;
  evidence.status = "evidenced";
  evidence.impact = "Referrals for neglect now name the concern";
  evidence.impact_measure = "Dip sample of 40 referrals";
  REQUIRE(fixture.service().Execute(evidence).status.ok());
  AddAction(fixture, waiting, "Police", Date::FromYmd(2026, 5, 20));
  ExtendCheckpointCommand extend{fixture.business_unit(), published, "learning_in_business_plan",
                                 Date::FromYmd(2026, 9, 30), "The business plan is rewritten in September"};
  REQUIRE(fixture.service().Execute(extend).status.ok());
  fixture.AdvanceDays(10);  // Tuesday 26 May: the police action is overdue

  Result<BoardMetrics> metrics = fixture.queries().Metrics(fixture.board(), 2026);
  INFO(metrics.status().message());
  REQUIRE(metrics.ok());
  std::map<std::string, BoardMetrics::Interval> intervals;
  for (const auto& interval : metrics->intervals) {
    CHECK(interval.workflow == "scr-2015");
    intervals[interval.measure] = interval;
  }
  CHECK(intervals["referral_to_decision"].reviews == 2);
  CHECK(intervals["referral_to_decision"].median_days == 25.0);
  CHECK(intervals["referral_to_decision"].max_days == 40);
  CHECK(intervals["decision_to_report"].median_days == 30.0);
  CHECK(intervals["report_to_publication"].median_days == 20.0);
  CHECK(intervals["publication_to_actions_evidenced"].median_days == 15.0);

  bool saw_decision_marker = false;
  for (const auto& marker : metrics->timeliness) {
    CHECK(marker.on_time <= marker.fallen_due);
    if (marker.marker != 2) continue;
    saw_decision_marker = true;
    CHECK(marker.marker_name == "Decision-making");
    CHECK(marker.on_time >= 1);                   // the chair's decision on the published review
    CHECK(marker.on_time < marker.fallen_due);    // and the late one on the declined referral
  }
  CHECK(saw_decision_marker);

  REQUIRE(metrics->open_delays.size() == 1);
  CHECK(metrics->open_delays[0].review == published);
  CHECK(metrics->open_delays[0].subject == "learning_in_business_plan");
  CHECK(metrics->open_delays[0].reason == "The business plan is rewritten in September");

  REQUIRE(metrics->actions_by_agency.size() == 2);
  const auto& health = metrics->actions_by_agency[0];
  const auto& police = metrics->actions_by_agency[1];
  CHECK(health.agency == "Health");
  CHECK((health.total == 1 && health.green == 1 && health.evidenced == 1 && health.overdue == 0));
  CHECK(police.agency == "Police");
  CHECK((police.total == 1 && police.red == 1 && police.overdue == 1));

  const BoardMetrics::Annual& year = metrics->annual;
  CHECK(year.year == 2026);
  CHECK(year.referrals == 3);
  CHECK(year.reviews_started == 1);
  CHECK(year.not_proceeding == 1);
  CHECK(year.reviews_concluded == 1);
  CHECK(year.reviews_ongoing == 0);
  CHECK(year.actions_agreed == 2);
  CHECK(year.actions_completed == 1);
  CHECK(year.actions_evidenced == 1);
  CHECK(year.actions_open == 1);
  CHECK(year.actions_overdue == 1);
  CHECK(fixture.queries().Metrics(fixture.board(), 2025)->annual.referrals == 0);
}
