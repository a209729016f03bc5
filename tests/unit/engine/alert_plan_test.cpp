// The alerts a review's checkpoints will raise: reminders before the due date, the overdue alert when the
// due day has ended, each escalation step after its own delay, in the board's working days.
#include <catch2/catch.hpp>

#include <algorithm>

#include "scheduler/alert_plan.h"
#include "support/calendar_helpers.h"
#include "support/referred_review.h"
#include "support/test_support.h"

namespace scr {
namespace {

using test::D;
using test::ReferredReview;

std::vector<PlannedAlert> AlertsOf(const OpenReview& review, const WorkingCalendar& calendar, const std::string& key) {
  std::vector<PlannedAlert> all;
  REQUIRE(PlanAlerts(7, review, calendar, &all).ok());
  std::vector<PlannedAlert> of_key;
  for (const PlannedAlert& alert : all) {
    if (review.workflow->checkpoints[alert.checkpoint].key == key) of_key.push_back(alert);
  }
  std::sort(of_key.begin(), of_key.end(), [](const PlannedAlert& a, const PlannedAlert& b) { return a.fire_at < b.fire_at; });
  return of_key;
}

}  // namespace

TEST_CASE("alerts: reminders, the overdue alert and each escalation fall on the right working day across Easter",
          "[engine][scheduler]") {
  WorkingCalendar england = test::England();
  OpenReview review = ReferredReview(england);
  std::vector<PlannedAlert> alerts = AlertsOf(review, england, "chair_decision");
  REQUIRE(alerts.size() == 5);
  // Five and one working days before the due date, at the start of the day (GMT, then BST).
  CHECK(alerts[0].kind == AlertKind::kReminder);
  CHECK(FormatInstant(alerts[0].fire_at) == "2026-03-26T00:00:00Z");
  CHECK(alerts[0].recipient == Role::kChair);
  CHECK(FormatInstant(alerts[1].fire_at) == "2026-03-31T23:00:00Z");
  // Overdue once Thursday 2 April has ended, to the owner.
  CHECK(alerts[2].kind == AlertKind::kOverdue);
  CHECK(FormatInstant(alerts[2].fire_at) == "2026-04-02T23:00:00Z");
  CHECK(alerts[2].recipient == Role::kChair);
  // Two working days later, skipping Good Friday, the weekend and Easter Monday: to the business unit.
  CHECK(alerts[3].kind == AlertKind::kEscalation);
  CHECK(alerts[3].level == 1);
  CHECK(FormatInstant(alerts[3].fire_at) == "2026-04-08T23:00:00Z");
  CHECK(alerts[3].recipient == Role::kBusinessUnit);
  // Five working days after the due date: to the chair.
  CHECK(alerts[4].level == 2);
  CHECK(FormatInstant(alerts[4].fire_at) == "2026-04-13T23:00:00Z");
  CHECK(alerts[4].recipient == Role::kChair);
}

TEST_CASE("alerts: a board in Scotland escalates a day earlier, Easter Monday being a working day there",
          "[engine][scheduler]") {
  WorkingCalendar scotland = test::Scotland();
  OpenReview review = ReferredReview(scotland);
  std::vector<PlannedAlert> alerts = AlertsOf(review, scotland, "chair_decision");
  REQUIRE(alerts.size() == 5);
  CHECK(FormatInstant(alerts[3].fire_at) == "2026-04-07T23:00:00Z");
}

TEST_CASE("alerts: a checkpoint done, or not yet dated, raises nothing, a closed or paused review raises nothing",
          "[engine][scheduler]") {
  WorkingCalendar england = test::England();
  OpenReview review = ReferredReview(england);
  CHECK(AlertsOf(review, england, "family_informed").empty());  // counts from a decision not yet taken
  review.FindSlot("chair_decision")->state = CheckpointState::kDone;
  CHECK(AlertsOf(review, england, "chair_decision").empty());
  std::vector<PlannedAlert> all;
  review.paused = true;
  REQUIRE(PlanAlerts(7, review, england, &all).ok());
  CHECK(all.empty());
  review.paused = false;
  review.phase = Phase::kNotProceeding;  // its duties are still chased
  REQUIRE(PlanAlerts(7, review, england, &all).ok());
  CHECK_FALSE(all.empty());
  all.clear();
  review.phase = Phase::kClosed;
  REQUIRE(PlanAlerts(7, review, england, &all).ok());
  CHECK(all.empty());
}

TEST_CASE("alerts: an extended due date re-plans every step, under new idempotency keys", "[engine][scheduler]") {
  WorkingCalendar england = test::England();
  OpenReview review = ReferredReview(england);
  std::vector<PlannedAlert> before = AlertsOf(review, england, "chair_decision");
  CheckpointSlot* slot = review.FindSlot("chair_decision");
  slot->extended = true;
  slot->due_days = D("2026-04-20").days_since_epoch();
  std::vector<PlannedAlert> after = AlertsOf(review, england, "chair_decision");
  REQUIRE(after.size() == before.size());
  CHECK(FormatInstant(after[2].fire_at) == "2026-04-20T23:00:00Z");
  CHECK(after[2].IdempotencyKey(*review.workflow) == "review/7/checkpoint/chair_decision/due/2026-04-20/overdue/2");
  CHECK(before[2].IdempotencyKey(*review.workflow) != after[2].IdempotencyKey(*review.workflow));
}

TEST_CASE("alerts: a date beyond the years the bank holidays cover does not silence the review's other alerts",
          "[engine][scheduler]") {
  WorkingCalendar england = test::England();
  OpenReview review = ReferredReview(england);
  std::optional<PlannedAlert> before = NextAlert(7, review, england).value();
  REQUIRE(before.has_value());
  // An item dated where no working day can be counted: it cannot be planned, and is passed over.
  review.items.push_back(DatedItem{5, ItemKind::kInformationRequest, 0, D("2099-01-05").days_since_epoch()});
  Result<std::optional<PlannedAlert>> after = NextAlert(7, review, england);
  REQUIRE(after.ok());
  REQUIRE(after->has_value());
  CHECK((*after)->SameAs(*before));
  // With nothing else to plan, the reason is told.
  OpenReview alone = review;
  alone.checkpoints.clear();
  CHECK_FALSE(NextAlert(7, alone, england).ok());
}

TEST_CASE("alerts: the next alert is the earliest still to fire of all the review's checkpoints, whatever has fired",
          "[engine][scheduler]") {
  WorkingCalendar england = test::England();
  OpenReview review = ReferredReview(england);
  // Give every checkpoint a due date, spread over months, so that their chains interleave.
  int offset = 0;
  for (CheckpointSlot& slot : review.checkpoints) {
    slot.due_days = D("2026-03-09").days_since_epoch() + 7 * (offset++ % 9);
  }
  // Fire the review's alerts one by one, earliest first, as the scheduler does: each time, the next alert
  // must be the earliest unfired one found by planning every checkpoint in full.
  for (size_t fired = 0;; ++fired) {
    std::optional<PlannedAlert> expected;
    PlannedAlert chain[kMaxAlertsPerCheckpoint];
    for (const CheckpointSlot& slot : review.checkpoints) {
      size_t count = CheckpointAlerts(7, slot, review.workflow->checkpoints[slot.definition], england, chain).value();
      if (slot.fired_steps < count && (!expected || chain[slot.fired_steps].fire_at < expected->fire_at)) {
        expected = chain[slot.fired_steps];
      }
    }
    std::optional<PlannedAlert> next = NextAlert(7, review, england).value();
    REQUIRE(next.has_value() == expected.has_value());
    if (!next) {
      CHECK(fired > 50);
      break;
    }
    CHECK(next->SameAs(*expected));
    ++review.FindSlot(review.workflow->checkpoints[next->checkpoint].key)->fired_steps;
  }
}

}  // namespace scr

namespace scr {
namespace {

TEST_CASE("alerts: a step of the family's involvement is not chased while a parallel process holds it",
          "[engine][scheduler]") {
  WorkingCalendar england = test::England();
  OpenReview review = ReferredReview(england);
  review.FindSlot("family_involvement_decided")->due_days = D("2026-06-01").days_since_epoch();
  REQUIRE_FALSE(AlertsOf(review, england, "family_involvement_decided").empty());
  review.holds = {ProcessHold{3, "criminal_investigation", Hold::kFamilyInvolvement}};
  CHECK(AlertsOf(review, england, "family_involvement_decided").empty());
  CHECK_FALSE(AlertsOf(review, england, "chair_decision").empty());  // the rest of the review is chased
  review.holds = {ProcessHold{3, "criminal_investigation", Hold::kPublication}};
  CHECK_FALSE(AlertsOf(review, england, "family_involvement_decided").empty());
}

}  // namespace
}  // namespace scr
