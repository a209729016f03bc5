// The real scr-tracker binary, over real sockets, on a real database file.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// A database with two boards and a token for each role of the first, made with the admin commands.
struct Boards {
  explicit Boards(const std::string& db) : database(db) {
    board = Admin({"create-board", "--name", "Northshire", "--nation", "england"});
    other_board = Admin({"create-board", "--name", "Southshire", "--nation", "scotland"});
    for (const char* role : {"admin", "business_unit", "chair", "lead_reviewer", "viewer"}) {
      tokens[role] = Admin({"create-token", "--board", board, "--role", role});
    }
    // An agency token belongs to an agency user, who belongs to one agency.
    std::string police = Admin({"create-user", "--board", board, "--role", "agency", "--name", "Police liaison",
                                "--email", "police@example.org", "--agency", "Police"});
    tokens["agency"] = Admin({"create-token", "--board", board, "--role", "agency", "--user", police});
    std::string user = Admin({"create-user", "--board", other_board, "--role", "business_unit", "--name", "Other",
                              "--email", "other@example.org"});
    other_token = Admin({"create-token", "--board", other_board, "--role", "business_unit", "--user", user});
  }

  std::string Admin(const std::vector<std::string>& arguments) { return scr::test::RunAdmin(database, arguments); }

  std::string database;
  std::string board, other_board, other_token;
  std::map<std::string, std::string> tokens;
};

struct Api {
  explicit Api(int port) : client("127.0.0.1", port) {}

  httplib::Result Send(const std::string& method, const std::string& path, const std::string& token,
                       const std::string& body = "") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    if (method == "GET") return client.Get(path.c_str(), headers);
    if (method == "PATCH") return client.Patch(path.c_str(), headers, body, "application/json");
    return client.Post(path.c_str(), headers, body, "application/json");
  }

  scr::test::ApiClient client;
};

const char* kReferral = R"json({"workflow": "scr-2015", "title": "Child A (2026/11)", "incident_date": "2026-11-02",
  "referral_date": "2026-11-09", "rationale": "Serious injury; agencies involved.",
  "statutory_criteria_met": true, "child_died": false})json";

void CheckProblem(const httplib::Result& response, int status) {
  REQUIRE(response);
  INFO(response->body);
  CHECK(response->status == status);
  CHECK(response->get_header_value("Content-Type") == "application/problem+json");
  json body = json::parse(response->body);
  CHECK(body["status"] == status);
  CHECK(body.contains("type"));
  CHECK(body.contains("title"));
  CHECK(body["detail"].is_string());
}

}  // namespace

