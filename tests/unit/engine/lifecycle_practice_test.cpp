// The lifecycle as practice runs it, one transition each: a decision not to review reconsidered, the
// report sent for external assurance, reopened after sign-off, not published; a review paused and
// resumed; and the typed guards of a review's record (pause, not-before date, holds, open actions).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/lifecycle.h"
#include "review/open_review.h"

namespace scr {
namespace {

PhaseSet WithAssurance() { return PhaseSet::All().Add(Phase::kExternalAssurance); }

Lifecycle Restored(const std::string& stored, BlockerQuery blockers = {}, PhaseSet phases = PhaseSet::All()) {
  Result<Lifecycle> restored = Lifecycle::Restore(stored, std::move(blockers), phases);
  REQUIRE(restored.ok());
  return std::move(restored).value();
}

std::vector<std::string> Names(const std::vector<LifecycleEvent>& events) {
  std::vector<std::string> names;
  for (LifecycleEvent event : events) names.push_back(EventName(event));
  return names;
}

TEST_CASE("lifecycle: a decision not to review is reconsidered back to a decision", "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored("not_proceeding");
  CHECK(lifecycle.Apply(LifecycleEvent::kReconsider) == Lifecycle::Outcome::kApplied);
  CHECK(lifecycle.phase() == Phase::kDecisionPending);
  CHECK(lifecycle.entries_run() == 1);
}

TEST_CASE("lifecycle: reconsider is not allowed where no decision not to review was taken", "[engine][lifecycle]") {
  for (const char* phase : {"decision_pending", "setting_up", "implementation"}) {
    CAPTURE(phase);
    CHECK(Restored(phase).Apply(LifecycleEvent::kReconsider) == Lifecycle::Outcome::kNotAllowedHere);
  }
}

TEST_CASE("lifecycle: a report goes for external assurance only where the review type uses it", "[engine][lifecycle]") {
  Lifecycle first_types = Restored("board_response");
  CHECK(first_types.Apply(LifecycleEvent::kSendForAssurance) == Lifecycle::Outcome::kNotAllowedHere);
  CHECK(Names(first_types.AllowedEvents()) == std::vector<std::string>{"agree_response", "reopen_report", "pause"});

  Lifecycle assured = Restored("board_response", {}, WithAssurance());
  CHECK(Names(assured.AllowedEvents()) == std::vector<std::string>{"send_for_assurance", "reopen_report", "pause"});
  CHECK(assured.Apply(LifecycleEvent::kAgreeResponse) == Lifecycle::Outcome::kNotAllowedHere);
  CHECK(assured.Apply(LifecycleEvent::kSendForAssurance) == Lifecycle::Outcome::kApplied);
  CHECK(assured.phase() == Phase::kExternalAssurance);
}

TEST_CASE("lifecycle: external assurance approves the report for publication", "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored("external_assurance", {}, WithAssurance());
  CHECK(lifecycle.Apply(LifecycleEvent::kApproveAssurance) == Lifecycle::Outcome::kApplied);
  CHECK(lifecycle.phase() == Phase::kPublicationPending);
}

TEST_CASE("lifecycle: external assurance returns the report to quality assurance", "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored("external_assurance", {}, WithAssurance());
  CHECK(lifecycle.Apply(LifecycleEvent::kReturnFromAssurance) == Lifecycle::Outcome::kApplied);
  CHECK(lifecycle.phase() == Phase::kReportQa);
}

TEST_CASE("lifecycle: a signed-off report is reopened from each phase after sign-off", "[engine][lifecycle]") {
  for (const char* phase : {"board_response", "external_assurance", "publication_pending"}) {
    CAPTURE(phase);
    Lifecycle lifecycle = Restored(phase, {}, WithAssurance());
    CHECK(lifecycle.Apply(LifecycleEvent::kReopenReport) == Lifecycle::Outcome::kApplied);
    CHECK(lifecycle.phase() == Phase::kReportQa);
  }
  CHECK(Restored("review_running").Apply(LifecycleEvent::kReopenReport) == Lifecycle::Outcome::kNotAllowedHere);
  CHECK(Restored("implementation").Apply(LifecycleEvent::kReopenReport) == Lifecycle::Outcome::kNotAllowedHere);
}

TEST_CASE("lifecycle: deciding not to publish moves the review to implementation", "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored("publication_pending");
  CHECK(lifecycle.Apply(LifecycleEvent::kDecideNotToPublish) == Lifecycle::Outcome::kApplied);
  CHECK(lifecycle.phase() == Phase::kImplementation);
  CHECK(Restored("board_response").Apply(LifecycleEvent::kDecideNotToPublish) == Lifecycle::Outcome::kNotAllowedHere);
}

TEST_CASE("lifecycle: a paused review keeps its phase, offers only resume and stores the pause", "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored("review_running");
  CHECK(lifecycle.Apply(LifecycleEvent::kPause) == Lifecycle::Outcome::kApplied);
  CHECK(lifecycle.phase() == Phase::kReviewRunning);
  CHECK(lifecycle.paused());
  CHECK(lifecycle.Save() == "review_running,paused");
  CHECK(Names(lifecycle.AllowedEvents()) == std::vector<std::string>{"resume"});
  CHECK(lifecycle.Apply(LifecycleEvent::kPause) == Lifecycle::Outcome::kNotAllowedHere);
}

TEST_CASE("lifecycle: while paused every other event of the phase is blocked by the pause", "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored("review_running,paused");
  CHECK(lifecycle.Apply(LifecycleEvent::kSubmitReport) == Lifecycle::Outcome::kBlocked);
  std::vector<NextEvent> next = lifecycle.NextEvents();
  REQUIRE(next.size() == 2);
  CHECK(next[0].event == LifecycleEvent::kSubmitReport);
  REQUIRE(next[0].blocked_by.size() == 1);
  CHECK(next[0].blocked_by[0].kind == BlockerKind::kPaused);
  CHECK(next[1].event == LifecycleEvent::kResume);
  CHECK(next[1].blocked_by.empty());
}

TEST_CASE("lifecycle: resume ends the pause and the phase's events go through again", "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored("review_running,paused");
  CHECK(lifecycle.Apply(LifecycleEvent::kResume) == Lifecycle::Outcome::kApplied);
  CHECK_FALSE(lifecycle.paused());
  CHECK(lifecycle.Save() == "review_running");
  CHECK(lifecycle.Apply(LifecycleEvent::kResume) == Lifecycle::Outcome::kNotAllowedHere);
  CHECK(lifecycle.Apply(LifecycleEvent::kSubmitReport) == Lifecycle::Outcome::kApplied);
}

TEST_CASE("lifecycle: a closed review cannot be paused, and an old stored state restores as not paused",
          "[engine][lifecycle]") {
  CHECK(Restored("closed").Apply(LifecycleEvent::kPause) == Lifecycle::Outcome::kNotAllowedHere);
  Lifecycle old = Restored("publication_pending");
  CHECK_FALSE(old.paused());
  CHECK(Restored("publication_pending,active").Save() == "publication_pending");
}

// A review record of a small review type: one checkpoint blocking publish, one family-involvement step
// blocking sign-off, and publish no sooner than 7 working days after the first is done.
struct RecordFixture {
  WorkflowDefinition workflow;
  OpenReview review;

