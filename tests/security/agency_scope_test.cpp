// An agency user belongs to one agency and reads and changes only that agency's improvement actions and the
// information requests addressed to it: tried through real sockets against the demo, with its printed
// tokens and logins, and against a database made with the admin commands.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "support/api_client.h"
#include "support/api_calls.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::Bearer;
using scr::test::GetJson;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

// The first open improvement action of the demo board owned by `agency`, as the business unit sees it.
json OpenActionOf(httplib::Client& client, const std::string& unit, const std::string& agency) {
  json actions = GetJson(client, "/api/v1/actions", unit)["items"];
  for (const json& action : actions) {
    bool open = action["status"] == "not_started" || action["status"] == "in_progress";
    if (action["owner_agency"] == agency && open) return action;
  }
  FAIL("the demo has no open action of " << agency);
  return {};
}

std::string ActionPath(const json& action) {
  return "/api/v1/reviews/" + std::to_string(action["review"].get<long long>()) + "/actions/" +
         std::to_string(action["id"].get<long long>());
}

}  // namespace

TEST_CASE("security: an agency user cannot change another agency's action", "[security][agency]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string police = demo->DemoToken("Police liaison"), unit = demo->DemoToken("Sam Okafor");
  json health = OpenActionOf(client, unit, "Health");
  std::string path = ActionPath(health);

  auto dropped = client.Patch(path.c_str(), Bearer(police), R"({"status": "dropped", "reason": "Not ours."})",
                              "application/json");
  REQUIRE(dropped);
  CHECK(dropped->status == 403);
  CHECK(dropped->get_header_value("Content-Type") == "application/problem+json");
  CHECK(json::parse(dropped->body)["detail"].get<std::string>().find("Health") != std::string::npos);
  CHECK(GetJson(client, path, unit)["status"] == health["status"]);  // nothing changed
  CHECK(client.Get(path.c_str(), Bearer(police))->status == 403);

  // Its own agency's action it still reports progress on.
  json own = OpenActionOf(client, unit, "Police");
  auto progressed = client.Patch(ActionPath(own).c_str(), Bearer(police), R"({"note": "Call-outs now shared daily."})",
                                 "application/json");
  REQUIRE(progressed);
  CHECK(progressed->status == 200);
}

TEST_CASE("security: an agency user's lists of actions show only its own agency's", "[security][agency]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string police = demo->DemoToken("Police liaison"), unit = demo->DemoToken("Sam Okafor");
  json every = GetJson(client, "/api/v1/actions", unit)["items"];
  REQUIRE(std::any_of(every.begin(), every.end(), [](const json& a) { return a["owner_agency"] != "Police"; }));

  json listed = GetJson(client, "/api/v1/actions", police)["items"];
  REQUIRE_FALSE(listed.empty());
  for (const json& action : listed) CHECK(action["owner_agency"] == "Police");
  CHECK(GetJson(client, "/api/v1/actions?agency=Health", police)["items"].empty());
  json by_agency = GetJson(client, "/api/v1/actions/by-agency", police)["items"];
  REQUIRE(by_agency.size() == 1);
  CHECK(by_agency[0]["agency"] == "Police");
  std::string review = "/api/v1/reviews/" + std::to_string(listed[0]["review"].get<long long>()) + "/actions";
  json in_review = GetJson(client, review, police)["items"];
  for (const json& action : in_review) CHECK(action["owner_agency"] == "Police");
  CHECK(GetJson(client, review, unit)["items"].size() > GetJson(client, review, police)["items"].size());
}

TEST_CASE("security: an agency user reads only the information requests addressed to its agency",
          "[security][agency]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string police = demo->DemoToken("Police liaison"), unit = demo->DemoToken("Sam Okafor");
  json review = OpenActionOf(client, unit, "Police")["review"];  // a review still open, in implementation
  std::string requests = "/api/v1/reviews/" + std::to_string(review.get<long long>()) + "/information-requests";
  for (const char* agency : {"Police", "Health", "Education"}) {
    json ask = {{"agency", agency}, {"request", std::string("Chronology from ") + agency}, {"due", "2030-01-07"}};
    auto asked = client.Post(requests.c_str(), Bearer(unit), ask.dump(), "application/json");
    REQUIRE(asked);
    REQUIRE(asked->status == 201);
  }
  CHECK(GetJson(client, requests, unit)["items"].size() >= 3);
  json seen = GetJson(client, requests, police)["items"];
  REQUIRE(seen.size() == 1);
  CHECK(seen[0]["agency"] == "Police");
  CHECK(seen[0]["request"] == "Chronology from Police");
}

TEST_CASE("security: a signed-in agency user is held to its agency as its token is", "[security][agency]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string unit = demo->DemoToken("Sam Okafor");
  auto signed_in = client.Post("/api/v1/session", R"({"email": "health@northshire.example", "password": "northshire-demo"})",
                               "application/json");
  REQUIRE(signed_in);
  REQUIRE(signed_in->status == 201);
  std::string cookie = signed_in->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  httplib::Headers session = {{"Cookie", cookie}, {"X-CSRF-Token", json::parse(signed_in->body)["csrf_token"]}};
  CHECK(json::parse(client.Get("/api/v1/session", session)->body)["agency"] == "Health");

  auto listed = client.Get("/api/v1/actions", session);
  REQUIRE(listed);
  REQUIRE(listed->status == 200);
  json actions = json::parse(listed->body)["items"];
  REQUIRE_FALSE(actions.empty());
  for (const json& action : actions) CHECK(action["owner_agency"] == "Health");
  json police = OpenActionOf(client, unit, "Police");
  auto changed = client.Patch(ActionPath(police).c_str(), session, R"({"note": "Ours now."})", "application/json");
  REQUIRE(changed);
  CHECK(changed->status == 403);
}

TEST_CASE("security: an agency user and its tokens must name one agency", "[security][agency]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = scr::test::RunAdmin(db, {"create-board", "--name", "Northshire"});
  auto admin = [&db](std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "admin");
    arguments.push_back("--db");
    arguments.push_back(db);
    return RunTracker(arguments);
  };
  scr::test::CommandOutput no_agency =
      admin({"create-user", "--board", board, "--role", "agency", "--name", "Liaison", "--email", "l@example.org"});
  CHECK(no_agency.exit_code != 0);
  CHECK(no_agency.err.find("--agency") != std::string::npos);
  scr::test::CommandOutput chair_with_agency = admin({"create-user", "--board", board, "--role", "chair", "--name",
                                                      "Pat", "--email", "p@example.org", "--agency", "Police"});
  CHECK(chair_with_agency.exit_code != 0);

  std::string police = scr::test::RunAdmin(db, {"create-user", "--board", board, "--role", "agency", "--name",
                                                "Police liaison", "--email", "police@example.org", "--agency", " Police "});
  std::string chair = scr::test::RunAdmin(db, {"create-user", "--board", board, "--role", "chair", "--name", "Pat",
                                               "--email", "chair@example.org"});
  scr::test::CommandOutput without_user = admin({"create-token", "--board", board, "--role", "agency"});
  CHECK(without_user.exit_code != 0);
  CHECK(without_user.err.find("--user") != std::string::npos);
  scr::test::CommandOutput chairs_user = admin({"create-token", "--board", board, "--role", "agency", "--user", chair});
  CHECK(chairs_user.exit_code != 0);
  std::string token = scr::test::RunAdmin(db, {"create-token", "--board", board, "--role", "agency", "--user", police});

  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  CHECK(GetJson(client, "/api/v1/session", token)["agency"] == "Police");  // kept without the spaces around it
}
