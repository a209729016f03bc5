// Reading a review again: the service answers a review that has not changed from the JSON it wrote last time,
// so these tests prove that every kind of change shows at once, and that the kept answer is its board's alone.
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

namespace {

json Call(httplib::Client& client, const std::string& method, const std::string& path, const std::string& token,
          const std::string& body = "", int expected = 200) {
  httplib::Headers headers{{"Authorization", "Bearer " + token}};
  httplib::Result response = method == "GET" ? client.Get(path.c_str(), headers)
                                             : client.Post(path.c_str(), headers, body, "application/json");
  REQUIRE(response);
  INFO(method << " " << path << " -> " << response->body);
  REQUIRE(response->status == expected);
  return json::parse(response->body);
}

const json& Checkpoint(const json& review, const std::string& key) {
  for (const json& checkpoint : review["checkpoints"]) {
    if (checkpoint["key"] == key) return checkpoint;
  }
  FAIL("no checkpoint " << key);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a review read again shows every change since: a completed checkpoint, an event, a new day",
          "[integration][reviews]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Reading board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());

  std::string today = Call(client, "GET", "/api/v1/admin/clock", admin)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"},      {"title", "Review R"},        {"incident_date", today},
                   {"referral_date", today},      {"rationale", "Criteria met."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  json created = Call(client, "POST", "/api/v1/reviews", unit, referral.dump(), 201);
  std::string path = "/api/v1/reviews/" + std::to_string(created["id"].get<long long>());

  json first = Call(client, "GET", path, unit);
  CHECK(Call(client, "GET", path, unit) == first);  // nothing changed: the same answer
  REQUIRE(Checkpoint(first, "national_notification")["status"] != "done");
  int days_left = Checkpoint(first, "national_notification")["working_days_left"];

  Call(client, "POST", path + "/checkpoints/national_notification/complete", unit, "{}");
  json completed = Call(client, "GET", path, unit);
  CHECK(Checkpoint(completed, "national_notification")["status"] == "done");
  CHECK(completed["updated_at"] != nullptr);

  Call(client, "POST", path + "/checkpoints/referral_rationale_recorded/complete", unit, "{}");
  Call(client, "POST", path + "/checkpoints/chair_decision/complete", unit, "{}");
  Call(client, "POST", path + "/events", unit, R"({"event": "decide_to_review", "reason": "criteria met"})");
  json decided = Call(client, "GET", path, unit);
  CHECK(decided["state"] != first["state"]);

  // A week later, with no change to the review, its open checkpoints are counted from the new day.
  Call(client, "POST", "/api/v1/admin/clock/advance", admin, R"({"days": 7})");
  json week_later = Call(client, "GET", path, unit);
  const json& open = Checkpoint(decided, "agency_information_for_decision");
  REQUIRE(open.contains("working_days_left"));
  CHECK(Checkpoint(week_later, "agency_information_for_decision")["working_days_left"] <
        open["working_days_left"].get<int>());
  CHECK(days_left > 0);
}

TEST_CASE("a review another board has just read is still not found for this board", "[integration][reviews]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string north = RunAdmin(db, {"create-board", "--name", "North"});
  std::string south = RunAdmin(db, {"create-board", "--name", "South"});
  std::string north_unit = RunAdmin(db, {"create-token", "--board", north, "--role", "business_unit"});
  std::string south_unit = RunAdmin(db, {"create-token", "--board", south, "--role", "business_unit"});
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  json referral = {{"workflow", "scr-2015"},         {"title", "Review N"},         {"incident_date", "2026-03-02"},
                   {"referral_date", "2026-03-09"},  {"rationale", "Criteria met."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  json created = Call(client, "POST", "/api/v1/reviews", north_unit, referral.dump(), 201);
  std::string path = "/api/v1/reviews/" + std::to_string(created["id"].get<long long>());

  Call(client, "GET", path, north_unit);
  Call(client, "GET", path, north_unit);
  json refused = Call(client, "GET", path, south_unit, "", 404);
  CHECK(refused.dump().find("Review N") == std::string::npos);
}
