// The chair's digests: one a working day at the digest time, board-local; one late after downtime rather
// than one per missed day; and one catch-up digest instead of a flood of late alerts.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "support/service_fixture.h"

using namespace scr;
using nlohmann::json;
using scr::test::ServiceFixture;

namespace {

struct StoredDigest {
  std::string kind;
  std::string day;
  std::string scheduled_for;
  int64_t late_by_s;
  int64_t items;
  json body;
  int64_t to_chair;  // outbox rows for the chair
};

std::vector<StoredDigest> Digests(const ServiceFixture& fixture) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  SQLite::Statement select(database,
                           "SELECT kind, day, scheduled_for, fired_late_by_s, item_count, body, "
                           "(SELECT COUNT(*) FROM outbox o WHERE o.digest_id = d.id AND o.recipient_role = 'chair') "
                           "FROM digests d ORDER BY id");
  std::vector<StoredDigest> digests;
  while (select.executeStep()) {
    digests.push_back({select.getColumn(0).getString(), select.getColumn(1).getString(),
                       select.getColumn(2).getString(), select.getColumn(3).getInt64(), select.getColumn(4).getInt64(),
                       json::parse(select.getColumn(5).getString()), select.getColumn(6).getInt64()});
  }
  return digests;
}

int64_t Count(const ServiceFixture& fixture, const std::string& sql) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  return database.execAndGet(sql).getInt64();
}

