// The work list as the read side builds it: whose work, the window of working days, the order, and
// what holds a decision back.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

WorkList WorkOf(ServiceFixture& fixture, std::optional<Role> role, int within = 10) {
  WorkFilter filter;
  filter.role = role;
  filter.within_working_days = within;
  Result<WorkList> list = fixture.queries().Work(fixture.board(), filter);
  INFO(list.status().message());
  REQUIRE(list.ok());
  return *list;
}

const WorkItem* Find(const WorkList& list, const std::string& key) {
  auto found = std::find_if(list.items.begin(), list.items.end(), [&](const WorkItem& item) { return item.key == key; });
  return found == list.items.end() ? nullptr : &*found;
}

}  // namespace

TEST_CASE("work list: only what falls due within the window, each owner's own, the overdue first", "[engine][work]") {
  ServiceFixture fixture;  // Monday 2 March 2026
  ReviewId review = fixture.Refer();
  WorkList unit = WorkOf(fixture, Role::kBusinessUnit);
  const WorkItem* notify = Find(unit, "national_notification");  // 5 working days after the referral
  REQUIRE(notify);
  CHECK(notify->review == review);
  CHECK(notify->kind == WorkKind::kCheckpoint);
  CHECK(notify->due.ToString() == "2026-03-09");
  CHECK(notify->working_days_left == 5);
  CHECK(notify->owner_role == Role::kBusinessUnit);
  CHECK(Find(unit, "recommendation_to_chair") == nullptr);  // 15 working days away
  CHECK(Find(WorkOf(fixture, Role::kBusinessUnit, 15), "recommendation_to_chair") != nullptr);
  CHECK(Find(unit, "chair_decision") == nullptr);  // the chair's, not the business unit's
  CHECK(Find(WorkOf(fixture, Role::kChair, 30), "chair_decision") != nullptr);

  fixture.AdvanceDays(8);  // Tuesday 10 March: the notification is a day late
  WorkList later = WorkOf(fixture, std::nullopt);
  REQUIRE(!later.items.empty());
  CHECK(later.items.front().status == "overdue");
  const WorkItem* late = Find(later, "national_notification");
  REQUIRE(late);
  CHECK(late->status == "overdue");
  CHECK(late->working_days_left == -1);
  bool seen_open = false;
  for (size_t i = 0; i < later.items.size(); ++i) {
    bool overdue = later.items[i].status == "overdue";
    CHECK_FALSE((overdue && seen_open));  // no overdue item after one that is not
    seen_open = seen_open || !overdue;
    if (i > 0 && (later.items[i - 1].status == "overdue") == overdue) CHECK(later.items[i - 1].due <= later.items[i].due);
  }
}

TEST_CASE("work list: the chair's decision to publish shows the steps and the trial that hold it back",
          "[engine][work]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer("scr-2015", /*child_died=*/true);
  for (const char* event : {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report",
                            "agree_response"}) {
    fixture.Walk(review, event);
  }
  AddParallelProcessCommand trial;
  trial.actor = fixture.business_unit();
  trial.review = review;
  trial.kind = "criminal_investigation";
  trial.holds = "publication";
  CommandResult added = fixture.service().Execute(trial);
  REQUIRE(added.status.ok());

  WorkList chair = WorkOf(fixture, Role::kChair, 260);
  const WorkItem* publish = Find(chair, "publish");
  REQUIRE(publish);
  CHECK(publish->kind == WorkKind::kDecision);
  CHECK(publish->owner_role == Role::kChair);
  bool step = false, hold = false;
  for (const WorkBlocker& blocker : publish->blocked_by) {
    if (blocker.kind == "checkpoint" && blocker.key == "privacy_check_passed") step = !blocker.title.empty();
    if (blocker.kind == "hold") hold = blocker.process == added.created_id && blocker.holds == "publication";
  }
  CHECK(step);
  CHECK(hold);
  for (const WorkItem& item : chair.items) CHECK(item.owner_role == Role::kChair);
  CHECK(Find(WorkOf(fixture, Role::kBusinessUnit, 260), "publish") == nullptr);
}

TEST_CASE("work list: a review not proceeding keeps its own checkpoints chased, its decision gone", "[engine][work]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  fixture.Walk(review, "decide_not_to_review");
  WorkList list = WorkOf(fixture, std::nullopt, 20);
  const WorkItem* advised = Find(list, "board_advised");
  REQUIRE(advised);
  CHECK(advised->review == review);
  CHECK(Find(list, "decide_to_review") == nullptr);
}
