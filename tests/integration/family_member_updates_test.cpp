// A recorded family member is updated as their involvement changes or their details are corrected: by the
// roles that record them, under the same rules, in the history without who they are, and never in the log.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

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

TEST_CASE("family: a member's involvement and details are updated by the business unit and the lead reviewer, "
          "under the rules of recording one",
          "[integration][family]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string lead = RunAdmin(db, {"create-token", "--board", board, "--role", "lead_reviewer"});
  std::string chair = RunAdmin(db, {"create-token", "--board", board, "--role", "chair"});
  std::string viewer = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer"});
  std::string other_board = RunAdmin(db, {"create-board", "--name", "Southshire"});
  std::string other = RunAdmin(db, {"create-token", "--board", other_board, "--role", "business_unit"});
  std::string log;
  {
    TrackerService service(db);
    scr::test::ApiClient client("127.0.0.1", service.port());
    auto send = [&](const std::string& path, const json& body, const std::string& token) {
      auto answer = client.Patch(path.c_str(), Bearer(token), body.dump(), "application/json");
      REQUIRE(answer);
      return answer;
    };
    json referral = {{"workflow", "scr-2015"}, {"title", "Child M"}, {"incident_date", "2026-01-05"},
                     {"referral_date", "2026-01-12"}, {"rationale", "Serious harm."},
                     {"statutory_criteria_met", true}, {"child_died", false}};
    REQUIRE(client.Post("/api/v1/reviews", Bearer(unit), referral.dump(), "application/json")->status == 201);
    json mother = {{"name", "Morgan Ashdown"}, {"relationship", "mother"}, {"involvement", "deferred"},
                   {"reason", "Awaiting the criminal trial"}};
    auto recorded = client.Post("/api/v1/reviews/1/family-members", Bearer(unit), mother.dump(), "application/json");
    REQUIRE(recorded);
    REQUIRE(recorded->status == 201);
    std::string member = "/api/v1/reviews/1/family-members/" + std::to_string(json::parse(recorded->body)["id"].get<long long>());

    // Now involved, with support, and the name and date of birth corrected.
    auto updated = send(member,
                        {{"involvement", "involved"}, {"support_needs", "A British Sign Language interpreter"},
                         {"name", "Morgan Ashdown-Reyes"}, {"date_of_birth", "1991-03-14"}},
                        unit);
    INFO(updated->body);
    REQUIRE(updated->status == 200);
    json now = json::parse(updated->body);
    CHECK(now["involvement"] == "involved");
    CHECK(now["name"] == "Morgan Ashdown-Reyes");
    CHECK(now["date_of_birth"] == "1991-03-14");
    CHECK(now["relationship"] == "mother");  // not given: kept
    CHECK(now["reason"] == "Awaiting the criminal trial");
    json listed = GetJson(client, "/api/v1/reviews/1/family-members", unit)["items"];
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["support_needs"] == "A British Sign Language interpreter");

    // The rules of recording: one not involved needs the reason; involvement from the list.
    auto declined = send(member, {{"involvement", "declined"}, {"reason", ""}}, lead);
    CHECK(declined->status == 400);
    CHECK(json::parse(declined->body)["detail"].get<std::string>().find("reason") != std::string::npos);
    CHECK(send(member, {{"involvement", "maybe"}}, lead)->status == 400);
    CHECK(send(member, {{"relationship", ""}}, lead)->status == 400);
    auto unknown = send(member, {{"nickname", "Mo"}}, lead);
    CHECK(unknown->status == 400);
    CHECK(json::parse(unknown->body)["detail"].get<std::string>().find("nickname") != std::string::npos);
    CHECK(send(member, json::object(), lead)->status == 400);  // nothing to change
    auto by_lead = send(member, {{"involvement", "declined"}, {"reason", "Did not wish to take part"}}, lead);
    CHECK(by_lead->status == 200);
    CHECK(GetJson(client, "/api/v1/reviews/1/family-members", unit)["items"][0]["involvement"] == "declined");

    // Others: refused, or (another board) not found; nothing changed.
    CHECK(send(member, {{"relationship", "aunt"}}, chair)->status == 403);
    CHECK(send(member, {{"relationship", "aunt"}}, viewer)->status == 403);
    CHECK(send(member, {{"relationship", "aunt"}}, other)->status == 404);
    CHECK(send("/api/v1/reviews/1/family-members/99", {{"relationship", "aunt"}}, unit)->status == 404);
    CHECK(GetJson(client, "/api/v1/reviews/1/family-members", unit)["items"][0]["relationship"] == "mother");

    // The history says what changed, never who they are.
    json events = GetJson(client, "/api/v1/reviews/1/events", unit)["items"];
    int updates = 0;
    json involvement_changes = json::array();
    for (const json& event : events) {
      if (event["event"] != "family_member_updated") continue;
      ++updates;
      involvement_changes.push_back(event["data"].value("previous_involvement", "") + ">" +
                                    event["data"]["involvement"].get<std::string>());
      CHECK(event["data"]["relationship"] == "mother");
      CHECK(event["data"].contains("changed"));
    }
    CHECK(updates == 2);
    CHECK(events.dump().find("Ashdown") == std::string::npos);
    CHECK(events.dump().find("1991-03-14") == std::string::npos);
    CHECK(involvement_changes == json({"deferred>involved", "involved>declined"}));
    log = service.Log();
  }
  CHECK(log.find("Ashdown") == std::string::npos);
  CHECK(log.find("1991-03-14") == std::string::npos);
}
