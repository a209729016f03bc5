// Information requests over HTTP: asked, listed, answered; refused for the wrong role, another board,
// unknown fields; chased by alerts that name the request.
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

TEST_CASE("information requests: asked of an agency by a date, answered once, chased by alerts until then",
          "[integration][information_request]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  std::string viewer = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer"});
  std::string other_board = RunAdmin(db, {"create-board", "--name", "Other"});
  std::string other = RunAdmin(db, {"create-token", "--board", other_board, "--role", "business_unit"});
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto as = [](const std::string& token) { return httplib::Headers{{"Authorization", "Bearer " + token}}; };

  std::string today = json::parse(client.Get("/api/v1/admin/clock", as(admin))->body)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child F"}, {"incident_date", today}, {"referral_date", today},
                   {"rationale", "Serious harm."}, {"statutory_criteria_met", true}, {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", as(unit), referral.dump(), "application/json")->status == 201);

  const char* path = "/api/v1/reviews/1/information-requests";
  json ask = {{"agency", "Police"}, {"request", "Chronology of contacts"}, {"due", "2029-01-05"}};
  auto asked = client.Post(path, as(unit), ask.dump(), "application/json");
  REQUIRE(asked);
  REQUIRE(asked->status == 201);
  json request = json::parse(asked->body);
  CHECK(request["agency"] == "Police");
  CHECK(request["status"] == "open");
  CHECK(request["requested_on"] == today);
  long long id = request["id"];

  CHECK(client.Post(path, as(viewer), ask.dump(), "application/json")->status == 403);
  CHECK(client.Post(path, as(other), ask.dump(), "application/json")->status == 404);
  CHECK(client.Get(path, as(other))->status == 404);
  json unknown = ask;
  unknown["priority"] = "high";
  auto refused = client.Post(path, as(unit), unknown.dump(), "application/json");
  CHECK(refused->status == 400);
  CHECK(json::parse(refused->body)["detail"].get<std::string>().find("priority") != std::string::npos);
  json past = ask;
  past["due"] = "2020-01-06";
  CHECK(client.Post(path, as(unit), past.dump(), "application/json")->status == 400);
  json beyond = ask;  // later than the bank holidays are known: it could not be counted or chased
  beyond["due"] = "2099-01-05";
  CHECK(client.Post(path, as(unit), beyond.dump(), "application/json")->status == 400);

  // Overdue once its date has passed, and the alerts name the request.
  json school = {{"agency", "School"}, {"request", "Attendance records"}, {"due", today}};
  long long school_id = json::parse(client.Post(path, as(unit), school.dump(), "application/json")->body)["id"];
  REQUIRE(client.Post("/api/v1/admin/clock/advance", as(admin), R"({"days": 2})", "application/json")->status == 200);
  json listed = json::parse(client.Get(path, as(viewer))->body)["items"];
  REQUIRE(listed.size() == 2);
  CHECK(listed[0]["status"] == "open");
  CHECK(listed[1]["status"] == "overdue");
  bool chased = false;
  json alerts = json::parse(client.Get("/api/v1/alerts?review=1&limit=200", as(unit))->body)["items"];
  for (const json& alert : alerts) {
    if (alert.contains("information_request") && alert["information_request"] == school_id) {
      chased = true;
      CHECK(alert["checkpoint"].is_null());
    }
  }
  CHECK(chased);

  std::string one = std::string(path) + "/" + std::to_string(id);
  CHECK(client.Patch(one.c_str(), as(unit), R"({"status": "declined"})", "application/json")->status == 400);
  auto answered = client.Patch(one.c_str(), as(unit), R"({"status": "received"})", "application/json");
  REQUIRE(answered);
  CHECK(answered->status == 200);
  CHECK(json::parse(answered->body)["status"] == "received");
  CHECK(client.Patch(one.c_str(), as(unit), R"({"status": "received"})", "application/json")->status == 409);
  CHECK(client.Patch((std::string(path) + "/999").c_str(), as(unit), R"({"status": "received"})", "application/json")
            ->status == 404);
}

TEST_CASE("information requests: the business unit moves an open request's due date with a reason, or sends it to "
          "another agency",
          "[integration][information_request]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto as = [](const std::string& token) { return httplib::Headers{{"Authorization", "Bearer " + token}}; };
  json referral = {{"workflow", "scr-2015"}, {"title", "Child F"}, {"incident_date", "2026-01-05"},
                   {"referral_date", "2026-01-12"}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", as(unit), referral.dump(), "application/json")->status == 201);
  json ask = {{"agency", "Police"}, {"request", "Chronology of contacts"}, {"due", "2030-01-07"}};
  auto asked = client.Post("/api/v1/reviews/1/information-requests", as(unit), ask.dump(), "application/json");
  REQUIRE(asked);
  REQUIRE(asked->status == 201);
  std::string one = "/api/v1/reviews/1/information-requests/" + std::to_string(json::parse(asked->body)["id"].get<long long>());
  auto patch = [&](const json& body) {
    auto answer = client.Patch(one.c_str(), as(unit), body.dump(), "application/json");
    REQUIRE(answer);
    return answer;
  };

  CHECK(patch({{"due", "2030-02-04"}})->status == 400);  // a move needs its reason, for the delay register
  auto weekend = patch({{"due", "2030-02-02"}, {"reason", "Records held off site."}});
  CHECK(weekend->status == 400);
  CHECK(json::parse(weekend->body)["detail"].get<std::string>().find("working day") != std::string::npos);
  CHECK(patch({{"due", "2030-02-04"}, {"status", "received"}})->status == 400);  // an answer comes on its own
  auto moved = patch({{"due", "2030-02-04"}, {"reason", "Records held off site."}});
  INFO(moved->body);
  REQUIRE(moved->status == 200);
  CHECK(json::parse(moved->body)["due"] == "2030-02-04");
  CHECK(scr::test::CountRows(db, "SELECT COUNT(*) FROM delays WHERE previous_due = '2030-01-07' AND new_due = "
                                 "'2030-02-04' AND reason = 'Records held off site.'") == 1);

  auto readdressed = patch({{"agency", " Health "}});
  REQUIRE(readdressed->status == 200);
  CHECK(json::parse(readdressed->body)["agency"] == "Health");
  CHECK(patch({{"agency", "Health"}})->status == 400);  // nothing changes

  json events = json::parse(client.Get("/api/v1/reviews/1/events", as(unit))->body)["items"];
  int changes = 0;
  for (const json& event : events) {
    if (event["event"] != "information_request_changed") continue;
    ++changes;
    if (event["data"].contains("new_due")) CHECK(event["reason"] == "Records held off site.");
    if (event["data"].contains("previous_agency")) CHECK(event["data"]["previous_agency"] == "Police");
  }
  CHECK(changes == 2);
}
