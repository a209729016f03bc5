// What a review type declares and what the business unit records about a review, through the API: the
// workflow's own conditions answered at referral (the first types' fields still accepted), the Quality
// Markers of information requests, the rapid review counted from the notification to the Panel, and the
// review's references with the national bodies.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "support/board_client.h"
#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

namespace {

using nlohmann::json;
using scr::test::TempDir;
using scr::test::TrackerService;
using namespace scr::test::board;

json Referral(const std::string& workflow, const std::string& today) {
  return {{"workflow", workflow},  {"title", "Child R"},         {"incident_date", today},
          {"referral_date", today}, {"rationale", "Serious harm."}};
}

const json* FindCheckpoint(const json& review, const std::string& key) {
  for (const json& checkpoint : review["checkpoints"]) {
    if (checkpoint["key"] == key) return &checkpoint;
  }
  return nullptr;
}

// A board and the service on a simulated clock, reached by one client.
struct ServiceOfOneBoard {
  TempDir dir;
  std::string db = dir.File("scr.db");
  Board board = MakeBoard(db);
  TrackerService service{db, {"--clock", "simulated"}};
  scr::test::ApiClient client{"127.0.0.1", service.port()};
};

httplib::Result Patch(httplib::Client& client, const std::string& path, const std::string& token, const json& body) {
  auto answer = client.Patch(path.c_str(), As(token), body.dump(), "application/json");
  REQUIRE(answer);
  return answer;
}

TEST_CASE("referral: the workflow's own conditions are answered in conditions and bring their checkpoints",
          "[integration][conditions]") {
  ServiceOfOneBoard tracker;
  const Board& board = tracker.board;
  httplib::Client& client = tracker.client;
  std::string today = Today(client, board);

  json workflow = Get(client, "/api/v1/workflows/scr-2015", board.unit);
  REQUIRE(workflow["conditions"].size() == 3u);
  CHECK(workflow["conditions"][1]["key"] == "child_died");
  CHECK(workflow["conditions"][1]["question"] == "Did the child die?");
  CHECK(workflow["conditions"][1]["required"] == true);
  CHECK(workflow["information_requests"]["marker"] == 10);
  CHECK(workflow["improvement_actions"]["marker"] == 18);

  json referral = Referral("scr-2015", today);
  referral["conditions"] = {{"child_died", true}, {"statutory_criteria_met", true}};
  json review = Send(client, "POST", "/api/v1/reviews", board.unit, referral, 201);
  CHECK(review["conditions"] == json({{"child_died", true}, {"family_lived_elsewhere", false},
                                      {"statutory_criteria_met", true}}));
  CHECK(review["child_died"] == true);  // answered as before, beside conditions
  CHECK(FindCheckpoint(review, "coroner_notified") != nullptr);
  CHECK(FindCheckpoint(review, "neighbouring_boards_checked") == nullptr);
  json history = Get(client, "/api/v1/reviews/" + review["id"].dump() + "/events", board.unit);
  CHECK(history["items"][0]["data"]["conditions"]["child_died"] == true);
}

TEST_CASE("referral: a condition the workflow does not declare, or a required one left out, is refused naming them",
          "[integration][conditions]") {
  ServiceOfOneBoard tracker;
  const Board& board = tracker.board;
  httplib::Client& client = tracker.client;
  std::string today = Today(client, board);

  json unknown = Referral("lcspr-2023", today);
  unknown["conditions"] = {{"child_died", false}, {"statutory_criteria_met", true}, {"adult_died", true}};
  json problem = Send(client, "POST", "/api/v1/reviews", board.unit, unknown, 400);
  CHECK(problem["detail"] == "unknown condition 'adult_died': the conditions of lcspr-2023 are statutory_criteria_met, "
                             "child_died or family_lived_elsewhere");

  json missing = Referral("scr-2015", today);
  missing["conditions"] = {{"statutory_criteria_met", true}};
  problem = Send(client, "POST", "/api/v1/reviews", board.unit, missing, 400);
  CHECK_THAT(problem["detail"].get<std::string>(), Catch::Contains("must answer the condition child_died"));

  json twice = Referral("scr-2015", today);
  twice["conditions"] = {{"child_died", true}, {"statutory_criteria_met", true}};
  twice["child_died"] = false;
  problem = Send(client, "POST", "/api/v1/reviews", board.unit, twice, 400);
  CHECK_THAT(problem["detail"].get<std::string>(), Catch::Contains("child_died is answered twice"));

  json not_boolean = Referral("scr-2015", today);
  not_boolean["conditions"] = {{"child_died", "yes"}};
  problem = Send(client, "POST", "/api/v1/reviews", board.unit, not_boolean, 400);
  CHECK(problem["detail"] == "'conditions.child_died' must be true or false");
  CHECK(Get(client, "/api/v1/reviews", board.unit)["items"].empty());  // nothing half-recorded
}

TEST_CASE("referral: the first review types' child_died, statutory_criteria_met and family_lived_elsewhere fields "
          "still work as before",
          "[integration][conditions]") {
  ServiceOfOneBoard tracker;
  const Board& board = tracker.board;
  httplib::Client& client = tracker.client;
  json referral = Referral("scr-2015", Today(client, board));
  referral.update({{"statutory_criteria_met", false}, {"child_died", true}, {"family_lived_elsewhere", true}});
  json review = Send(client, "POST", "/api/v1/reviews", board.unit, referral, 201);
  CHECK(review["statutory_criteria_met"] == false);
  CHECK(review["child_died"] == true);
  CHECK(review["family_lived_elsewhere"] == true);
  CHECK(FindCheckpoint(review, "coroner_notified") != nullptr);
  CHECK(FindCheckpoint(review, "neighbouring_boards_checked") != nullptr);
  json reread = Get(client, "/api/v1/reviews/" + review["id"].dump(), board.unit);
  CHECK(reread["conditions"] == review["conditions"]);

  json without = Referral("scr-2015", Today(client, board));
  without["statutory_criteria_met"] = true;  // child_died left out, as before refused
  Send(client, "POST", "/api/v1/reviews", board.unit, without, 400);
}

TEST_CASE("information requests: asked while the decision is pending they serve QM2, afterwards QM10",
          "[integration][information-requests][markers]") {
  ServiceOfOneBoard tracker;
  const Board& board = tracker.board;
  httplib::Client& client = tracker.client;
  long long id = Refer(client, board, "Child Q");
  std::string review = "/api/v1/reviews/" + std::to_string(id);
  std::string due = WorkingDayAfter(Today(client, board), 10);
  Send(client, "POST", review + "/information-requests", board.unit,
       {{"agency", "Police"}, {"request", "Summary of involvement"}, {"due", due}}, 201);
  for (const char* key : {"referral_rationale_recorded", "chair_decision"}) {
    Send(client, "POST", review + "/checkpoints/" + key + "/complete", board.unit, json::object(), 200);
  }
  Send(client, "POST", review + "/events", board.unit, {{"event", "decide_to_review"}, {"reason", "Criteria met."}}, 200);
  Send(client, "POST", review + "/information-requests", board.unit,
       {{"agency", "Health"}, {"request", "Records"}, {"due", due}}, 201);

  json requests = Get(client, review + "/information-requests", board.unit)["items"];
  REQUIRE(requests.size() == 2u);
  CHECK(requests[0]["marker"] == 2);
  CHECK(requests[0]["before_decision"] == true);
  CHECK(requests[1]["marker"] == 10);
  CHECK(requests[1]["before_decision"] == false);

  auto calendar = client.Get("/api/v1/calendar.ics", As(board.unit));
  REQUIRE(calendar);
  CHECK(calendar->body.find("Quality Marker 5. Asked on") == std::string::npos);
  CHECK(calendar->body.find("Quality Marker 10. Asked on") != std::string::npos);
}

TEST_CASE("lcspr-2023: the rapid review's 15 working days count from the notification to the Panel, not the referral",
          "[integration][lcspr]") {
  ServiceOfOneBoard tracker;
  const Board& board = tracker.board;
  httplib::Client& client = tracker.client;
  std::string referred = Today(client, board);
  json referral = Referral("lcspr-2023", referred);
  referral["conditions"] = {{"child_died", false}, {"statutory_criteria_met", true}};
  json review = Send(client, "POST", "/api/v1/reviews", board.unit, referral, 201);
  std::string path = "/api/v1/reviews/" + review["id"].dump();
  CHECK(FindCheckpoint(review, "rapid_review_completed")->at("due").is_null());  // not notified yet
  CHECK(FindCheckpoint(review, "chair_decision")->at("due").is_null());

  Send(client, "POST", "/api/v1/admin/clock/advance", board.admin, {{"days", 3}}, 200);
  std::string notified = Today(client, board);
  review = Send(client, "POST", path + "/checkpoints/panel_notified/complete", board.unit,
                {{"note", "Notified through the Panel's online form."}}, 200);
  CHECK(FindCheckpoint(review, "rapid_review_completed")->at("due") == WorkingDayAfter(notified, 15));
  CHECK(FindCheckpoint(review, "chair_decision")->at("due") == WorkingDayAfter(notified, 15));
  CHECK(FindCheckpoint(review, "rapid_review_completed")->at("due") != WorkingDayAfter(referred, 15));
}

TEST_CASE("references: set, merged, removed and refused, kept in the history and exported",
          "[integration][references]") {
  ServiceOfOneBoard tracker;
  const Board& board = tracker.board;
  httplib::Client& client = tracker.client;
  long long id = Refer(client, board, "Child S");
  std::string path = "/api/v1/reviews/" + std::to_string(id);
  CHECK(Get(client, path, board.unit)["references"] == json::object());

  auto set = Patch(client, path, board.unit, {{"references", {{"panel", "CSPRP-2026-0042"}, {"steis", "2026/1234"}}}});
  INFO(set->body);
  REQUIRE(set->status == 200);
  CHECK(json::parse(set->body)["references"] == json({{"panel", "CSPRP-2026-0042"}, {"steis", "2026/1234"}}));

  auto merged = Patch(client, path, board.chair, {{"references", {{"steis", nullptr}, {"national_notification", "SIN 77"}}}});
  REQUIRE(merged->status == 200);
  CHECK(json::parse(merged->body)["references"] ==
        json({{"panel", "CSPRP-2026-0042"}, {"national_notification", "SIN 77"}}));
  json listed = Get(client, "/api/v1/reviews", board.unit)["items"][0];
  CHECK(listed["references"]["panel"] == "CSPRP-2026-0042");

  auto unknown = Patch(client, path, board.unit, {{"references", {{"ofsted_urn", "X1"}}}});
  CHECK(unknown->status == 400);
  CHECK_THAT(unknown->body, Catch::Contains("unknown reference 'ofsted_urn'") && Catch::Contains("home_office"));
  auto bad = Patch(client, path, board.unit, {{"references", {{"panel", "=HYPERLINK(1)"}}}});
  CHECK(bad->status == 400);
  CHECK_THAT(bad->body, Catch::Contains("reference panel must be 1 to 64 characters"));
  CHECK(Patch(client, path, board.unit, {{"references", {{"panel", std::string(65, 'A')}}}})->status == 400);
  CHECK(Patch(client, path, board.unit, {{"title", "Renamed"}})->status == 400);
  CHECK(Patch(client, path, board.lead, {{"references", {{"panel", "X"}}}})->status == 403);
  CHECK(Get(client, path, board.unit)["references"] ==
        json({{"panel", "CSPRP-2026-0042"}, {"national_notification", "SIN 77"}}));  // refusals lost nothing

  json history = Get(client, path + "/events", board.unit)["items"];
  std::vector<json> changes;
  for (const json& event : history) {
    if (event["event"] == "references_changed") changes.push_back(event);
  }
  REQUIRE(changes.size() == 2u);
  CHECK(changes[0]["data"]["references"] == json({{"panel", "CSPRP-2026-0042"}, {"steis", "2026/1234"}}));
  CHECK(changes[0]["data"]["previous"] == json({{"panel", nullptr}, {"steis", nullptr}}));
  CHECK(changes[1]["data"]["references"] == json({{"national_notification", "SIN 77"}, {"steis", nullptr}}));
  CHECK(changes[1]["data"]["previous"] == json({{"national_notification", nullptr}, {"steis", "2026/1234"}}));

  auto csv = client.Get("/api/v1/reports/reviews.csv", As(board.unit));
  REQUIRE(csv);
  REQUIRE(csv->status == 200);
  CHECK_THAT(csv->body, Catch::Contains(",References\r\n"));
  CHECK_THAT(csv->body, Catch::Contains("national_notification: SIN 77; panel: CSPRP-2026-0042"));
}

}  // namespace
