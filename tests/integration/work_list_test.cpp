// GET /work through the real binary: each role's own work by default, the whole board's for admin and the
// business unit, another role's refused, a bad window refused, and an agency's items kept from the others.
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

struct Board {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string id = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string Token(const std::string& role) { return RunAdmin(db, {"create-token", "--board", id, "--role", role}); }
  std::string AgencyToken(const std::string& agency) {
    std::string user = RunAdmin(db, {"create-user", "--board", id, "--role", "agency", "--name", agency + " liaison",
                                     "--email", agency + "@example.org", "--agency", agency});
    return RunAdmin(db, {"create-token", "--board", id, "--role", "agency", "--user", user});
  }
};

json Keys(const json& items) {
  json keys = json::array();
  for (const json& item : items) keys.push_back(item["key"]);
  return keys;
}

bool Has(const json& items, const std::string& key) {
  for (const json& item : items) {
    if (item["key"] == key) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("work list: each role its own work, admin and the business unit the whole board's, the most urgent first",
          "[integration][work]") {
  Board board;
  std::string unit = board.Token("business_unit"), admin = board.Token("admin"), chair = board.Token("chair");
  std::string lead = board.Token("lead_reviewer"), viewer = board.Token("viewer");
  TrackerService service(board.db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  std::string today = GetJson(client, "/api/v1/admin/clock", admin)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child W"}, {"incident_date", today}, {"referral_date", today},
                   {"rationale", "Serious harm."}, {"statutory_criteria_met", true}, {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", Bearer(unit), referral.dump(), "application/json")->status == 201);

  json all = GetJson(client, "/api/v1/work", unit);
  CHECK(all["within"] == 10);
  CHECK(all["next_cursor"].is_null());
  INFO(Keys(all["items"]).dump());
  REQUIRE(Has(all["items"], "national_notification"));
  CHECK(Has(all["items"], "agency_information_for_decision"));  // the agencies' step: the board's work too
  CHECK_FALSE(Has(all["items"], "recommendation_to_chair"));     // 15 working days away
  CHECK(Has(GetJson(client, "/api/v1/work?within=15", unit)["items"], "recommendation_to_chair"));
  const json& first = all["items"][0];
  CHECK(first["review"] == 1);
  CHECK(first["review_title"] == "Child W");
  CHECK(first["kind"] == "checkpoint");
  CHECK(first["due"].get<std::string>().size() == 10);
  CHECK(first["blocked_by"].is_array());
  CHECK(first.contains("owner_agency"));

  json own = GetJson(client, "/api/v1/work?role=business_unit", unit)["items"];
  for (const json& item : own) CHECK(item["owner_role"] == "business_unit");
  CHECK_FALSE(Has(own, "agency_information_for_decision"));
  CHECK(GetJson(client, "/api/v1/work?role=agency", admin)["items"].size() >= 1);

  json chairs = GetJson(client, "/api/v1/work?within=40", chair)["items"];
  REQUIRE(Has(chairs, "chair_decision"));
  REQUIRE(Has(chairs, "decide_to_review"));
  for (const json& item : chairs) {
    CHECK(item["owner_role"] == "chair");
    if (item["kind"] != "decision") continue;
    bool waits_on_rationale = false;
    for (const json& blocker : item["blocked_by"]) {
      if (blocker["kind"] == "checkpoint" && blocker["key"] == "referral_rationale_recorded") waits_on_rationale = true;
    }
    CHECK(waits_on_rationale);
  }
  json lead_work = GetJson(client, "/api/v1/work?within=260", lead);
  for (const json& item : lead_work["items"]) CHECK(item["owner_role"] == "lead_reviewer");
  CHECK(GetJson(client, "/api/v1/work?within=260", viewer)["items"].empty());

  // A week on: the notification is overdue, and overdue work comes first, the oldest first.
  REQUIRE(client.Post("/api/v1/admin/clock/advance", Bearer(admin), R"({"days": 8})", "application/json")->status == 200);
  json later = GetJson(client, "/api/v1/work", unit)["items"];
  REQUIRE(later.size() >= 2);
  CHECK(later[0]["status"] == "overdue");
  CHECK(later[0]["working_days_left"].get<int>() < 0);
  bool seen_open = false;
  for (size_t i = 0; i < later.size(); ++i) {
    bool overdue = later[i]["status"] == "overdue";
    CHECK_FALSE((overdue && seen_open));
    seen_open = seen_open || !overdue;
    if (i > 0 && (later[i - 1]["status"] == "overdue") == overdue) CHECK(later[i - 1]["due"] <= later[i]["due"]);
  }
}

TEST_CASE("work list: another role's work and a bad window are refused with a detail that says what to send",
          "[integration][work]") {
  Board board;
  std::string chair = board.Token("chair"), unit = board.Token("business_unit");
  std::string police = board.AgencyToken("Police");
  TrackerService service(board.db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  for (const auto& [token, path] : std::vector<std::pair<std::string, std::string>>{
           {chair, "/api/v1/work?role=business_unit"}, {police, "/api/v1/work?role=chair"}}) {
    auto refused = client.Get(path.c_str(), Bearer(token));
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(json::parse(refused->body)["detail"].get<std::string>().find("only its own work") != std::string::npos);
  }
  CHECK(client.Get("/api/v1/work?role=chair", Bearer(chair))->status == 200);
  for (const char* within : {"abc", "-1", "261", "1.5", ""}) {
    std::string path = std::string("/api/v1/work?within=") + within;
    auto refused = client.Get(path.c_str(), Bearer(unit));
    REQUIRE(refused);
    INFO(path);
    CHECK(refused->status == 400);
    CHECK(json::parse(refused->body)["detail"].get<std::string>().find("within=10") != std::string::npos);
  }
  auto unknown = client.Get("/api/v1/work?role=auditor", Bearer(unit));
  CHECK(unknown->status == 400);
  CHECK(client.Get("/api/v1/work")->status == 401);
}

TEST_CASE("work list: an agency user sees only its own agency's actions and requests", "[integration][work]") {
  Board board;
  std::string unit = board.Token("business_unit");
  std::string police = board.AgencyToken("Police"), health = board.AgencyToken("Health");
  TrackerService service(board.db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  std::string today = GetJson(client, "/api/v1/work", unit)["today"];
  json referral = {{"workflow", "scr-2015"}, {"title", "Child V"}, {"incident_date", today}, {"referral_date", today},
                   {"rationale", "Serious harm."}, {"statutory_criteria_met", true}, {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", Bearer(unit), referral.dump(), "application/json")->status == 201);
  for (const char* agency : {"Police", "Health"}) {
    json ask = {{"agency", agency}, {"request", std::string("Chronology from ") + agency}, {"due", today}};
    REQUIRE(client.Post("/api/v1/reviews/1/information-requests", Bearer(unit), ask.dump(), "application/json")->status == 201);
  }

  json mine = GetJson(client, "/api/v1/work", police)["items"];
  REQUIRE(mine.size() == 1);
  CHECK(mine[0]["kind"] == "information_request");
  CHECK(mine[0]["owner_role"] == "agency");
  CHECK(mine[0]["owner_agency"] == "Police");
  CHECK(mine[0]["title"] == "Chronology from Police");
  CHECK(mine[0]["status"] == "open");
  json theirs = GetJson(client, "/api/v1/work?role=agency", health)["items"];
  REQUIRE(theirs.size() == 1);
  CHECK(theirs[0]["owner_agency"] == "Health");
  json board_wide = GetJson(client, "/api/v1/work?role=agency", unit)["items"];
  int requests = 0;
  for (const json& item : board_wide) requests += item["kind"] == "information_request";
  CHECK(requests == 2);
}