TEST_CASE("http: a business unit refers a case, records the chair's decision and reads the history",
          "[integration][http]") {
  TempDir dir;
  Boards boards(dir.File("scr.db"));
  TrackerService service(boards.database);
  Api api(service.port());
  const std::string& unit = boards.tokens["business_unit"];

  auto health = api.Send("GET", "/health", "");
  REQUIRE(health);
  CHECK(json::parse(health->body) == json{{"status", "ok"}});

  auto created = api.Send("POST", "/api/v1/reviews", unit, kReferral);
  REQUIRE(created);
  INFO(created->body);
  REQUIRE(created->status == 201);
  json review = json::parse(created->body);
  CHECK(review["state"] == "decision_pending");
  CHECK(review["workflow"] == "scr-2015");
  std::string path = "/api/v1/reviews/" + std::to_string(review["id"].get<long long>());
  CHECK(created->get_header_value("Location") == path);
  bool has_chair_decision = false;
  for (const json& checkpoint : review["checkpoints"]) {
    if (checkpoint["key"] == "chair_decision") {
      has_chair_decision = true;
      CHECK(checkpoint["due"] == "2026-12-09");
      CHECK(checkpoint["status"].is_string());
    }
  }
  CHECK(has_chair_decision);

  // A guard refuses: the blocking checkpoints are named.
  auto blocked = api.Send("POST", path + "/events", unit, R"({"event": "decide_to_review", "reason": "Criteria met."})");
  CheckProblem(blocked, 409);
  json blocking = json::parse(blocked->body)["blocking"];
  CHECK(std::find(blocking.begin(), blocking.end(), "chair_decision") != blocking.end());

  for (const json& key : blocking) {
    auto done = api.Send("POST", path + "/checkpoints/" + key.get<std::string>() + "/complete", unit,
                         R"({"note": "Recorded at the panel meeting."})");
    REQUIRE(done);
    CHECK(done->status == 200);
  }
  // The wrong phase: the allowed events are listed.
  auto wrong = api.Send("POST", path + "/events", unit, R"({"event": "publish"})");
  CheckProblem(wrong, 409);
  CHECK(json::parse(wrong->body)["allowed_events"] == json{"decide_to_review", "decide_not_to_review", "pause"});
  CHECK(json::parse(wrong->body)["next_events"].size() == 3);  // each with what holds it back: nothing now

  auto decided = api.Send("POST", path + "/events", boards.tokens["chair"],
                          R"({"event": "decide_to_review", "reason": "Criteria met.", "data": {"criteria": "death"}})");
  REQUIRE(decided);
  INFO(decided->body);
  CHECK(decided->status == 200);
  CHECK(json::parse(decided->body)["state"] == "setting_up");

  auto history = api.Send("GET", path + "/events", boards.tokens["viewer"]);
  REQUIRE(history);
  json items = json::parse(history->body)["items"];
  REQUIRE(items.size() >= 3);
  CHECK(items.front()["event"] == "referred");
  CHECK(items.back()["event"] == "decide_to_review");
  CHECK(items.back()["reason"] == "Criteria met.");
  CHECK(items.back()["data"]["criteria"] == "death");

  // A restart keeps everything that was acknowledged.
  CHECK(service.Stop() == 0);
  TrackerService again(boards.database);
  Api api_again(again.port());
  auto after = api_again.Send("GET", path, unit);
  REQUIRE(after);
  CHECK(json::parse(after->body)["state"] == "setting_up");
  CHECK(json::parse(after->body)["allowed_events"].is_array());

  scr::test::CommandOutput verified = RunTracker({"admin", "verify", "--db", boards.database});
  CHECK(verified.exit_code == 0);
}

TEST_CASE("http: no token is 401, another board is 404, a role without the right is 403", "[integration][http]") {
  TempDir dir;
  Boards boards(dir.File("scr.db"));
  TrackerService service(boards.database);
  Api api(service.port());
  auto created = api.Send("POST", "/api/v1/reviews", boards.tokens["business_unit"], kReferral);
  REQUIRE(created);
  REQUIRE(created->status == 201);
  std::string path = "/api/v1/reviews/" + std::to_string(json::parse(created->body)["id"].get<long long>());

  CheckProblem(api.Send("GET", path, ""), 401);
  CheckProblem(api.Send("GET", path, "scr_not_a_real_token"), 401);
  CheckProblem(api.Send("GET", path, boards.other_token), 404);
  CheckProblem(api.Send("GET", path + "/events", boards.other_token), 404);
  CheckProblem(api.Send("POST", path + "/events", boards.other_token, R"({"event": "decide_to_review", "reason": "x"})"),
               404);
  auto others = api.Send("GET", "/api/v1/reviews", boards.other_token);
  REQUIRE(others);
  CHECK(json::parse(others->body)["items"].empty());

  CheckProblem(api.Send("POST", "/api/v1/reviews", boards.tokens["viewer"], kReferral), 403);
  CheckProblem(api.Send("POST", path + "/events", boards.tokens["lead_reviewer"], R"({"event": "commission"})"), 403);
  CheckProblem(api.Send("GET", path, boards.tokens["agency"]), 403);
  // The chair's decision is the chair's: a lead reviewer may not waive it.
  CheckProblem(api.Send("POST", path + "/checkpoints/chair_decision/waive", boards.tokens["lead_reviewer"],
                        R"({"reason": "x"})"),
               403);
}

