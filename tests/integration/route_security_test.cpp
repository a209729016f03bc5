// Every registered route, from the binary's own route table: without a token it is 401; with a token of a
// role it does not allow, 403; with another board's token, anything of this board is 404. A route added
// without a sample body here fails the test, so the walk keeps up with the table.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <map>
#include <regex>
#include <thread>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

const std::vector<std::string> kRoles = {"admin", "business_unit", "chair", "lead_reviewer", "agency", "viewer"};

// A body each writing route accepts, so that a refusal is about who asks, not what was sent.
const std::map<std::string, std::string> kSampleBodies = {
    {"POST /api/v1/admin/clock/advance", R"({"days": 0})"},
    {"POST /api/v1/reviews",
     R"({"workflow": "scr-2015", "title": "Child Z", "incident_date": "2026-10-01", "referral_date": "2026-10-05",
         "rationale": "Serious harm.", "statutory_criteria_met": true, "child_died": false})"},
    {R"(PATCH /api/v1/reviews/(\d+))", R"({"references": {"panel": "CSPRP-2026-001"}})"},
    {R"(POST /api/v1/reviews/(\d+)/events)", R"({"event": "decide_to_review", "reason": "Criteria met."})"},
    {R"(POST /api/v1/reviews/(\d+)/checkpoints/([a-z][a-z0-9_]*)/complete)", "{}"},
    {R"(POST /api/v1/reviews/(\d+)/checkpoints/([a-z][a-z0-9_]*)/waive)", R"({"reason": "Not needed."})"},
    {R"(POST /api/v1/reviews/(\d+)/checkpoints/([a-z][a-z0-9_]*)/extend)", R"({"due": "2027-01-04", "reason": "Police."})"},
    {R"(POST /api/v1/reviews/(\d+)/parallel-processes)", R"({"kind": "inquest", "holds": "publication"})"},
    {R"(PATCH /api/v1/reviews/(\d+)/parallel-processes/(\d+))", R"({"status": "concluded"})"},
    {R"(POST /api/v1/alerts/(\d+)/acknowledge)", ""},
    {"POST /api/v1/alerts/acknowledge", R"({"ids": [1], "note": "Seen."})"},
    {R"(POST /api/v1/inbox/(\d+)/read)", ""},
    {"PUT /api/v1/me/preferences", R"({"email": "digest"})"},
    {R"(POST /api/v1/notifications/(\d+)/retry)", ""},
    {R"(POST /api/v1/reviews/(\d+)/information-requests)", R"({"agency": "Police", "request": "Logs", "due": "2029-01-05"})"},
    {R"(PATCH /api/v1/reviews/(\d+)/information-requests/(\d+))", R"({"status": "received"})"},
    {R"(POST /api/v1/reviews/(\d+)/family-members)", R"({"name": "A B", "relationship": "aunt", "involvement": "involved"})"},
    {R"(PATCH /api/v1/reviews/(\d+)/family-members/(\d+))", R"({"support_needs": "None known."})"},
    {R"(POST /api/v1/reviews/(\d+)/documents)",
     R"({"title": "Minutes", "kind": "minutes", "owner_body": "Board", "held_by": "Board", "date": "2026-10-06"})"},
    {R"(PATCH /api/v1/reviews/(\d+)/documents/(\d+))", R"({"notes": "Checked."})"},
    {R"(POST /api/v1/reviews/(\d+)/actions)",
     R"({"title": "Train staff", "finding": "F1", "owner_agency": "Health", "priority": "high", "due": "2029-01-05"})"},
    {R"(PATCH /api/v1/reviews/(\d+)/actions/(\d+))", R"({"note": "Started."})"},
    {R"(POST /api/v1/reviews/(\d+)/follow-ups/(\d+)/complete)", R"({"change_holds": true, "findings": "Holds."})"},
    {R"(POST /api/v1/reviews/(\d+)/follow-ups/(\d+)/waive)", R"({"reason": "Not needed."})"},
    {R"(PUT /api/v1/reviews/(\d+)/self-assessment/([a-z0-9][a-z0-9_-]{0,63}))", R"({"answer": "yes"})"},
    {R"(POST /api/v1/reviews/(\d+)/privacy-check)", R"({"text": "A report."})"},
    {R"(POST /api/v1/reviews/(\d+)/identifiers)", R"({"kind": "address", "value": "4 Mill Lane"})"},
    {R"(DELETE /api/v1/reviews/(\d+)/identifiers/(\d+))", ""},
    {"POST /api/v1/session/sign-out", ""},
};

