// Who may act on what in the engine: a checkpoint by its owner role (or admin and the business unit on its
// behalf, and the chair for a waiver), an alert by the role it was sent to, an agency user on its own
// agency's items only; and the history entries that say on whose behalf something was done.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <map>

#include "engine/access.h"
#include "engine/outbox.h"
#include "store/sqlite/database.h"
#include "store/sqlite/schema.h"
#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

Actor As(const ServiceFixture& fixture, Role role, const std::string& agency = "") {
  Actor actor{fixture.board(), role, std::string(RoleName(role)) + " user", std::nullopt};
  actor.agency = agency;
  return actor;
}

// The data of the review's last history entry named `event`.
nlohmann::json LastData(ServiceFixture& fixture, ReviewId review, const std::string& event, std::string* reason = nullptr) {
  std::vector<HistoryEvent> history = fixture.queries().History(fixture.board(), review).value();
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->event != event) continue;
    if (reason) *reason = it->reason;
    return nlohmann::json::parse(it->data);
  }
  FAIL("no " << event << " in the history");
  return {};
}

std::vector<int64_t> OpenAlerts(const ServiceFixture& fixture, const std::string& recipient) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  SQLite::Statement select(database, "SELECT id FROM alerts WHERE status = 'open' AND recipient_role = ? ORDER BY id");
  select.bind(1, recipient);
  std::vector<int64_t> ids;
  while (select.executeStep()) ids.push_back(select.getColumn(0).getInt64());
  return ids;
}

}  // namespace

TEST_CASE("access: agency names lose their surrounding spaces and are compared exactly", "[engine][access]") {
  CHECK(AgencyName("  Police \t") == "Police");
  CHECK(AgencyName("   ").empty());
  Actor police{1, Role::kAgency, "Police liaison", 7};
  police.agency = "Police";
  CHECK(MayActForAgency(police, "Police"));
  CHECK_FALSE(MayActForAgency(police, "police"));
  CHECK_FALSE(MayActForAgency(police, "Police Scotland"));
  Actor unassigned{1, Role::kAgency, "token 3", std::nullopt};
  CHECK_FALSE(MayActForAgency(unassigned, ""));  // an agency user given no agency sees nothing
  CHECK(MayActForAgency(Actor{1, Role::kViewer, "Viewer", std::nullopt}, "Health"));
  CHECK_FALSE(AgencyScope(Actor{1, Role::kChair, "Chair", std::nullopt}).has_value());
}

TEST_CASE("access: who acts for a role: itself, admin or the business unit on its behalf, the chair where allowed",
          "[engine][access]") {
  Actor lead{1, Role::kLeadReviewer, "Lead", std::nullopt}, unit{1, Role::kBusinessUnit, "Unit", std::nullopt};
  Actor chair{1, Role::kChair, "Chair", std::nullopt};
  CHECK(ActingFor(chair, Role::kChair, false, "x").value() == std::nullopt);
  CHECK(ActingFor(unit, Role::kChair, false, "x").value() == std::optional<Role>(Role::kChair));
  CHECK(ActingFor(chair, Role::kBusinessUnit, true, "x").value() == std::optional<Role>(Role::kBusinessUnit));
  Status refused = ActingFor(lead, Role::kChair, false, "complete checkpoint chair_decision").status();
  CHECK(refused.code() == Status::Code::kPermissionDenied);
  CHECK(refused.message().find("chair") != std::string::npos);
  CHECK(ActingFor(chair, Role::kBusinessUnit, false, "x").status().code() == Status::Code::kPermissionDenied);
}