TEST_CASE("http: bad requests are refused with a message that names the problem", "[integration][http]") {
  TempDir dir;
  Boards boards(dir.File("scr.db"));
  TrackerService service(boards.database);
  Api api(service.port());
  const std::string& unit = boards.tokens["business_unit"];

  json with_extra = json::parse(kReferral);
  with_extra["child_name"] = "should never be sent";
  auto unknown = api.Send("POST", "/api/v1/reviews", unit, with_extra.dump());
  CheckProblem(unknown, 400);
  CHECK(json::parse(unknown->body)["detail"].get<std::string>().find("unknown field 'child_name'") != std::string::npos);

  CheckProblem(api.Send("POST", "/api/v1/reviews", unit, "{not json"), 400);
  json bad_date = json::parse(kReferral);
  bad_date["referral_date"] = "2026-02-30";
  CheckProblem(api.Send("POST", "/api/v1/reviews", unit, bad_date.dump()), 400);
  json missing = json::parse(kReferral);
  missing.erase("rationale");
  auto no_rationale = api.Send("POST", "/api/v1/reviews", unit, missing.dump());
  CheckProblem(no_rationale, 400);
  CHECK(json::parse(no_rationale->body)["detail"].get<std::string>().find("rationale") != std::string::npos);

  CheckProblem(api.Send("GET", "/api/v1/reviews/999999", unit), 404);
  CheckProblem(api.Send("GET", "/api/v1/nothing-here", unit), 404);
  CheckProblem(api.Send("GET", "/api/v1/reviews?state=flying", unit), 400);
  CheckProblem(api.Send("POST", "/api/v1/reviews", unit, std::string(2 << 20, ' ')), 413);

  auto listed = api.Send("GET", "/api/v1/reviews", unit);
  REQUIRE(listed);
  CHECK(json::parse(listed->body)["items"].empty());  // nothing was stored by the refused requests
}

TEST_CASE("http: reviews are listed by state, in pages with a cursor", "[integration][http]") {
  TempDir dir;
  Boards boards(dir.File("scr.db"));
  TrackerService service(boards.database);
  Api api(service.port());
  const std::string& unit = boards.tokens["business_unit"];
  for (int i = 0; i < 5; ++i) REQUIRE(api.Send("POST", "/api/v1/reviews", unit, kReferral)->status == 201);

  std::vector<long long> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto listed = api.Send("GET", "/api/v1/reviews?state=decision_pending&limit=2" +
                                      (cursor.empty() ? "" : "&cursor=" + cursor), unit);
    REQUIRE(listed);
    json body = json::parse(listed->body);
    for (const json& item : body["items"]) seen.push_back(item["id"]);
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"];
  }
  CHECK(seen == std::vector<long long>{1, 2, 3, 4, 5});
  auto none = api.Send("GET", "/api/v1/reviews?state=closed", unit);
  CHECK(json::parse(none->body)["items"].empty());
}

TEST_CASE("cli: the service refuses bad flags, an unreadable config and a damaged database with a clear message",
          "[integration][cli]") {
  TempDir dir;
  scr::test::CommandOutput bad_listen = RunTracker({"serve", "--db", dir.File("a.db"), "--listen", "nowhere"});
  CHECK(bad_listen.exit_code != 0);
  CHECK(bad_listen.err.find("HOST:PORT") != std::string::npos);

  scr::test::CommandOutput no_config =
      RunTracker({"serve", "--db", dir.File("a.db"), "--config", dir.File("missing.yaml")});
  CHECK(no_config.exit_code != 0);
  CHECK(no_config.err.find("cannot read the config file") != std::string::npos);

  scr::test::WriteFile(dir.File("bad.yaml"), "notifier:\n  smtp:\n    host: x\n");
  scr::test::CommandOutput bad_config = RunTracker({"serve", "--db", dir.File("a.db"), "--config", dir.File("bad.yaml")});
  CHECK(bad_config.exit_code != 0);
  CHECK(bad_config.err.find("bad.yaml:3: unknown key 'host'") != std::string::npos);

  scr::test::WriteFile(dir.File("corrupt.db"), std::string(8192, 'x'));
  scr::test::CommandOutput corrupt = RunTracker({"serve", "--db", dir.File("corrupt.db")});
  CHECK(corrupt.exit_code != 0);
  CHECK(corrupt.err.find("not a database") != std::string::npos);

  CHECK(RunTracker({"serve"}).exit_code != 0);
  CHECK(RunTracker({"frobnicate"}).exit_code != 0);
}

