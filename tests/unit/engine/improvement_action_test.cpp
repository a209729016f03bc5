// Improvement actions (QM15, QM18): rated red, amber or green at the right day; chased and escalated by
// the scheduler like checkpoints; completed actions followed up months later; and a review that cannot
// close while an action is open or a follow-up pending.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "engine/calendar.h"
#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

std::vector<std::pair<std::string, std::string>> AlertsOf(const ServiceFixture& fixture, const std::string& subject) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  SQLite::Statement select(database, "SELECT kind, recipient_role FROM alerts WHERE checkpoint = ? ORDER BY id");
  select.bind(1, subject);
  std::vector<std::pair<std::string, std::string>> alerts;
  while (select.executeStep()) alerts.emplace_back(select.getColumn(0).getString(), select.getColumn(1).getString());
  return alerts;
}

int64_t UnresolvedAlertsOf(const ServiceFixture& fixture, const std::string& subject) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  SQLite::Statement count(database, "SELECT COUNT(*) FROM alerts WHERE checkpoint = ? AND status <> 'resolved'");
  count.bind(1, subject);
  count.executeStep();
  return count.getColumn(0).getInt64();
}

int64_t AddAction(ServiceFixture& fixture, ReviewId review, Date due, const char* agency = "Health") {
  ImprovementAction action;
  action.title = "Train health visitors to ask about men in the household";
  action.finding = "Finding 2: fathers and partners were invisible to services";
  action.owner_agency = agency;
  action.priority = "high";
  action.due = due;
  CommandResult added = fixture.service().Execute(AddActionCommand{fixture.business_unit(), review, action});
  INFO(added.status.message());
  REQUIRE(added.status.ok());
  return added.created_id;
}

UpdateActionCommand Change(const ServiceFixture& fixture, ReviewId review, int64_t action) {
  UpdateActionCommand command;
  command.actor = fixture.business_unit();
  command.review = review;
  command.action = action;
  return command;
}

Status Update(ServiceFixture& fixture, ReviewId review, int64_t action, const std::string& status,
              const std::string& reason = "", std::optional<std::string> impact = std::nullopt) {
  UpdateActionCommand command = Change(fixture, review, action);
  command.status = status;
  command.reason = reason;
  command.note = "progress recorded in the test";
  if (impact) {
    command.impact = *impact;
    command.impact_measure = "audit of 50 case files";
  }
  return fixture.service().Execute(command).status;
}

ImprovementAction Read(ServiceFixture& fixture, ReviewId review, int64_t id) {
  ActionFilter filter;
  filter.review = review;
  Result<std::vector<ImprovementAction>> actions = fixture.queries().Actions(fixture.board(), filter);
  REQUIRE(actions.ok());
  for (const ImprovementAction& action : *actions) {
    if (action.id == id) return action;
  }
  FAIL("no action " << id);
  return {};
}

// A review walked to implementation, as after publication.
ReviewId Published(ServiceFixture& fixture) {
  ReviewId review = fixture.Refer();
  for (const char* event : {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report",
                            "agree_response", "publish"}) {
    fixture.Walk(review, event);
  }
  return review;
}

}  // namespace

TEST_CASE("actions: RAG rating at its boundaries", "[engine][actions]") {
  BankHolidays holidays = BankHolidays::LoadDirectory(std::string(SCR_SOURCE_DIR) + "/workflows/calendars").value();
  WorkingCalendar calendar = WorkingCalendar::Create(holidays, Nation::kEnglandAndWales, "Europe/London").value();
  Date due = Date::FromYmd(2026, 6, 30);       // a Tuesday
  Date amber_from = Date::FromYmd(2026, 6, 2);  // 20 working days before it
  auto at = [](const char* instant) { return ParseInstant(instant).value(); };

  CHECK(std::string(RateAction("in_progress", due, amber_from, at("2026-06-01T22:59:59Z"), calendar)) == "green");
  CHECK(std::string(RateAction("in_progress", due, amber_from, at("2026-06-01T23:00:00Z"), calendar)) == "amber");
  CHECK(std::string(RateAction("not_started", due, amber_from, at("2026-06-30T22:59:59Z"), calendar)) == "amber");
  CHECK(std::string(RateAction("not_started", due, amber_from, at("2026-06-30T23:00:00Z"), calendar)) == "red");
  CHECK(std::string(RateAction("completed", due, amber_from, at("2026-08-01T12:00:00Z"), calendar)) == "green");
  CHECK(std::string(RateAction("evidenced", due, amber_from, at("2026-08-01T12:00:00Z"), calendar)) == "green");
  CHECK(std::string(RateAction("not_achieved", due, amber_from, at("2026-03-01T12:00:00Z"), calendar)) == "red");
  CHECK(std::string(RateAction("dropped", due, amber_from, at("2026-08-01T12:00:00Z"), calendar)) == "none");
}

