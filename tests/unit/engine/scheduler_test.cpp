// Alerts fired as the simulated clock passes them: once each, in order, across restarts.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

struct StoredAlert {
  std::string kind;
  int level;
  std::string recipient;
  std::string scheduled_for;
  std::string fired_at;
  int64_t late_by_s;
  std::string status;
};

std::vector<StoredAlert> AlertsOf(const ServiceFixture& fixture, const std::string& checkpoint) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  SQLite::Statement select(database,
                           "SELECT kind, level, recipient_role, scheduled_for, fired_at, fired_late_by_s, status "
                           "FROM alerts WHERE checkpoint = ? ORDER BY scheduled_for, level");
  select.bind(1, checkpoint);
  std::vector<StoredAlert> alerts;
  while (select.executeStep()) {
    alerts.push_back({select.getColumn(0).getString(), select.getColumn(1).getInt(), select.getColumn(2).getString(),
                      select.getColumn(3).getString(), select.getColumn(4).getString(),
                      select.getColumn(5).getInt64(), select.getColumn(6).getString()});
  }
  return alerts;
}

int64_t OutboxRows(const ServiceFixture& fixture) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  return database.execAndGet("SELECT COUNT(*) FROM outbox").getInt64();
}

}  // namespace

TEST_CASE("scheduler: the chair's decision is reminded, then overdue, then escalated, each once and in order",
          "[engine][scheduler]") {
  ServiceFixture fixture;  // referred Monday 2 March 2026: due Thursday 2 April, before Easter
  fixture.Refer();
  fixture.AdvanceAndFire("2026-03-25T12:00:00Z");
  CHECK(AlertsOf(fixture, "chair_decision").empty());
  fixture.AdvanceAndFire("2026-03-26T08:00:00Z");
  std::vector<StoredAlert> alerts = AlertsOf(fixture, "chair_decision");
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].kind == "reminder");
  CHECK(alerts[0].recipient == "chair");

  fixture.AdvanceAndFire("2026-04-03T09:00:00+01:00");  // Good Friday morning: the due day has ended
  alerts = AlertsOf(fixture, "chair_decision");
  REQUIRE(alerts.size() == 3);
  CHECK(alerts[1].kind == "reminder");  // passed while the clock moved: fired as if time had passed
  CHECK(alerts[1].fired_at == "2026-03-31T23:00:00Z");
  CHECK(alerts[2].kind == "overdue");
  CHECK(alerts[2].scheduled_for == "2026-04-02T23:00:00Z");
  CHECK(alerts[2].late_by_s == 0);

  fixture.AdvanceAndFire("2026-04-08T12:00:00+01:00");  // not yet two working days after Easter
  CHECK(AlertsOf(fixture, "chair_decision").size() == 3);
  fixture.AdvanceAndFire("2026-04-14T09:00:00+01:00");
  alerts = AlertsOf(fixture, "chair_decision");
  REQUIRE(alerts.size() == 5);
  CHECK(alerts[3].kind == "escalation");
  CHECK(alerts[3].recipient == "business_unit");
  CHECK(alerts[3].scheduled_for == "2026-04-08T23:00:00Z");
  CHECK(alerts[4].recipient == "chair");
  CHECK(alerts[4].level == 2);

  // Firing again, or after a restart, adds nothing: each alert is stored once.
  int64_t outbox = OutboxRows(fixture);
  REQUIRE(fixture.service().FireDueAlerts().ok());
  fixture.Restart();
  REQUIRE(fixture.service().FireDueAlerts().ok());
  CHECK(AlertsOf(fixture, "chair_decision").size() == 5);
  CHECK(OutboxRows(fixture) == outbox);
}

TEST_CASE("scheduler: completing a checkpoint cancels what is pending and resolves its alerts", "[engine][scheduler]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.AdvanceAndFire("2026-04-03T09:00:00+01:00");
  REQUIRE(AlertsOf(fixture, "chair_decision").size() == 3);
  REQUIRE(fixture.Complete(id, "chair_decision").status.ok());
  fixture.AdvanceAndFire("2026-05-01T09:00:00+01:00");
  std::vector<StoredAlert> alerts = AlertsOf(fixture, "chair_decision");
  CHECK(alerts.size() == 3);  // no escalation after completion
  for (const StoredAlert& alert : alerts) CHECK(alert.status == "resolved");
}