TEST_CASE("cli: check-workflows names the file and line of each problem, calendar counts working days",
          "[integration][cli]") {
  TempDir dir;
  std::filesystem::create_directories(dir.File("flows"));
  scr::test::WriteFile(dir.File("flows/broken.yaml"), "name: broken\ntitle: Broken\ncolour: blue\n");
  scr::test::CommandOutput checked = RunTracker({"admin", "check-workflows", dir.File("flows")});
  CHECK(checked.exit_code != 0);
  CHECK(checked.err.find(dir.File("flows/broken.yaml") + ":3: unknown key 'colour'") != std::string::npos);

  scr::test::CommandOutput good = RunTracker({"admin", "check-workflows", scr::test::WorkflowsDir()});
  CHECK(good.exit_code == 0);

  CHECK(Trim(RunTracker({"calendar", "--nation", "england", "add", "2025-04-17", "1"}).out) == "2025-04-22");
  CHECK(Trim(RunTracker({"calendar", "--nation", "scotland", "add", "2026-11-27", "1"}).out) == "2026-12-01");
  scr::test::CommandOutput holidays = RunTracker({"calendar", "--nation", "wales", "holidays", "2023"});
  CHECK(holidays.out.find("2023-05-08  Bank holiday for the coronation of King Charles III") != std::string::npos);
  CHECK(RunTracker({"calendar", "--nation", "mars", "holidays", "2023"}).exit_code != 0);
  CHECK(RunTracker({"calendar", "--nation", "england", "holidays", "2040"}).exit_code != 0);
}

TEST_CASE("http: a command sent with Prefer: return=minimal is answered with the review's id, phase and version",
          "[integration][http]") {
  TempDir dir;
  Boards boards(dir.File("scr.db"));
  TrackerService service(boards.database);
  scr::test::ApiClient client("127.0.0.1", service.port());
  const std::string unit = boards.tokens["business_unit"];
  auto send = [&](const std::string& path, const std::string& body, const std::string& prefer) {
    httplib::Headers headers{{"Authorization", "Bearer " + unit}};
    if (!prefer.empty()) headers.emplace("Prefer", prefer);
    return client.Post(path.c_str(), headers, body, "application/json");
  };

  auto referred = send("/api/v1/reviews", kReferral, "return=minimal");
  REQUIRE(referred);
  REQUIRE(referred->status == 201);
  CHECK(referred->get_header_value("Preference-Applied") == "return=minimal");
  json made = json::parse(referred->body);
  CHECK(made == json{{"id", made["id"]}, {"state", "decision_pending"}, {"version", 1}});
  std::string review = "/api/v1/reviews/" + std::to_string(made["id"].get<long long>());

  // Among other preferences, in any case, quoted: still minimal; the version is the history's length.
  auto completed = send(review + "/checkpoints/referral_rationale_recorded/complete", R"({"note": "Recorded."})",
                        "respond-async, RETURN = \"Minimal\"; wait=5");
  REQUIRE(completed);
  REQUIRE(completed->status == 200);
  CHECK(completed->get_header_value("Preference-Applied") == "return=minimal");
  CHECK(completed->get_header_value("Vary") == "Prefer");
  json after = json::parse(completed->body);
  CHECK(after["version"] == 2);
  CHECK(after["state"] == "decision_pending");

  // Without the preference (or with another), the whole review, as before.
  auto whole = send(review + "/checkpoints/chair_decision/extend", R"({"due": "2027-01-29", "reason": "Awaiting the police summary."})",
                    "return=representation");
  REQUIRE(whole);
  REQUIRE(whole->status == 200);
  CHECK(whole->get_header_value("Preference-Applied").empty());
  json full = json::parse(whole->body);
  CHECK(full.contains("checkpoints"));
  CHECK(full.contains("allowed_events"));

  // A refused command is a problem whatever was preferred.
  auto refused = send(review + "/events", R"({"event": "publish", "reason": "Too soon."})", "return=minimal");
  REQUIRE(refused);
  CHECK(refused->status == 409);
  CHECK(refused->get_header_value("Preference-Applied").empty());
  CHECK(refused->get_header_value("Content-Type") == "application/problem+json");
}
