// What belongs to a role is done by that role, or by an admin or the business unit on its behalf (the
// history says so): a checkpoint by its owner role, an alert by the role it was sent to. Tried through real
// sockets against the demo, with its printed tokens.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support/api_client.h"
#include "support/api_calls.h"
#include "support/process.h"

using nlohmann::json;
using scr::test::Bearer;
using scr::test::GetJson;
using scr::test::TrackerService;

namespace {

httplib::Result Post(httplib::Client& client, const std::string& path, const std::string& token,
                     const std::string& body) {
  auto response = client.Post(path.c_str(), Bearer(token), body, "application/json");
  REQUIRE(response);
  return response;
}

// The demo's review waiting for the chair's decision.
std::string DecisionPendingReview(httplib::Client& client, const std::string& token) {
  json reviews = GetJson(client, "/api/v1/reviews?state=decision_pending", token)["items"];
  REQUIRE_FALSE(reviews.empty());
  return "/api/v1/reviews/" + std::to_string(reviews[0]["id"].get<long long>());
}

// The open alerts sent to the chair.
json ChairAlerts(httplib::Client& client, const std::string& token) {
  json alerts = GetJson(client, "/api/v1/alerts?role=chair&status=open&limit=200", token)["items"];
  REQUIRE(alerts.size() >= 2);
  return alerts;
}

// The last entry of the review's history with this event name.
json LastOf(httplib::Client& client, const std::string& review, const std::string& token, const std::string& event) {
  json history = GetJson(client, review + "/events", token);
  json items = history.is_array() ? history : history["items"];
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    if ((*it)["event"] == event) return *it;
  }
  FAIL("no " << event << " in the history of " << review);
  return {};
}

json Data(const json& entry) { return entry["data"].is_string() ? json::parse(entry["data"].get<std::string>()) : entry["data"]; }

}  // namespace

TEST_CASE("security: a lead reviewer cannot complete the chair's decision checkpoint", "[security][roles]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string lead = demo->DemoToken("Priya Nair"), unit = demo->DemoToken("Sam Okafor");
  std::string chair = demo->DemoToken("Dr Helen Ward");
  std::string review = DecisionPendingReview(client, unit);

  auto refused = Post(client, review + "/checkpoints/chair_decision/complete", lead, R"({"note": "Decided."})");
  CHECK(refused->status == 403);
  CHECK(json::parse(refused->body)["detail"].get<std::string>().find("chair") != std::string::npos);
  CHECK(Post(client, review + "/checkpoints/chair_decision/extend", lead, R"({"due": "2030-01-07", "reason": "x"})")
            ->status == 403);
  CHECK(Post(client, review + "/checkpoints/chair_decision/waive", lead, R"({"reason": "x"})")->status == 403);
  // Nor may the chair complete what is the business unit's.
  CHECK(Post(client, review + "/checkpoints/referral_rationale_recorded/complete", chair, "{}")->status == 403);

  // The business unit records the chair's decision on the chair's behalf, and the history says so.
  auto recorded = Post(client, review + "/checkpoints/chair_decision/complete", unit, R"({"note": "Chair decided."})");
  REQUIRE(recorded->status == 200);
  json completed = LastOf(client, review, unit, "checkpoint_completed");
  CHECK(Data(completed)["checkpoint"] == "chair_decision");
  CHECK(Data(completed)["on_behalf_of"] == "chair");
}

TEST_CASE("security: a lead reviewer cannot acknowledge the chair's escalations", "[security][roles]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string lead = demo->DemoToken("Priya Nair"), unit = demo->DemoToken("Sam Okafor");
  json alerts = ChairAlerts(client, unit);
  std::string one = "/api/v1/alerts/" + std::to_string(alerts[0]["id"].get<long long>()) + "/acknowledge";

  auto refused = Post(client, one, lead, "");
  CHECK(refused->status == 403);
  CHECK(json::parse(refused->body)["detail"].get<std::string>().find("chair") != std::string::npos);
  json several = {{"ids", {alerts[0]["id"], alerts[1]["id"]}}};
  CHECK(Post(client, "/api/v1/alerts/acknowledge", lead, several.dump())->status == 403);
  CHECK(ChairAlerts(client, unit).size() == alerts.size());  // none was acknowledged
}

TEST_CASE("security: an acknowledgement is recorded in the review's history, with whose behalf it was on",
          "[security][roles]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string unit = demo->DemoToken("Sam Okafor"), chair = demo->DemoToken("Dr Helen Ward");
  json alerts = ChairAlerts(client, unit);
  const json& alert = alerts[0];
  std::string review = "/api/v1/reviews/" + std::to_string(alert["review"].get<long long>());
  std::string one = "/api/v1/alerts/" + std::to_string(alert["id"].get<long long>()) + "/acknowledge";

  CHECK(Post(client, one, unit, R"({"note": "On it", "colour": "red"})")->status == 400);  // strict body
  auto acknowledged = Post(client, one, unit, R"({"note": "Chair is on leave; the business unit is chasing."})");
  REQUIRE(acknowledged->status == 200);
  json entry = LastOf(client, review, unit, "alert_acknowledged");
  CHECK(entry["reason"] == "Chair is on leave; the business unit is chasing.");
  json data = Data(entry);
  CHECK(data["alert"] == alert["id"]);
  CHECK(data["kind"] == alert["kind"]);
  CHECK(data["level"] == alert["level"]);
  CHECK(data["on_behalf_of"] == "chair");
  if (alert["checkpoint"].is_string()) CHECK(data["checkpoint"] == alert["checkpoint"]);

  // The chair's own acknowledgement (an empty body) is on nobody's behalf.
  const json& second = alerts[1];
  REQUIRE(Post(client, "/api/v1/alerts/" + std::to_string(second["id"].get<long long>()) + "/acknowledge", chair, "")
              ->status == 200);
  json own = LastOf(client, "/api/v1/reviews/" + std::to_string(second["review"].get<long long>()), unit,
                    "alert_acknowledged");
  CHECK(Data(own)["alert"] == second["id"]);
  CHECK_FALSE(Data(own).contains("on_behalf_of"));
}

TEST_CASE("security: several alerts are acknowledged all together or not at all", "[security][roles]") {
  auto demo = TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string unit = demo->DemoToken("Sam Okafor"), chair = demo->DemoToken("Dr Helen Ward");
  json alerts = ChairAlerts(client, unit);
  json first = alerts[0]["id"], second = alerts[1]["id"];

  auto unknown = Post(client, "/api/v1/alerts/acknowledge", chair, json({{"ids", {first, 999999}}}).dump());
  CHECK(unknown->status == 404);
  CHECK(json::parse(unknown->body)["detail"].get<std::string>().find("999999") != std::string::npos);
  CHECK(ChairAlerts(client, unit).size() == alerts.size());
  CHECK(Post(client, "/api/v1/alerts/acknowledge", chair, R"({"ids": []})")->status == 400);
  CHECK(Post(client, "/api/v1/alerts/acknowledge", chair, R"({"ids": [1], "by": "me"})")->status == 400);

  auto both = Post(client, "/api/v1/alerts/acknowledge", chair,
                   json({{"ids", {first, second}}, {"note", "Reviewed at the chair's meeting."}}).dump());
  REQUIRE(both->status == 200);
  CHECK(json::parse(both->body)["items"].size() == 2);
  json open = GetJson(client, "/api/v1/alerts?role=chair&status=open&limit=200", unit)["items"];
  CHECK(open.size() == alerts.size() - 2);
}