TEST_CASE("actions: an open action is reminded, overdue at its date and escalated to the chair, each once",
          "[engine][actions][scheduler]") {
  ServiceFixture fixture;  // Monday 2 March 2026
  ReviewId review = fixture.Refer();
  int64_t id = AddAction(fixture, review, Date::FromYmd(2026, 4, 30));
  std::string subject = "action/" + std::to_string(id);
  CHECK(Read(fixture, review, id).rag == "green");

  fixture.AdvanceAndFire("2026-04-16T09:00:00Z");  // 10 working days before Thursday 30 April
  CHECK(AlertsOf(fixture, subject) == std::vector<std::pair<std::string, std::string>>{{"reminder", "business_unit"}});
  CHECK(Read(fixture, review, id).rag == "amber");
  fixture.AdvanceAndFire("2026-05-01T09:00:00Z");
  CHECK(AlertsOf(fixture, subject).size() == 2);
  CHECK(AlertsOf(fixture, subject).back().first == "overdue");
  ImprovementAction late = Read(fixture, review, id);
  CHECK(late.rag == "red");
  CHECK(late.overdue);
  // The action's own deadline shows among the review's checkpoints, and holds back close.
  ReviewView view = fixture.Get(review);
  const CheckpointView& deadline = fixture.Checkpoint(view, subject);
  CHECK(deadline.status == CheckpointStatus::kOverdue);
  CHECK(deadline.due == Date::FromYmd(2026, 4, 30));
  CHECK(deadline.marker == 18);
  CHECK(deadline.working_days_left == -1);
  CHECK(deadline.blocks == std::vector<LifecycleEvent>{LifecycleEvent::kClose});
  CHECK(view.summary.overdue_count >= 1);
  ActionFilter overdue;
  overdue.overdue = true;
  CHECK(fixture.queries().Actions(fixture.board(), overdue)->size() == 1);

  fixture.Restart();
  // When the tenth working day after the date has ended, the early May bank holiday (Monday 4 May) not counted.
  fixture.AdvanceAndFire("2026-05-15T09:00:00Z");
  CHECK(AlertsOf(fixture, subject).size() == 2);
  fixture.AdvanceAndFire("2026-05-16T09:00:00Z");
  REQUIRE(AlertsOf(fixture, subject).size() == 3);
  CHECK(AlertsOf(fixture, subject).back() == std::make_pair(std::string("escalation"), std::string("chair")));

  REQUIRE(Update(fixture, review, id, "in_progress").ok());
  REQUIRE(Update(fixture, review, id, "completed").ok());
  fixture.AdvanceAndFire("2026-06-30T09:00:00Z");
  CHECK(AlertsOf(fixture, subject).size() == 3);  // nothing more once it is done
  CHECK(UnresolvedAlertsOf(fixture, subject) == 0);
  ReviewView done = fixture.Get(review);
  CHECK(fixture.Checkpoint(done, subject).status == CheckpointStatus::kDone);
}

TEST_CASE("actions: moving the date needs a reason, goes in the delay register and re-plans the reminders",
          "[engine][actions]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  int64_t id = AddAction(fixture, review, Date::FromYmd(2026, 4, 30));
  UpdateActionCommand move = Change(fixture, review, id);
  move.due = Date::FromYmd(2026, 7, 31);
  CHECK(fixture.service().Execute(move).status.code() == Status::Code::kInvalidArgument);
  move.reason = "The training provider cancelled the April course";
  REQUIRE(fixture.service().Execute(move).status.ok());
  ReviewView view = fixture.Get(review);
  REQUIRE(view.delays.size() == 1);
  CHECK(view.delays[0].checkpoint == "action/" + std::to_string(id));
  CHECK(view.delays[0].new_due == Date::FromYmd(2026, 7, 31));
  ImprovementAction moved = Read(fixture, review, id);
  CHECK(moved.due == Date::FromYmd(2026, 7, 31));
  REQUIRE(moved.updates.size() == 1);
  CHECK(moved.updates[0].due == Date::FromYmd(2026, 7, 31));

  fixture.AdvanceAndFire("2026-05-01T09:00:00Z");
  CHECK(AlertsOf(fixture, "action/" + std::to_string(id)).empty());  // the old date no longer counts

  // A reminder of the new date, then a second move: the first one is answered by the move.
  fixture.AdvanceAndFire("2026-07-20T09:00:00Z");
  REQUIRE(AlertsOf(fixture, "action/" + std::to_string(id)).size() == 1);
  move.due = Date::FromYmd(2026, 9, 30);
  move.reason = "The audit moves to the autumn term";
  REQUIRE(fixture.service().Execute(move).status.ok());
  CHECK(UnresolvedAlertsOf(fixture, "action/" + std::to_string(id)) == 0);
}