TEST_CASE("access: a checkpoint is completed, extended or waived by its owner role or on its behalf, as the "
          "history records",
          "[engine][access][checkpoint]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  Actor lead = As(fixture, Role::kLeadReviewer), chair = As(fixture, Role::kChair);
  CHECK(fixture.service().Execute(CompleteCheckpointCommand{lead, id, "chair_decision", "", ""}).status.code() ==
        Status::Code::kPermissionDenied);
  CHECK(fixture.service().Execute(CompleteCheckpointCommand{chair, id, "national_notification", "", ""}).status.code() ==
        Status::Code::kPermissionDenied);
  CHECK(fixture.service()
            .Execute(ExtendCheckpointCommand{lead, id, "chair_decision", Date::Parse("2026-05-01").value(), "Police"})
            .status.code() == Status::Code::kPermissionDenied);
  CHECK(fixture.service().Execute(WaiveCheckpointCommand{lead, id, "national_notification", "No"}).status.code() ==
        Status::Code::kPermissionDenied);

  REQUIRE(fixture.service().Execute(CompleteCheckpointCommand{chair, id, "chair_decision", "Decided", ""}).status.ok());
  CHECK_FALSE(LastData(fixture, id, "checkpoint_completed").contains("on_behalf_of"));
  REQUIRE(fixture.service()
              .Execute(ExtendCheckpointCommand{fixture.business_unit(), id, "recommendation_to_chair",
                                               Date::Parse("2026-05-01").value(), "Agencies late"})
              .status.ok());
  CHECK_FALSE(LastData(fixture, id, "checkpoint_extended").contains("on_behalf_of"));  // the business unit's own
  REQUIRE(fixture.service().Execute(WaiveCheckpointCommand{chair, id, "national_notification", "Told by phone"}).status.ok());
  CHECK(LastData(fixture, id, "checkpoint_waived")["on_behalf_of"] == "business_unit");
  Actor admin = As(fixture, Role::kAdmin);
  REQUIRE(fixture.service()
              .Execute(ExtendCheckpointCommand{admin, id, "recommendation_to_chair", Date::Parse("2026-05-05").value(),
                                               "Still late"})
              .status.ok());
  CHECK(LastData(fixture, id, "checkpoint_extended")["on_behalf_of"] == "business_unit");
}

TEST_CASE("access: an agency user changes only its own agency's actions", "[engine][access][actions]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  ImprovementAction action;
  action.title = "Share call-outs";
  action.finding = "Finding 3";
  action.owner_agency = "  Police ";
  action.priority = "medium";
  action.due = Date::Parse("2026-09-01").value();
  CommandResult added = fixture.service().Execute(AddActionCommand{fixture.business_unit(), id, action});
  REQUIRE(added.status.ok());
  CHECK(fixture.queries().Actions(fixture.board(), ActionFilter{})->front().owner_agency == "Police");

  UpdateActionCommand drop;
  drop.actor = As(fixture, Role::kAgency, "Health");
  drop.review = id;
  drop.action = added.created_id;
  drop.status = "dropped";
  drop.reason = "Not ours";
  CHECK(fixture.service().Execute(drop).status.code() == Status::Code::kPermissionDenied);
  drop.actor = As(fixture, Role::kAgency, "");  // an agency user given no agency
  CHECK(fixture.service().Execute(drop).status.code() == Status::Code::kPermissionDenied);
  UpdateActionCommand progress = drop;
  progress.actor = As(fixture, Role::kAgency, "Police");
  progress.status.reset();
  progress.note = "Started";
  CHECK(fixture.service().Execute(progress).status.ok());

  ActionFilter health;
  health.agency_scope = "Health";
  CHECK(fixture.queries().Actions(fixture.board(), health)->empty());
  ActionFilter police;
  police.agency_scope = "Police";
  CHECK(fixture.queries().Actions(fixture.board(), police)->size() == 1);

  RequestInformationCommand ask{fixture.business_unit(), id, "Health", "GP records", Date::Parse("2026-04-01").value()};
  CommandResult asked = fixture.service().Execute(ask);
  REQUIRE(asked.status.ok());
  CHECK(fixture.queries().InformationRequests(fixture.board(), id, std::string("Police"))->empty());
  CHECK(fixture.queries().InformationRequests(fixture.board(), id, std::string("Health"))->size() == 1);
  AnswerInformationRequestCommand answer{As(fixture, Role::kAgency, "Police"), id, asked.created_id, "received", ""};
  CHECK(fixture.service().Execute(answer).status.code() == Status::Code::kPermissionDenied);
}

