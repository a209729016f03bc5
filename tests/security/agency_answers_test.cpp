// An agency user answers the information requests addressed to its own agency (received, or declined with
// the reason), recorded in the history as that user; it cannot answer another agency's, nor move a request's
// due date or send it to another agency: those stay with the business unit.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support/api_client.h"
#include "support/api_calls.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::Bearer;
using scr::test::GetJson;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

// A board with one review, asked for information by the Police and by Health, and a Police user.
struct AskedAgencies {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string police_user = RunAdmin(db, {"create-user", "--board", board, "--role", "agency", "--agency", "Police",
                                          "--name", "Robin Police", "--email", "robin@police.example"});
  std::string police = RunAdmin(db, {"create-token", "--board", board, "--role", "agency", "--user", police_user});
  TrackerService service{db};
  scr::test::ApiClient client{"127.0.0.1", service.port()};
  std::string requests = "/api/v1/reviews/1/information-requests";
  long long police_request = 0, health_request = 0;

  AskedAgencies() {
    json referral = {{"workflow", "scr-2015"}, {"title", "Child P"}, {"incident_date", "2026-01-05"},
                     {"referral_date", "2026-01-12"}, {"rationale", "Serious harm."},
                     {"statutory_criteria_met", true}, {"child_died", false}};
    auto referred = client.Post("/api/v1/reviews", Bearer(unit), referral.dump(), "application/json");
    REQUIRE(referred);
    REQUIRE(referred->status == 201);
    police_request = Ask("Police");
    health_request = Ask("Health");
  }

  long long Ask(const std::string& agency) {
    json ask = {{"agency", agency}, {"request", "Chronology from " + agency}, {"due", "2030-01-07"}};
    auto asked = client.Post(requests.c_str(), Bearer(unit), ask.dump(), "application/json");
    REQUIRE(asked);
    REQUIRE(asked->status == 201);
    return json::parse(asked->body)["id"];
  }

  httplib::Result Patch(long long request, const json& body, const std::string& token) {
    std::string path = requests + "/" + std::to_string(request);
    return client.Patch(path.c_str(), Bearer(token), body.dump(), "application/json");
  }

  // The request as the business unit sees it.
  json Request(long long id) {
    json listed = GetJson(client, requests, unit)["items"];
    for (const json& request : listed) {
      if (request["id"] == id) return request;
    }
    FAIL("no information request " << id);
    return {};
  }
};

}  // namespace

TEST_CASE("security: an agency user answers an information request addressed to its own agency, recorded as "
          "that user",
          "[security][agency]") {
  AskedAgencies board;
  auto declined = board.Patch(board.police_request, {{"status", "declined"}}, board.police);
  REQUIRE(declined);
  CHECK(declined->status == 400);  // declined needs the reason, from an agency as from anyone
  auto answered = board.Patch(board.police_request, {{"status", "received"}, {"reason", "Sent by secure email."}},
                              board.police);
  REQUIRE(answered);
  INFO(answered->body);
  REQUIRE(answered->status == 200);
  CHECK(json::parse(answered->body)["status"] == "received");
  CHECK(board.Request(board.police_request)["status"] == "received");

  bool recorded = false;
  json events = GetJson(board.client, "/api/v1/reviews/1/events", board.unit)["items"];
  for (const json& event : events) {
    if (event["event"] != "information_received") continue;
    recorded = true;
    CHECK(event["actor"] == "Robin Police (agency)");
    CHECK(event["data"]["agency"] == "Police");
  }
  CHECK(recorded);
}

TEST_CASE("security: an agency user cannot answer an information request addressed to another agency",
          "[security][agency]") {
  AskedAgencies board;
  auto refused = board.Patch(board.health_request, {{"status", "received"}}, board.police);
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(refused->get_header_value("Content-Type") == "application/problem+json");
  CHECK(json::parse(refused->body)["detail"].get<std::string>().find("Health") != std::string::npos);
  CHECK(board.Request(board.health_request)["status"] == "open");
  // Nor does it see it: its list holds only its own agency's.
  json seen = GetJson(board.client, board.requests, board.police)["items"];
  REQUIRE(seen.size() == 1);
  CHECK(seen[0]["id"] == board.police_request);
}

TEST_CASE("security: an agency user cannot move its information request's due date nor send it to another agency",
          "[security][agency]") {
  AskedAgencies board;
  auto moved = board.Patch(board.police_request, {{"due", "2030-02-04"}, {"reason", "More time."}}, board.police);
  REQUIRE(moved);
  CHECK(moved->status == 403);
  std::string detail = json::parse(moved->body)["detail"];
  CHECK(detail.find("due date") != std::string::npos);
  CHECK(detail.find("business unit") != std::string::npos);
  auto readdressed = board.Patch(board.police_request, {{"agency", "Health"}}, board.police);
  REQUIRE(readdressed);
  CHECK(readdressed->status == 403);
  CHECK(json::parse(readdressed->body)["detail"].get<std::string>().find("agency it is addressed to") !=
        std::string::npos);
  auto both = board.Patch(board.police_request, {{"status", "received"}, {"due", "2030-02-04"}}, board.police);
  REQUIRE(both);
  CHECK(both->status == 403);
  json unchanged = board.Request(board.police_request);
  CHECK(unchanged["due"] == "2030-01-07");
  CHECK(unchanged["agency"] == "Police");
  CHECK(unchanged["status"] == "open");
}
