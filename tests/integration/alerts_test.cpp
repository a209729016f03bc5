// Alerts over HTTP: fired as an admin moves the simulated clock, listed by role, acknowledged once.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

TEST_CASE("alerts: moving the clock past a due date fires the overdue alert and escalations, each acknowledged once",
          "[integration][alerts]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  std::string viewer = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer"});
  std::string other_board = RunAdmin(db, {"create-board", "--name", "Other"});
  std::string other = RunAdmin(db, {"create-token", "--board", other_board, "--role", "chair"});

  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto as = [](const std::string& token) { return httplib::Headers{{"Authorization", "Bearer " + token}}; };

  std::string today = json::parse(client.Get("/api/v1/admin/clock", as(admin))->body)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child C (alerts)"}, {"incident_date", today},
                   {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  auto created = client.Post("/api/v1/reviews", as(unit), referral.dump(), "application/json");
  REQUIRE(created);
  REQUIRE(created->status == 201);
  // Only reminders so far: a checkpoint due five working days after the referral is reminded at once.
  json reminders = json::parse(client.Get("/api/v1/alerts", as(unit))->body)["items"];
  for (const json& alert : reminders) {
    CHECK(alert["kind"] == "reminder");
  }

  auto advanced = client.Post("/api/v1/admin/clock/advance", as(admin), R"({"days": 60})", "application/json");
  REQUIRE(advanced);
  REQUIRE(advanced->status == 200);

  json for_chair = json::parse(client.Get("/api/v1/alerts?role=chair&status=open", as(unit))->body)["items"];
  bool overdue_decision = false;
  long long alert_id = 0;
  for (const json& alert : for_chair) {
    CHECK(alert["recipient_role"] == "chair");
    if (alert["checkpoint"] == "chair_decision" && alert["kind"] == "overdue") {
      overdue_decision = true;
      alert_id = alert["id"];
    }
  }
  REQUIRE(overdue_decision);
  json escalations = json::parse(client.Get("/api/v1/alerts?level=2", as(unit))->body)["items"];
  CHECK_FALSE(escalations.empty());

  std::string path = "/api/v1/alerts/" + std::to_string(alert_id) + "/acknowledge";
  CHECK(client.Post(path.c_str(), as(viewer), "", "application/json")->status == 403);
  CHECK(client.Post(path.c_str(), as(other), "", "application/json")->status == 404);
  auto acknowledged = client.Post(path.c_str(), as(unit), "", "application/json");
  REQUIRE(acknowledged);
  CHECK(acknowledged->status == 200);
  CHECK(client.Post(path.c_str(), as(unit), "", "application/json")->status == 409);
  json after = json::parse(client.Get("/api/v1/alerts?status=acknowledged", as(unit))->body)["items"];
  REQUIRE(after.size() == 1);
  CHECK(after[0]["acknowledged_by"].get<std::string>().find("business_unit") != std::string::npos);
  CHECK(json::parse(client.Get("/api/v1/alerts", as(other))->body)["items"].empty());
}
