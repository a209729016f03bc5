// Liveness and readiness: GET /health stays {"status":"ok"}; GET /health/ready reports the database, the
// scheduler and the notification backlog, and turns 503 when email has waited longer than configured.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::CountRows;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::WaitFor;

namespace {

httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

void Advance(httplib::Client& client, const std::string& admin, int days) {
  auto advanced =
      client.Post("/api/v1/admin/clock/advance", As(admin), json{{"days", days}}.dump(), "application/json");
  REQUIRE(advanced);
  REQUIRE(advanced->status == 200);
}

}  // namespace

TEST_CASE(
    "health: live is the contract's ok, ready reports a writable database, a running scheduler and no "
    "backlog",
    "[integration][health]") {
  TempDir dir;
  TrackerService service(dir.File("scr.db"));
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto live = client.Get("/health");
  REQUIRE(live);
  CHECK(live->status == 200);
  CHECK(json::parse(live->body) == json{{"status", "ok"}});

  auto ready = client.Get("/health/ready");
  REQUIRE(ready);
  INFO(ready->body);
  CHECK(ready->status == 200);
  json body = json::parse(ready->body);
  CHECK(body["status"] == "ready");
  CHECK(body["checks"]["database"]["writable"] == true);
  CHECK(body["checks"]["scheduler"]["running"] == true);
  CHECK(body["checks"]["notifications"]["pending"] == 0);
  CHECK(body["checks"]["notifications"]["oldest_undelivered_age_s"].is_null());
  CHECK(body["checks"]["notifications"]["max_undelivered_age_s"] == 30 * 60);
}

TEST_CASE("health: ready turns 503 when email cannot be delivered for longer than the configured limit",
          "[integration][health]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  for (const char* role : {"chair", "business_unit"}) {
    RunAdmin(db, {"create-user", "--board", board, "--role", role, "--name", std::string("A ") + role,
                  "--email", std::string(role) + "@example.org"});
  }
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  // Nothing listens on the mail port: every email waits for its next attempt.
  scr::test::WriteFile(
      dir.File("scr.yaml"),
      "notifier:\n  smtp:\n    url: smtp://127.0.0.1:" + std::to_string(scr::test::FreePort()) +
          "\nhealth:\n  max_undelivered_age_minutes: 86400\n");  // 60 days
  TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
  scr::test::ApiClient client("127.0.0.1", service.port());
  std::string today =
      json::parse(client.Get("/api/v1/admin/clock", As(admin))->body)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child H"},           {"incident_date", today},
                   {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", As(unit), referral.dump(), "application/json")->status == 201);

  // On a simulated clock, alerts are queued at the moments they fall due during the jump: after 40 days
  // the oldest has waited (in simulated time) more than a month, less than the limit.
  Advance(client, admin, 40);  // the chair's decision is overdue: alerts, and email that cannot go
  REQUIRE(WaitFor([&] {
    return CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'pending'") > 0;
  }));
  auto fresh = client.Get("/health/ready");
  REQUIRE(fresh);
  INFO(fresh->body);
  CHECK(fresh->status == 200);  // waiting, but not for long yet
  CHECK(json::parse(fresh->body)["checks"]["notifications"]["pending"].get<long long>() > 0);

  Advance(client, admin, 30);
  auto stuck = client.Get("/health/ready");
  REQUIRE(stuck);
  INFO(stuck->body);
  CHECK(stuck->status == 503);
  CHECK(stuck->get_header_value("Content-Type") == "application/problem+json");
  json body = json::parse(stuck->body);
  CHECK(body["detail"].get<std::string>().find("notifications are stuck") != std::string::npos);
  CHECK(body["checks"]["notifications"]["oldest_undelivered_age_s"].get<long long>() > 60 * 24 * 3600);
  CHECK(body["checks"]["database"]["writable"] == true);

  auto live = client.Get("/health");  // still alive: only readiness says something is wrong
  REQUIRE(live);
  CHECK(live->status == 200);
}
