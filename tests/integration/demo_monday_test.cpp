// The demo tells a story: on its Monday morning every role has something to do, and the demo prints each
// role's sign-in with what waits for it.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "support/api_client.h"
#include "support/process.h"

using nlohmann::json;
using scr::test::TrackerService;

namespace {

json Get(httplib::Client& client, const std::string& path, const std::string& token) {
  auto answer = client.Get(path.c_str(), {{"Authorization", "Bearer " + token}});
  REQUIRE(answer);
  INFO(path << ": " << answer->body);
  REQUIRE(answer->status == 200);
  return json::parse(answer->body);
}

// The checkpoint `key` of a review as GET /reviews/{id} shows it.
json CheckpointOf(const json& review, const std::string& key) {
  for (const json& checkpoint : review["checkpoints"]) {
    if (checkpoint["key"] == key) return checkpoint;
  }
  FAIL("no checkpoint " << key);
  return {};
}

}  // namespace

TEST_CASE(
    "demo: on Monday morning the business unit, the chair, the lead reviewer and the police each have work",
    "[integration][demo]") {
  std::unique_ptr<TrackerService> demo = TrackerService::Demo();
  std::string banner = demo->Output();
  INFO(banner);
  CHECK(banner.find("Monday morning, what waits for each:") != std::string::npos);
  for (const char* email : {"business.unit@northshire.example: ", "chair@northshire.example: ",
                            "lead.reviewer@northshire.example: ", "police@northshire.example: "}) {
    CHECK(banner.find(email) != std::string::npos);
  }
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string unit = demo->DemoToken("Sam Okafor");
  std::string chair = demo->DemoToken("Dr Helen Ward");
  std::string police = demo->DemoToken("Police liaison");

  std::map<std::string, json> reviews;  // title -> the review
  int overdue = 0;
  json listed = Get(client, "/api/v1/reviews?limit=100", unit)["items"];
  for (const json& summary : listed) {
    reviews[summary["title"]] =
        Get(client, "/api/v1/reviews/" + std::to_string(summary["id"].get<long long>()), unit);
    overdue += summary["overdue_checkpoints"].get<int>();
  }
  // The business unit: overdue steps, and referrals awaiting a decision to record.
  CHECK(overdue > 0);
  for (const char* title : {"Child J (2026/06)", "Child S (2026/10)"}) {
    INFO(title);
    REQUIRE(reviews.count(title) == 1);
    CHECK(reviews[title]["state"] == "decision_pending");
  }
  // The chair: its decision on the new referral is open, and escalations wait for it.
  CHECK(CheckpointOf(reviews["Child S (2026/10)"], "chair_decision")["status"] != "done");
  CHECK(CheckpointOf(reviews["Child S (2026/10)"], "chair_decision")["owner_role"] == "chair");
  json escalations = Get(client, "/api/v1/alerts?role=chair&status=open&limit=200", chair)["items"];
  CHECK_FALSE(escalations.empty());

  // The lead reviewer: a step it owns due in the next days, and one overdue.
  const json& young_person = reviews["Young person P (2026/03)"];
  json event = CheckpointOf(young_person, "practitioner_event_held");
  CHECK(event["owner_role"] == "lead_reviewer");
  CHECK(event["status"] != "overdue");
  CHECK(event["status"] != "done");
  CHECK(event["working_days_left"].get<int>() <= 5);
  json family = CheckpointOf(young_person, "family_involvement_decided");
  CHECK(family["owner_role"] == "lead_reviewer");
  CHECK(family["status"] == "overdue");

  // The police: an overdue action of its own beside another agency's on the same review, and a request.
  json overdue_actions = Get(client, "/api/v1/actions?overdue=true", police)["items"];
  REQUIRE_FALSE(overdue_actions.empty());
  CHECK(overdue_actions[0]["owner_agency"] == "Police");
  long long review = overdue_actions[0]["review"];
  bool other_agency = false;
  json actions = Get(client, "/api/v1/actions", unit)["items"];
  for (const json& action : actions) {
    other_agency = other_agency || (action["review"] == review && action["owner_agency"] != "Police");
  }
  CHECK(other_agency);
  std::string requests =
      "/api/v1/reviews/" + std::to_string(young_person["id"].get<long long>()) + "/information-requests";
  json asked = Get(client, requests, police)["items"];
  REQUIRE(asked.size() == 1);
  CHECK(asked[0]["agency"] == "Police");
  CHECK(asked[0]["status"] == "open");

  // The review in report QA has its family and identifiers recorded: the privacy check finds them.
  const json& in_qa = reviews["Siblings M and N (2026/02)"];
  CHECK(in_qa["state"] == "report_qa");
  std::string path = "/api/v1/reviews/" + std::to_string(in_qa["id"].get<long long>());
  CHECK(Get(client, path + "/identifiers", unit)["items"].size() >= 2);
  auto checked =
      client.Post((path + "/privacy-check").c_str(), {{"Authorization", "Bearer " + unit}},
                  json{{"text", "Ms Doyle took the children to Eastbrook Infants from Mill Lane."}}.dump(),
                  "application/json");
  REQUIRE(checked);
  REQUIRE(checked->status == 200);
  CHECK(json::parse(checked->body)["findings"].size() == 3);
}