TEST_CASE("access: alerts are acknowledged by their recipient role or on its behalf, all or none, each in the "
          "review's history",
          "[engine][access][alerts]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.AdvanceAndFire("2026-05-01T09:00:00Z");  // the chair's decision is overdue and escalated
  std::vector<int64_t> chair_alerts = OpenAlerts(fixture, "chair");
  REQUIRE(chair_alerts.size() >= 2);
  Actor lead = As(fixture, Role::kLeadReviewer), chair = As(fixture, Role::kChair);

  CHECK(fixture.service().Execute(AcknowledgeAlertCommand{lead, {chair_alerts[0]}, ""}).status.code() ==
        Status::Code::kPermissionDenied);
  CommandResult missing = fixture.service().Execute(AcknowledgeAlertCommand{chair, {chair_alerts[0], 424242}, ""});
  CHECK(missing.status.code() == Status::Code::kNotFound);
  CHECK(missing.status.message().find("424242") != std::string::npos);
  CHECK(OpenAlerts(fixture, "chair") == chair_alerts);  // none of them was acknowledged

  REQUIRE(fixture.service()
              .Execute(AcknowledgeAlertCommand{fixture.business_unit(), {chair_alerts[0]}, "Chasing the chair"})
              .status.ok());
  std::string reason;
  nlohmann::json data = LastData(fixture, id, "alert_acknowledged", &reason);
  CHECK(reason == "Chasing the chair");
  CHECK(data["alert"] == chair_alerts[0]);
  CHECK(data["on_behalf_of"] == "chair");
  CHECK(data.contains("kind"));
  CHECK(data.contains("level"));
  CHECK(data.contains("checkpoint"));

  std::vector<int64_t> rest(chair_alerts.begin() + 1, chair_alerts.end());
  REQUIRE(fixture.service().Execute(AcknowledgeAlertCommand{chair, rest, "Seen"}).status.ok());
  CHECK(OpenAlerts(fixture, "chair").empty());
  CHECK_FALSE(LastData(fixture, id, "alert_acknowledged").contains("on_behalf_of"));
  CHECK(fixture.service().Execute(AcknowledgeAlertCommand{chair, {chair_alerts[0]}, ""}).status.code() ==
        Status::Code::kConflict);
  CHECK(fixture.VerifyHistory().empty());  // the chain holds with the acknowledgements in it
}

TEST_CASE("access: an agency user belongs to one agency, carried on its tokens", "[engine][access][directory]") {
  ServiceFixture fixture;
  Directory& directory = fixture.directory();
  CHECK(directory.CreateUser(fixture.board(), Role::kAgency, "Liaison", "l@example.org", " ").status().code() ==
        Status::Code::kInvalidArgument);
  CHECK(directory.CreateUser(fixture.board(), Role::kChair, "Pat", "p@example.org", "Police").status().code() ==
        Status::Code::kInvalidArgument);
  UserId police = directory.CreateUser(fixture.board(), Role::kAgency, "Police liaison", "po@example.org", "Police ").value();
  UserId chair = directory.CreateUser(fixture.board(), Role::kChair, "Pat", "c@example.org", "").value();
  CHECK(directory.CreateToken(NewToken(fixture.board(), Role::kAgency, std::nullopt)).status().code() ==
        Status::Code::kInvalidArgument);
  CHECK(directory.CreateToken(NewToken(fixture.board(), Role::kAgency, chair)).status().code() == Status::Code::kInvalidArgument);
  std::string token = directory.CreateToken(NewToken(fixture.board(), Role::kAgency, police)).value();
  CHECK(directory.Authenticate(token, std::chrono::system_clock::now())->actor.agency == "Police");
  REQUIRE(directory.SetAgency(police, "Health").ok());
  CHECK(directory.Authenticate(token, std::chrono::system_clock::now())->actor.agency == "Health");
  CHECK(directory.SetAgency(chair, "Health").code() == Status::Code::kInvalidArgument);
  std::string chairs = directory.CreateToken(NewToken(fixture.board(), Role::kChair, chair)).value();
  CHECK(directory.Authenticate(chairs, std::chrono::system_clock::now())->actor.agency.empty());
}

