// The documents register over HTTP: entered with its owner, holder, date and disclosure status; the
// decision changed later; refused for the wrong role, another board, unknown fields or statuses.
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

TEST_CASE("documents: the register lists what the review holds and whether it may be disclosed, only recorders change it",
          "[integration][documents]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string viewer = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer"});
  std::string other = RunAdmin(db, {"create-token", "--board", RunAdmin(db, {"create-board", "--name", "Other"}),
                                    "--role", "business_unit"});
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto as = [](const std::string& token) { return httplib::Headers{{"Authorization", "Bearer " + token}}; };
  json referral = {{"workflow", "scr-2015"}, {"title", "Child H"}, {"incident_date", "2026-10-01"},
                   {"referral_date", "2026-10-05"}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", as(unit), referral.dump(), "application/json")->status == 201);

  const char* path = "/api/v1/reviews/1/documents";
  json chronology = {{"title", "Integrated chronology"}, {"kind", "chronology"}, {"owner_body", "Police"},
                     {"held_by", "Business unit"}, {"date", "2026-10-20"}};
  auto registered = client.Post(path, as(unit), chronology.dump(), "application/json");
  REQUIRE(registered);
  REQUIRE(registered->status == 201);
  json document = json::parse(registered->body);
  CHECK(document["disclosure_status"] == "not_assessed");
  CHECK(document["owner_body"] == "Police");
  long long id = document["id"];

  CHECK(client.Post(path, as(viewer), chronology.dump(), "application/json")->status == 403);
  CHECK(client.Post(path, as(other), chronology.dump(), "application/json")->status == 404);
  json wrong = chronology;
  wrong["disclosure_status"] = "secret";
  CHECK(client.Post(path, as(unit), wrong.dump(), "application/json")->status == 400);
  json extra = chronology;
  extra["file"] = "chronology.pdf";
  CHECK(client.Post(path, as(unit), extra.dump(), "application/json")->status == 400);

  std::string one = std::string(path) + "/" + std::to_string(id);
  auto decided = client.Patch(one.c_str(), as(unit), R"({"disclosure_status": "not_disclosable", "notes": "Live investigation"})",
                              "application/json");
  REQUIRE(decided);
  CHECK(decided->status == 200);
  CHECK(json::parse(decided->body)["disclosure_status"] == "not_disclosable");
  CHECK(client.Patch(one.c_str(), as(unit), "{}", "application/json")->status == 400);
  json listed = json::parse(client.Get(path, as(viewer))->body)["items"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["notes"] == "Live investigation");
  json history = json::parse(client.Get("/api/v1/reviews/1/events", as(unit))->body);
  CHECK(history.dump().find("document_updated") != std::string::npos);
}
