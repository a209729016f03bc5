// The demo a new user starts with deploy/run.sh, and the simulated clock an admin moves forward.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

std::string TokenFor(const std::string& banner, const std::string& role) {
  std::smatch match;
  std::regex line("\\(" + role + "\\): (scr_[0-9a-f]{64})");
  REQUIRE(std::regex_search(banner, match, line));
  return match[1].str();
}

json Get(httplib::Client& client, const std::string& path, const std::string& token) {
  auto response = client.Get(path.c_str(), {{"Authorization", "Bearer " + token}});
  REQUIRE(response);
  INFO(response->body);
  REQUIRE(response->status == 200);
  return json::parse(response->body);
}

}  // namespace

TEST_CASE("demo: a fictional board with reviews in many phases, overdue work, and a token for every role",
          "[integration][demo]") {
  std::unique_ptr<TrackerService> demo = TrackerService::Demo();
  std::string banner = demo->Output();
  INFO(banner);
  CHECK(banner.find("http://127.0.0.1:" + std::to_string(demo->port()) + "/api/v1/reviews") != std::string::npos);
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string unit = TokenFor(banner, "business_unit");
  for (const char* role : {"chair", "lead_reviewer", "agency", "viewer", "admin"}) CHECK_FALSE(TokenFor(banner, role).empty());

  json reviews = Get(client, "/api/v1/reviews", unit)["items"];
  CHECK(reviews.size() >= 6);
  std::set<std::string> phases;
  int overdue = 0;
  for (const json& review : reviews) {
    phases.insert(review["state"].get<std::string>());
    overdue += review["overdue_checkpoints"].get<int>();
  }
  CHECK(phases.size() >= 6);
  CHECK(phases.count("publication_pending") == 1);
  CHECK(phases.count("implementation") == 1);
  CHECK(overdue > 0);

  // The review held back by a criminal trial shows why it cannot be published.
  int held_back = 0;
  for (const json& review : reviews) {
    if (review["publication_holds"] == 0) continue;
    ++held_back;
    json held = Get(client, "/api/v1/reviews/" + std::to_string(review["id"].get<long long>()), unit);
    CHECK(held["state"] == "publication_pending");
    REQUIRE(held["parallel_processes"].size() == 1);
    CHECK(held["parallel_processes"][0]["kind"] == "criminal_investigation");
    CHECK(held["parallel_processes"][0]["holds_publication"] == true);
  }
  CHECK(held_back == 1);

  // The review in implementation has an action in every RAG state.
  std::set<std::string> ratings;
  json actions = Get(client, "/api/v1/actions", unit);
  for (const json& action : actions["items"]) ratings.insert(action["rag"].get<std::string>());
  CHECK(ratings == std::set<std::string>{"red", "amber", "green", "none"});

  // Every user of the demo can sign in to the dashboard with the printed password.
  CHECK(banner.find("password northshire-demo") != std::string::npos);
  auto signed_in = client.Post("/api/v1/session", R"({"email": "chair@northshire.example", "password": "northshire-demo"})",
                               "application/json");
  REQUIRE(signed_in);
  CHECK(signed_in->status == 201);
  json clock = Get(client, "/api/v1/admin/clock", unit);
  CHECK(clock["simulated"] == true);
}

TEST_CASE("clock: an admin moves the simulated clock forward, never back, and it stays moved after a restart",
          "[integration][clock]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Clock board"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});

  std::string moved_to;
  {
    TrackerService service(db, {"--clock", "simulated"});
    scr::test::ApiClient client("127.0.0.1", service.port());
    httplib::Headers as_admin{{"Authorization", "Bearer " + admin}};
    auto advanced = client.Post("/api/v1/admin/clock/advance", as_admin, R"({"days": 30})", "application/json");
    REQUIRE(advanced);
    INFO(advanced->body);
    REQUIRE(advanced->status == 200);
    moved_to = json::parse(advanced->body)["now"];

    auto back = client.Post("/api/v1/admin/clock/advance", as_admin, R"({"to": "2020-01-01T00:00:00Z"})",
                            "application/json");
    REQUIRE(back);
    CHECK(back->status == 400);
    auto not_admin = client.Post("/api/v1/admin/clock/advance", {{"Authorization", "Bearer " + unit}},
                                 R"({"days": 1})", "application/json");
    REQUIRE(not_admin);
    CHECK(not_admin->status == 403);
  }
  TrackerService again(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", again.port());
  std::string now = Get(client, "/api/v1/admin/clock", admin)["now"];
  CHECK(now >= moved_to);

  // On the system clock there is no simulated clock to read or move.
  std::string other = dir.File("other.db");
  std::string other_board = RunAdmin(other, {"create-board", "--name", "Other"});
  std::string other_admin = RunAdmin(other, {"create-token", "--board", other_board, "--role", "admin"});
  TrackerService system_clock(other);
  scr::test::ApiClient plain("127.0.0.1", system_clock.port());
  auto none = plain.Get("/api/v1/admin/clock", {{"Authorization", "Bearer " + other_admin}});
  REQUIRE(none);
  CHECK(none->status == 404);
}