TEST_CASE("schema: users made before agencies keep their rows and have no agency", "[engine][store][migration]") {
  test::TempDir dir;
  std::string path = dir.File("old.db");
  {
    SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    size_t before = Migrations().size() - 1;
    for (size_t i = 0; i < before; ++i) old.exec(Migrations()[i]);
    old.exec("PRAGMA user_version = " + std::to_string(before));
    old.exec("INSERT INTO boards (id, name, nation, created_at) VALUES (1, 'Board', 'england', '2026-01-01T00:00:00Z')");
    old.exec("INSERT INTO users (id, board_id, role, name, email, created_at) VALUES (4, 1, 'agency', 'Liaison', "
             "'l@example.org', '2026-01-01T00:00:00Z')");
  }
  Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Mode::kReadWrite);
  REQUIRE(opened.ok());
  SQLite::Statement user((*opened)->connection(), "SELECT name, agency FROM users WHERE id = 4");
  REQUIRE(user.executeStep());
  CHECK(user.getColumn(0).getString() == "Liaison");
  CHECK(user.getColumn(1).isNull());
}

TEST_CASE("access: an alert about one agency's item reaches only that agency's users, one about a checkpoint, "
          "every agency user",
          "[engine][access][outbox]") {
  ServiceFixture fixture;
  Directory& directory = fixture.directory();
  UserId police = directory.CreateUser(fixture.board(), Role::kAgency, "Police liaison", "po@example.org", "Police").value();
  UserId health = directory.CreateUser(fixture.board(), Role::kAgency, "Health liaison", "he@example.org", "Health").value();
  ReviewId id = fixture.Refer();
  CommandResult asked = fixture.service().Execute(
      RequestInformationCommand{fixture.business_unit(), id, "Police", "Custody records", Date::Parse("2026-04-01").value()});
  REQUIRE(asked.status.ok());
  {
    // Alerts addressed to the agency role, as a workflow that makes agencies chase their own items would send.
    SQLite::Database database(fixture.database_path(), SQLite::OPEN_READWRITE);
    for (const std::string& subject : {"information_request/" + std::to_string(asked.created_id),
                                       std::string("agency_information_for_decision")}) {
      SQLite::Statement alert(database,
                              "INSERT INTO alerts (board_id, review_id, checkpoint, kind, level, step, recipient_role, "
                              "due, scheduled_for, fired_at) VALUES (?, ?, ?, 'overdue', 0, 1, 'agency', '2026-04-01', "
                              "'2026-04-01T22:59:59Z', '2026-04-01T22:59:59Z')");
      alert.bind(1, fixture.board());
      alert.bind(2, id);
      alert.bind(3, subject);
      alert.exec();
      SQLite::Statement outbox(database, "INSERT INTO outbox (alert_id, board_id, recipient_role, created_at) VALUES "
                                         "(?, ?, 'agency', '2026-04-01T22:59:59Z')");
      outbox.bind(1, database.getLastInsertRowid());
      outbox.bind(2, fixture.board());
      outbox.exec();
    }
  }
  std::unique_ptr<OutboxStore> store = OutboxStore::Open(fixture.database_path()).value();
  std::map<std::string, std::vector<UserId>> reached;  // subject -> users
  std::vector<OutboxEntry> entries = store->Unexpanded(100).value();
  for (const OutboxEntry& entry : entries) {
    if (entry.recipient_role != Role::kAgency) continue;
    std::vector<UserId>& users = reached[entry.checkpoint] = {};
    for (const Recipient& recipient : entry.recipients) users.push_back(recipient.user);
  }
  CHECK(reached["information_request/" + std::to_string(asked.created_id)] == std::vector<UserId>{police});
  CHECK(reached["agency_information_for_decision"] == std::vector<UserId>{police, health});
}