TEST_CASE("scheduler: extending a due date re-plans every step and tells the chair", "[engine][scheduler][delay]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.AdvanceAndFire("2026-03-27T09:00:00Z");
  REQUIRE(fixture.service()
              .Execute(ExtendCheckpointCommand{fixture.business_unit(), id, "chair_decision", Date::FromYmd(2026, 4, 20),
                                               "Police information arrives on 14 April."})
              .status.ok());
  std::vector<StoredAlert> alerts = AlertsOf(fixture, "chair_decision");
  REQUIRE(alerts.size() == 2);  // the first reminder, and the news of the extension
  CHECK(alerts[1].kind == "deadline_extended");
  CHECK(alerts[1].recipient == "chair");

  fixture.AdvanceAndFire("2026-04-03T09:00:00+01:00");
  CHECK(AlertsOf(fixture, "chair_decision").size() == 2);  // nothing for the old due date
  fixture.AdvanceAndFire("2026-04-21T09:00:00+01:00");
  alerts = AlertsOf(fixture, "chair_decision");
  REQUIRE(alerts.size() == 5);  // two reminders before the new date, then overdue
  CHECK(alerts.back().kind == "overdue");
  CHECK(alerts.back().scheduled_for == "2026-04-20T23:00:00Z");

  // Completing it resolves its alerts of both dates: the reminder for 2 April as well as the new ones.
  REQUIRE(fixture.Complete(id, "chair_decision").status.ok());
  for (const StoredAlert& alert : AlertsOf(fixture, "chair_decision")) CHECK(alert.status == "resolved");
}

TEST_CASE("scheduler: a paused review fires nothing, and a review not proceeding still chases its duties",
          "[engine][scheduler]") {
  ServiceFixture fixture;
  ReviewId paused = fixture.Refer();
  fixture.Walk(paused, "decide_to_review");
  REQUIRE(fixture.Apply(paused, "pause", "Criminal trial").status.ok());
  ReviewId not_proceeding = fixture.Refer();
  fixture.Walk(not_proceeding, "decide_not_to_review");
  fixture.AdvanceAndFire("2026-12-01T09:00:00Z");
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  CHECK(database.execAndGet("SELECT COUNT(*) FROM alerts WHERE review_id = " + std::to_string(paused)).getInt64() == 0);
  CHECK(database.execAndGet("SELECT COUNT(*) FROM alerts WHERE checkpoint = 'board_advised' AND review_id = " +
                            std::to_string(not_proceeding)).getInt64() > 0);
}

TEST_CASE("scheduler: what fell due while the service was stopped fires once, late, without stale reminders",
          "[engine][scheduler][durability]") {
  ServiceFixture fixture;
  fixture.Refer();
  fixture.AdvanceAndFire("2026-03-20T09:00:00Z");
  CHECK(AlertsOf(fixture, "chair_decision").empty());
  // Stopped for three weeks: the reminders' moments and the due date pass while nobody is looking.
  REQUIRE(fixture.clock().AdvanceTo(ParseInstant("2026-04-10T09:00:00+01:00").value()).ok());
  fixture.Restart();
  REQUIRE(fixture.service().FireDueAlerts().ok());
  std::vector<StoredAlert> alerts = AlertsOf(fixture, "chair_decision");
  REQUIRE(alerts.size() == 2);  // overdue, and the first escalation; the reminders would have arrived stale
  CHECK(alerts[0].kind == "overdue");
  CHECK(alerts[0].late_by_s > 7 * 24 * 3600);
  CHECK(alerts[1].kind == "escalation");
  CHECK(alerts[1].fired_at == "2026-04-10T08:00:00Z");
  fixture.Restart();
  REQUIRE(fixture.service().FireDueAlerts().ok());
  CHECK(AlertsOf(fixture, "chair_decision").size() == 2);
}