  RecordFixture() {
    CheckpointDefinition to_panel;
    to_panel.key = "report_sent_to_panel";
    to_panel.title = "The report is sent to the Panel";
    to_panel.blocks = {LifecycleEvent::kPublish};
    CheckpointDefinition family;
    family.key = "family_comment_on_report";
    family.title = "The family comments on the report";
    family.blocks = {LifecycleEvent::kSignOffReport};
    workflow.checkpoints = {to_panel, family};
    workflow.family_involvement = {1};
    NotBeforeRule rule;
    rule.event = LifecycleEvent::kPublish;
    rule.rule.text = "7 working days after report_sent_to_panel done";
    rule.source = "Working Together 2023, chapter 5";
    workflow.not_before = {rule};
    workflow.used_phases = PhaseSet::All();
    review.workflow = &workflow;
    review.AddApplicableCheckpoints();
    review.not_before_days = {kNoDate};
  }
};

Date Day(const char* text) { return *Date::Parse(text); }

TEST_CASE("guards: publish is held until its not-before date, with the date and the rule", "[engine][lifecycle]") {
  RecordFixture fixture;
  OpenReview& review = fixture.review;
  review.phase = Phase::kPublicationPending;
  review.checkpoints[0].state = CheckpointState::kDone;
  review.not_before_days = {Day("2027-03-02").days_since_epoch()};
  std::vector<Blocker> before = review.Blockers(LifecycleEvent::kPublish, Day("2027-03-01"));
  REQUIRE(before.size() == 1);
  CHECK(before[0].kind == BlockerKind::kNotBefore);
  CHECK(before[0].date == Day("2027-03-02"));
  CHECK(before[0].rule == "7 working days after report_sent_to_panel done");
  CHECK(review.Blockers(LifecycleEvent::kPublish, Day("2027-03-02")).empty());
  CHECK(review.Blockers(LifecycleEvent::kDecideNotToPublish, Day("2027-03-01")).empty());
}

TEST_CASE("guards: a hold on publication holds publish, a hold on the review holds submission and sign-off",
          "[engine][lifecycle]") {
  RecordFixture fixture;
  OpenReview& review = fixture.review;
  review.checkpoints[0].state = CheckpointState::kDone;
  review.checkpoints[1].state = CheckpointState::kDone;
  review.not_before_days = {Day("2027-01-04").days_since_epoch()};
  Date today = Day("2027-03-01");
  review.holds = {ProcessHold{4, "prosecution", Hold::kPublication}};
  std::vector<Blocker> publish = review.Blockers(LifecycleEvent::kPublish, today);
  REQUIRE(publish.size() == 1);
  CHECK(publish[0].kind == BlockerKind::kHold);
  CHECK(publish[0].process == 4);
  CHECK(publish[0].holds == Hold::kPublication);
  CHECK(review.Blockers(LifecycleEvent::kSubmitReport, today).empty());

  review.holds = {ProcessHold{5, "inquest", Hold::kReview}};
  CHECK(review.Blockers(LifecycleEvent::kSubmitReport, today).size() == 1);
  CHECK(review.Blockers(LifecycleEvent::kSignOffReport, today).size() == 1);
  CHECK(review.Blockers(LifecycleEvent::kPublish, today).empty());
}

TEST_CASE("guards: a hold on family involvement holds what the open family steps block", "[engine][lifecycle]") {
  RecordFixture fixture;
  OpenReview& review = fixture.review;
  review.holds = {ProcessHold{6, "criminal_investigation", Hold::kFamilyInvolvement}};
  std::vector<Blocker> sign_off = review.Blockers(LifecycleEvent::kSignOffReport, Day("2027-03-01"));
  REQUIRE(sign_off.size() == 2);  // the open step itself, and the hold on it
  CHECK(sign_off[1].kind == BlockerKind::kHold);
  CHECK(sign_off[1].key == "family_comment_on_report");
  review.checkpoints[1].state = CheckpointState::kDone;
  CHECK(review.Blockers(LifecycleEvent::kSignOffReport, Day("2027-03-01")).empty());
}

TEST_CASE("guards: a paused review's record blocks every event but resume, saying since when and why",
          "[engine][lifecycle]") {
  RecordFixture fixture;
  OpenReview& review = fixture.review;
  review.phase = Phase::kReviewRunning;
  review.paused = true;
  review.paused_since = "2027-01-11T09:00:00Z";
  review.pause_reason = "Criminal trial";
  std::vector<Blocker> submit = review.Blockers(LifecycleEvent::kSubmitReport, Day("2027-01-12"));
  REQUIRE(submit.size() == 1);
  CHECK(submit[0].kind == BlockerKind::kPaused);
  CHECK(submit[0].reason == "Criminal trial");
  CHECK(review.Blockers(LifecycleEvent::kResume, Day("2027-01-12")).empty());
  CHECK(review.LifecycleState() == "review_running,paused");
  CHECK(Names(review.Machine(Day("2027-01-12"))->AllowedEvents()) == std::vector<std::string>{"resume"});
  CHECK_FALSE(IsChased(review));
}

TEST_CASE("guards: close is held by open actions and pending follow-ups, typed", "[engine][lifecycle]") {
  RecordFixture fixture;
  OpenReview& review = fixture.review;
  review.items = {DatedItem{7, ItemKind::kAction, 0, kNoDate}, DatedItem{8, ItemKind::kFollowUp, 0, kNoDate},
                  DatedItem{9, ItemKind::kInformationRequest, 0, kNoDate}};
  std::vector<Blocker> close = review.Blockers(LifecycleEvent::kClose, Day("2027-01-12"));
  REQUIRE(close.size() == 2);
  CHECK(close[0].kind == BlockerKind::kAction);
  CHECK(close[0].Reference() == "action:7");
  CHECK(close[1].kind == BlockerKind::kFollowUp);
}

}  // namespace
}  // namespace scr
