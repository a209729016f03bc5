// The access log: every successful read of a review through the API is recorded with who read it, and
// only the board's admins can read the log back.
#include <catch2/catch.hpp>
#include <httplib.h>
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

// The log's entries for `route` by `name`.
std::vector<json> ReadsBy(const json& log, const std::string& name, const std::string& route) {
  std::vector<json> found;
  for (const json& read : log["items"]) {
    if (read["actor"]["name"] == name && read["route"] == route) found.push_back(read);
  }
  return found;
}

}  // namespace

TEST_CASE("access log: a viewer's reads of a review are logged with the viewer's name, and only the board's admin "
          "may read the log",
          "[integration][access_log]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string viewer = RunAdmin(db, {"create-user", "--board", board, "--role", "viewer", "--name", "Val Viewer",
                                     "--email", "val@example.org"});
  std::string viewer_token = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer", "--user", viewer});
  std::string unit_token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin_token = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  std::string other_board = RunAdmin(db, {"create-board", "--name", "Southshire"});
  std::string other_admin = RunAdmin(db, {"create-token", "--board", other_board, "--role", "admin"});

  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  std::string today =
      json::parse(client.Get("/api/v1/admin/clock", As(admin_token))->body)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child R (reads)"}, {"incident_date", today},
                   {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", As(unit_token), referral.dump(), "application/json")->status == 201);

  REQUIRE(client.Get("/api/v1/reviews/1", As(viewer_token))->status == 200);
  REQUIRE(client.Get("/api/v1/reviews/1/events", As(viewer_token))->status == 200);
  REQUIRE(client.Get("/api/v1/reviews/1/family-members", As(unit_token))->status == 200);
  CHECK(client.Get("/api/v1/reviews/99", As(viewer_token))->status == 404);  // no read, nothing logged
  CHECK(client.Get("/api/v1/reviews/1/family-members", As(viewer_token))->status == 403);
  // Written by the log's own thread, at once but not before the answer.
  CHECK(WaitFor([&] { return CountRows(db, "SELECT COUNT(*) FROM review_reads WHERE actor_role = 'viewer'") == 2; }));
  CHECK(CountRows(db, "SELECT COUNT(*) FROM review_reads WHERE review_id = 99") == 0);

  auto answer = client.Get("/api/v1/reviews/1/access-log", As(admin_token));
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  json log = json::parse(answer->body);
  std::vector<json> review_reads = ReadsBy(log, "Val Viewer", "GET /api/v1/reviews/{id}");
  REQUIRE(review_reads.size() == 1);
  CHECK(review_reads[0]["actor"]["role"] == "viewer");
  CHECK(review_reads[0]["actor"]["user"] == std::stoll(viewer));
  CHECK(review_reads[0]["actor"]["token"].is_number());
  CHECK(review_reads[0]["read_at"].get<std::string>().substr(0, 10) == today);
  CHECK(ReadsBy(log, "Val Viewer", "GET /api/v1/reviews/{id}/events").size() == 1);
  std::vector<json> family_reads = ReadsBy(log, "token 2", "GET /api/v1/reviews/{id}/family-members");
  REQUIRE(family_reads.size() == 1);  // a token without a user is named by its id
  CHECK(family_reads[0]["actor"]["user"].is_null());

  CHECK(client.Get("/api/v1/reviews/1/access-log", As(viewer_token))->status == 403);
  auto other = client.Get("/api/v1/reviews/1/access-log", As(other_admin));
  REQUIRE(other);
  CHECK(other->status == 404);  // another board's review: not even its existence
  CHECK(client.Get("/api/v1/reviews/1/access-log?cursor=x", As(admin_token))->status == 400);
}