bool Lists(const json& items, const std::string& checkpoint) {
  for (const json& item : items) {
    if (item["checkpoint"] == checkpoint) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("digests: the chair's digest goes out at 08:00 board time on working days, never at weekends or on "
          "bank holidays",
          "[engine][scheduler][digest]") {
  ServiceFixture fixture;  // Monday 2 March 2026, 09:00: today's digest time has passed
  fixture.Refer();
  fixture.AdvanceAndFire("2026-03-09T09:00:00Z");
  std::vector<StoredDigest> digests = Digests(fixture);
  REQUIRE(digests.size() == 5);  // Tuesday to Friday, and Monday: not Saturday 7 or Sunday 8 March
  CHECK(digests[0].kind == "daily");
  CHECK(digests[0].day == "2026-03-03");
  CHECK(digests[0].scheduled_for == "2026-03-03T08:00:00Z");
  CHECK(digests[3].day == "2026-03-06");
  CHECK(digests[4].day == "2026-03-09");
  CHECK(digests[0].late_by_s == 0);
  // What falls due in the next ten working days, told to the chair.
  CHECK(Lists(digests[0].body["due_soon"], "national_notification"));
  CHECK(digests[0].body["due_soon_until"] == "2026-03-17");
  CHECK(digests[0].to_chair == 1);

  // Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays; the clocks went
  // forward on 29 March, so 08:00 in London is 07:00 UTC.
  fixture.AdvanceAndFire("2026-04-08T09:00:00+01:00");
  std::vector<std::string> days;
  for (const StoredDigest& digest : Digests(fixture)) {
    if (digest.day >= "2026-03-30") days.push_back(digest.day + " " + digest.scheduled_for.substr(11));
  }
  CHECK(days == std::vector<std::string>{"2026-03-30 07:00:00Z", "2026-03-31 07:00:00Z", "2026-04-01 07:00:00Z",
                                         "2026-04-02 07:00:00Z", "2026-04-07 07:00:00Z", "2026-04-08 07:00:00Z"});
}

TEST_CASE("digests: tell the chair what became overdue and what was extended, and why, since the last digest",
          "[engine][scheduler][digest]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();  // the national notification is due five working days later: 9 March
  fixture.AdvanceAndFire("2026-03-10T09:00:00Z");
  std::vector<StoredDigest> digests = Digests(fixture);
  REQUIRE(digests.size() == 6);
  CHECK(digests[4].day == "2026-03-09");
  CHECK_FALSE(Lists(digests[4].body["became_overdue"], "national_notification"));
  CHECK(digests[5].day == "2026-03-10");
  CHECK(Lists(digests[5].body["became_overdue"], "national_notification"));

  CommandResult extended = fixture.service().Execute(ExtendCheckpointCommand{
      fixture.business_unit(), id, "chair_decision", Date::FromYmd(2026, 4, 17), "Police asked for time to interview"});
  REQUIRE(extended.status.ok());
  fixture.AdvanceAndFire("2026-03-11T09:00:00Z");
  digests = Digests(fixture);
  REQUIRE(digests.size() == 7);
  CHECK_FALSE(Lists(digests[6].body["became_overdue"], "national_notification"));  // told once
  REQUIRE(digests[6].body["extended"].size() == 1);
  CHECK(digests[6].body["extended"][0]["checkpoint"] == "chair_decision");
  CHECK(digests[6].body["extended"][0]["reason"] == "Police asked for time to interview");
  CHECK(digests[6].body["extended"][0]["new_due"] == "2026-04-17");
  fixture.AdvanceAndFire("2026-03-12T09:00:00Z");
  CHECK(Digests(fixture).back().body["extended"].empty());
}

TEST_CASE("digests: a board with nothing to tell stores its digest but sends nothing", "[engine][scheduler][digest]") {
  ServiceFixture fixture;  // a board without reviews
  fixture.AdvanceAndFire("2026-03-04T09:00:00Z");
  std::vector<StoredDigest> digests = Digests(fixture);
  REQUIRE(digests.size() == 2);
  CHECK(digests[0].items == 0);
  CHECK(digests[0].to_chair == 0);
  CHECK(Count(fixture, "SELECT COUNT(*) FROM outbox") == 0);
}

TEST_CASE("digests: after days stopped, one digest goes out late at start-up, not one for each missed day",
          "[engine][scheduler][digest][durability]") {
  ServiceFixture fixture;
  fixture.Refer();
  fixture.AdvanceAndFire("2026-03-03T09:00:00Z");
  REQUIRE(Digests(fixture).size() == 1);
  // Stopped from Tuesday to Friday noon: the digests of Wednesday, Thursday and Friday were missed.
  REQUIRE(fixture.clock().AdvanceTo(ParseInstant("2026-03-06T12:00:00Z").value()).ok());
  fixture.Restart();
  REQUIRE(fixture.service().FireDueAlerts().ok());
  std::vector<StoredDigest> digests = Digests(fixture);
  REQUIRE(digests.size() == 2);
  CHECK(digests[1].day == "2026-03-06");
  CHECK(digests[1].late_by_s == 4 * 3600);
  CHECK(digests[1].body["since"] == "2026-03-03T08:00:00Z");  // it covers the whole gap
  fixture.Restart();
  REQUIRE(fixture.service().FireDueAlerts().ok());
  CHECK(Digests(fixture).size() == 2);  // and goes out once
  fixture.AdvanceAndFire("2026-03-09T09:00:00Z");
  CHECK(Digests(fixture).back().day == "2026-03-09");
}

TEST_CASE("digests: a large catch-up after downtime is told in one catch-up digest, a small one alert by alert",
          "[engine][scheduler][digest][durability]") {
  ServiceFixture fixture;
  for (int i = 0; i < 10; ++i) fixture.Refer();
  fixture.AdvanceAndFire("2026-03-02T10:00:00Z");
  int64_t alerts_before = Count(fixture, "SELECT COUNT(*) FROM alerts");
  int64_t outbox_before = Count(fixture, "SELECT COUNT(*) FROM outbox WHERE alert_id IS NOT NULL");
  // Stopped for three weeks: ten reviews' reminders, overdue alerts and escalations fall due meanwhile.
  REQUIRE(fixture.clock().AdvanceTo(ParseInstant("2026-03-23T10:00:00Z").value()).ok());
  fixture.Restart();
  REQUIRE(fixture.service().FireDueAlerts().ok());
  int64_t caught_up = Count(fixture, "SELECT COUNT(*) FROM alerts") - alerts_before;
  REQUIRE(caught_up > 20);
  CHECK(Count(fixture, "SELECT COUNT(*) FROM outbox WHERE alert_id IS NOT NULL") == outbox_before);
  CHECK(Count(fixture, "SELECT COUNT(*) FROM alerts WHERE held = 1") == 0);
  CHECK(Count(fixture, "SELECT COUNT(*) FROM alerts WHERE digest_id IS NOT NULL") == caught_up);
  std::vector<StoredDigest> digests = Digests(fixture);
  auto catch_up = std::find_if(digests.begin(), digests.end(), [](const StoredDigest& d) { return d.kind == "catch_up"; });
  REQUIRE(catch_up != digests.end());
  CHECK(catch_up->items == caught_up);
  CHECK(catch_up->body["alerts_total"] == caught_up);
  CHECK(catch_up->to_chair == 1);
  CHECK(catch_up->body["counts"]["overdue"].get<int64_t>() > 0);
  // Each role the alerts were for hears of it once, in the digest.
  CHECK(Count(fixture, "SELECT COUNT(*) FROM outbox WHERE digest_id = (SELECT id FROM digests WHERE kind = "
                       "'catch_up') AND recipient_role = 'business_unit'") == 1);

  // A short stop with a handful of late alerts: each is sent as itself.
  alerts_before = Count(fixture, "SELECT COUNT(*) FROM alerts");
  outbox_before = Count(fixture, "SELECT COUNT(*) FROM outbox WHERE alert_id IS NOT NULL");
  REQUIRE(fixture.clock().AdvanceTo(ParseInstant("2026-03-24T10:00:00Z").value()).ok());
  fixture.Restart();
  REQUIRE(fixture.service().FireDueAlerts().ok());
  int64_t late = Count(fixture, "SELECT COUNT(*) FROM alerts") - alerts_before;
  CHECK(late <= 20);
  CHECK(Count(fixture, "SELECT COUNT(*) FROM outbox WHERE alert_id IS NOT NULL") == outbox_before + late);
  CHECK(Count(fixture, "SELECT COUNT(*) FROM digests WHERE kind = 'catch_up'") == 1);
}