// The pattern with every group replaced by something of board A that exists.
std::string ConcretePath(const std::string& pattern) {
  std::string path = std::regex_replace(pattern, std::regex(R"(\(\\d\+\))"), "1");
  path = std::regex_replace(path, std::regex(R"(\(\[a-z\]\[a-z0-9_\]\*\))"), "chair_decision");
  path = std::regex_replace(path, std::regex(R"(\(\[a-z0-9\]\[a-z0-9_-\]\{0,63\}\))"), "qm1-rationale");
  return std::regex_replace(path, std::regex(R"(\(\[a-z\]\[a-z0-9-\]\*\))"), "scr-2015");
}

httplib::Result Call(httplib::Client& client, const std::string& method, const std::string& path,
                     const std::string& body, const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  if (method == "GET") return client.Get(path.c_str(), headers);
  if (method == "POST") return client.Post(path.c_str(), headers, body, "application/json");
  if (method == "PATCH") return client.Patch(path.c_str(), headers, body, "application/json");
  if (method == "DELETE") return client.Delete(path.c_str(), headers);
  return client.Put(path.c_str(), headers, body, "application/json");
}

}  // namespace

TEST_CASE("security: every route refuses a missing token (401), a role it does not allow (403) and another board "
          "(404)",
          "[integration][security]") {
  scr::test::CommandOutput table = RunTracker({"routes"});
  REQUIRE(table.exit_code == 0);
  json routes = json::parse(table.out);
  REQUIRE(routes.size() > 20);

  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board_a = RunAdmin(db, {"create-board", "--name", "Board A"});
  std::string board_b = RunAdmin(db, {"create-board", "--name", "Board B"});
  std::map<std::string, std::string> a, b;  // role -> token, each for a user of that role
  for (const std::string& role : kRoles) {
    std::vector<std::string> agency;  // an agency user belongs to one agency
    if (role == "agency") agency = {"--agency", "Health"};
    std::vector<std::string> create_a = {"create-user", "--board", board_a, "--role", role, "--name", "A " + role,
                                         "--email", role + "@a.example.org"};
    std::vector<std::string> create_b = {"create-user", "--board", board_b, "--role", role, "--name", "B " + role,
                                         "--email", role + "@b.example.org"};
    create_a.insert(create_a.end(), agency.begin(), agency.end());
    create_b.insert(create_b.end(), agency.begin(), agency.end());
    std::string user_a = RunAdmin(db, create_a);
    std::string user_b = RunAdmin(db, create_b);
    a[role] = RunAdmin(db, {"create-token", "--board", board_a, "--role", role, "--user", user_a});
    b[role] = RunAdmin(db, {"create-token", "--board", board_b, "--role", role, "--user", user_b});
  }
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  // Board A has one of everything that has an id: review, request, document, family member, identifier,
  // process, and (from the referral's reminders) an alert and its messages.
  for (const char* key : {"POST /api/v1/reviews", R"(POST /api/v1/reviews/(\d+)/information-requests)",
                          R"(POST /api/v1/reviews/(\d+)/documents)", R"(POST /api/v1/reviews/(\d+)/family-members)",
                          R"(POST /api/v1/reviews/(\d+)/identifiers)", R"(POST /api/v1/reviews/(\d+)/parallel-processes)"}) {
    std::string route(key);
    size_t space = route.find(' ');
    auto made = Call(client, "POST", ConcretePath(route.substr(space + 1)), kSampleBodies.at(route), a["business_unit"]);
    REQUIRE(made);
    INFO(route << ": " << made->body);
    REQUIRE(made->status == 201);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    SQLite::Database database(db, SQLite::OPEN_READONLY);
    if (database.execAndGet("SELECT COUNT(*) FROM messages WHERE id = 1").getInt64() == 1) break;
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  for (const json& route : routes) {
    std::string method = route["method"], pattern = route["pattern"];
    if (!route["requires_token"].get<bool>()) continue;
    std::string key = method + " " + pattern;
    INFO(key);
    std::string body;
    if (method != "GET") {
      auto sample = kSampleBodies.find(key);
      REQUIRE(sample != kSampleBodies.end());  // a new route: add a sample body above
      body = sample->second;
    }
    std::string path = ConcretePath(pattern);
    auto anonymous = Call(client, method, path, body, "");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    std::vector<std::string> allowed = route["roles"];
    for (const std::string& role : kRoles) {
      if (std::find(allowed.begin(), allowed.end(), role) != allowed.end()) continue;
      auto refused = Call(client, method, path, body, a[role]);
      INFO("role " << role);
      CHECK(refused->status == 403);
    }
    if (pattern.find("(\\d+)") == std::string::npos) continue;  // nothing of board A's named in the path
    for (const std::string& role : allowed) {
      auto hidden = Call(client, method, path, body, b[role]);
      INFO("board B's " << role << ": " << hidden->body);
      CHECK(hidden->status == 404);
    }
  }
}