TEST_CASE("actions: status moves forward only, with the reasons and evidence each step needs", "[engine][actions]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  int64_t id = AddAction(fixture, review, Date::FromYmd(2026, 6, 30));
  CHECK(Update(fixture, review, id, "dropped").code() == Status::Code::kInvalidArgument);  // no reason
  CHECK(Update(fixture, review, id, "evidenced").code() == Status::Code::kConflict);       // not completed yet
  REQUIRE(Update(fixture, review, id, "completed").ok());
  CHECK(Update(fixture, review, id, "in_progress").code() == Status::Code::kConflict);
  CHECK(Update(fixture, review, id, "evidenced").code() == Status::Code::kInvalidArgument);  // no impact
  REQUIRE(Update(fixture, review, id, "evidenced", "", "Unseen men now recorded in 9 of 10 assessments").ok());
  ImprovementAction evidenced = Read(fixture, review, id);
  CHECK(evidenced.status == "evidenced");
  CHECK(evidenced.impact == "Unseen men now recorded in 9 of 10 assessments");
  CHECK(evidenced.completed_on == Date::FromYmd(2026, 3, 2));
  CHECK(evidenced.updates.size() == 2);
  CHECK(Update(fixture, review, id, "dropped", "no longer needed").code() == Status::Code::kConflict);
}

TEST_CASE("actions: completion plans follow-ups at 3, 6 and 12 months, a missed one is escalated",
          "[engine][actions][scheduler]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  int64_t id = AddAction(fixture, review, Date::FromYmd(2026, 6, 30));
  REQUIRE(Update(fixture, review, id, "completed").ok());  // on Monday 2 March 2026
  ImprovementAction completed = Read(fixture, review, id);
  REQUIRE(completed.follow_ups.size() == 3);
  CHECK(completed.follow_ups[0].due == Date::FromYmd(2026, 6, 2));
  CHECK(completed.follow_ups[0].after_completion == "3 months");
  CHECK(completed.follow_ups[1].due == Date::FromYmd(2026, 9, 2));
  CHECK(completed.follow_ups[2].due == Date::FromYmd(2027, 3, 2));
  std::string first = "follow_up/" + std::to_string(completed.follow_ups[0].id);

  fixture.AdvanceAndFire("2026-06-03T09:00:00Z");
  CHECK(AlertsOf(fixture, first).back().first == "overdue");
  fixture.AdvanceAndFire("2026-06-17T09:00:00Z");  // the tenth working day after Tuesday 2 June has ended
  CHECK(AlertsOf(fixture, first).back() == std::make_pair(std::string("escalation"), std::string("chair")));
  CHECK(Read(fixture, review, id).follow_ups[0].overdue);

  CloseFollowUpCommand done;
  done.actor = fixture.business_unit();
  done.review = review;
  done.follow_up = completed.follow_ups[0].id;
  CHECK(fixture.service().Execute(done).status.code() == Status::Code::kInvalidArgument);  // says nothing
  done.change_holds = true;
  done.findings = "Audit shows the new question is asked at every visit";
  REQUIRE(fixture.service().Execute(done).status.ok());
  FollowUp held = Read(fixture, review, id).follow_ups[0];
  CHECK(held.status == "done");
  CHECK(held.change_holds == true);
  CHECK(fixture.service().Execute(done).status.code() == Status::Code::kConflict);  // once only
}

TEST_CASE("actions: a review cannot close while an action is open or a follow-up is pending", "[engine][actions]") {
  ServiceFixture fixture;
  ReviewId review = Published(fixture);
  int64_t kept = AddAction(fixture, review, Date::FromYmd(2026, 12, 18));
  int64_t dropped = AddAction(fixture, review, Date::FromYmd(2026, 12, 18), "Police");
  for (const char* key : {"learning_in_business_plan", "follow_up_monitoring_planned"}) fixture.Complete(review, key);

  CommandResult refused = fixture.Apply(review, "close");
  REQUIRE(refused.status.code() == Status::Code::kBlocked);
  CHECK(refused.status.items() == std::vector<std::string>{"action:" + std::to_string(kept), "action:" + std::to_string(dropped)});
  std::vector<LifecycleEvent> allowed = fixture.Get(review).allowed_events;
  CHECK(std::find(allowed.begin(), allowed.end(), LifecycleEvent::kClose) == allowed.end());

  REQUIRE(Update(fixture, review, dropped, "dropped", "Superseded by the county-wide training plan").ok());
  REQUIRE(Update(fixture, review, kept, "completed").ok());
  std::vector<FollowUp> follow_ups = Read(fixture, review, kept).follow_ups;
  REQUIRE(follow_ups.size() == 3);
  refused = fixture.Apply(review, "close");
  REQUIRE(refused.status.code() == Status::Code::kBlocked);
  CHECK(refused.status.items().size() == 3);
  CHECK(refused.status.items()[0] == "follow_up:" + std::to_string(follow_ups[0].id));

  fixture.Restart();  // pending follow-ups are still held after a restart
  CHECK(fixture.Apply(review, "close").status.code() == Status::Code::kBlocked);
  for (const FollowUp& follow_up : follow_ups) {
    CloseFollowUpCommand waive;
    waive.actor = fixture.business_unit();
    waive.review = review;
    waive.follow_up = follow_up.id;
    waive.waive = true;
    CHECK(fixture.service().Execute(waive).status.code() == Status::Code::kInvalidArgument);  // no reason
    waive.reason = "The board's annual audit covers this instead";
    REQUIRE(fixture.service().Execute(waive).status.ok());
  }
  CHECK(fixture.Apply(review, "close").phase == Phase::kClosed);
}
