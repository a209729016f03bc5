// The lifecycle as practice runs it, through the real binary on a simulated clock: a decision not to
// review keeps its duties chased and is reconsidered; the Panel takes a national review instead; a review
// paused for a trial and resumed with every deadline moved on; publication held to its not-before date;
// a report not published, with reasons; a report reopened after sign-off.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/date.h"
#include "support/api_calls.h"
#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::Date;
using scr::test::Bearer;
using scr::test::CountRows;
using scr::test::GetJson;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

struct Practice {
  TempDir dir;
  std::string db = dir.File("practice.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  TrackerService service{db, {"--clock", "simulated"}};
  scr::test::ApiClient client{"127.0.0.1", service.port()};
  long long id = 0;
  std::string base;

  Practice() {
    client.set_read_timeout(120, 0);
    Date today = Today();
    json referral = {{"workflow", "scr-2015"}, {"title", "Child L"}, {"incident_date", today.ToString()},
                     {"referral_date", today.ToString()}, {"rationale", "Serious harm."},
                     {"statutory_criteria_met", true}, {"child_died", false}};
    json created = json::parse(Post("/api/v1/reviews", referral)->body);
    id = created["id"].get<long long>();
    base = "/api/v1/reviews/" + std::to_string(id);
  }

  Date Today() {
    return Date::Parse(GetJson(client, "/api/v1/admin/clock", admin)["now"].get<std::string>().substr(0, 10)).value();
  }
  httplib::Result Post(const std::string& path, const json& body) {
    auto answer = client.Post(path.c_str(), Bearer(unit), body.dump(), "application/json");
    REQUIRE(answer);
    return answer;
  }
  json Review() { return GetJson(client, base, unit); }
  json Advance(int days) {
    auto advanced = client.Post("/api/v1/admin/clock/advance", Bearer(admin), json{{"days", days}}.dump(), "application/json");
    REQUIRE(advanced);
    REQUIRE(advanced->status == 200);
    return json::parse(advanced->body);
  }
  // The blockers of `event` in the review's next_events.
  json BlockedBy(const json& review, const std::string& event) {
    for (const json& next : review["next_events"]) {
      if (next["event"] == event) return next["blocked_by"];
    }
    FAIL("the review offers no " << event);
    return {};
  }
  // Waives every open checkpoint holding `event` back, then records it.
  httplib::Result Drive(const std::string& event, const std::string& reason = "Recorded with its reasons.",
                        const json& data = json::object()) {
    for (const json& blocker : BlockedBy(Review(), event)) {
      if (blocker["kind"] != "checkpoint") continue;
      auto waived = Post(base + "/checkpoints/" + blocker["key"].get<std::string>() + "/waive",
                         {{"reason", "Not needed for this test."}});
      INFO(waived->body);
      REQUIRE(waived->status == 200);
    }
    json body = {{"event", event}, {"reason", reason}};
    if (!data.empty()) body["data"] = data;
    return Post(base + "/events", body);
  }
  void Reach(const std::vector<std::string>& events) {
    for (const std::string& event : events) {
      auto recorded = Drive(event);
      INFO(event << ": " << recorded->body);
      REQUIRE(recorded->status == 200);
    }
  }
  long long Alerts() { return CountRows(db, "SELECT COUNT(*) FROM alerts WHERE review_id = " + std::to_string(id)); }
  json Checkpoint(const json& review, const std::string& key) {
    for (const json& checkpoint : review["checkpoints"]) {
      if (checkpoint["key"] == key) return checkpoint;
    }
    FAIL("no checkpoint " << key);
    return {};
  }
};

const std::vector<std::string> kToPublication = {"decide_to_review", "commission",      "start_review",
                                                 "submit_report",    "sign_off_report", "agree_response"};

}  // namespace

TEST_CASE("lifecycle practice: a decision not to review keeps its duties chased and is reconsidered",
          "[integration][lifecycle]") {
  Practice practice;
  auto decided = practice.Drive("decide_not_to_review", "The criteria are not met.");
  INFO(decided->body);
  REQUIRE(decided->status == 200);
  json review = practice.Review();
  CHECK(review["state"] == "not_proceeding");
  CHECK(review["decision_outcome"] == "no_review");
  CHECK(practice.Checkpoint(review, "board_advised")["due"].is_string());

  long long before = practice.Alerts();
  practice.Advance(20);
  CHECK(CountRows(practice.db, "SELECT COUNT(*) FROM alerts WHERE review_id = " + std::to_string(practice.id) +
                                   " AND checkpoint = 'board_advised' AND kind = 'overdue'") == 1);
  CHECK(practice.Alerts() > before);

  auto without_reason = practice.Post(practice.base + "/events", {{"event", "reconsider"}});
  CHECK(without_reason->status == 400);
  auto reconsidered = practice.Post(practice.base + "/events",
                                    {{"event", "reconsider"}, {"reason", "The national Panel challenged the decision."}});
  INFO(reconsidered->body);
  REQUIRE(reconsidered->status == 200);
  review = practice.Review();
  CHECK(review["state"] == "decision_pending");
  CHECK(review["decision_outcome"].is_null());
}

TEST_CASE("lifecycle practice: the Panel asks for a national review instead of a local one",
          "[integration][lifecycle]") {
  Practice practice;
  auto unknown = practice.Drive("decide_not_to_review", "The Panel reviews it.", {{"outcome", "elsewhere"}});
  CHECK(unknown->status == 400);
  auto decided = practice.Drive("decide_not_to_review", "The Panel takes a national review.", {{"outcome", "national_review"}});
  INFO(decided->body);
  REQUIRE(decided->status == 200);
  CHECK(practice.Review()["decision_outcome"] == "national_review");
  json history = GetJson(practice.client, practice.base + "/events", practice.unit);
  CHECK(history["items"].back()["data"]["outcome"] == "national_review");
}

TEST_CASE("lifecycle practice: a review paused for a trial fires nothing and resumes with every deadline moved",
          "[integration][lifecycle]") {
  Practice practice;
  practice.Reach({"decide_to_review"});
  json running = practice.Review();
  std::string board_advised_due = practice.Checkpoint(running, "board_advised")["due"];
  int left_before = running["timescale"]["working_days_left"];

  auto paused = practice.Post(practice.base + "/events", {{"event", "pause"}, {"reason", "Criminal trial of the father"}});
  INFO(paused->body);
  REQUIRE(paused->status == 200);
  json review = practice.Review();
  REQUIRE(review["paused"].is_object());
  CHECK(review["paused"]["reason"] == "Criminal trial of the father");
  CHECK(review["allowed_events"] == json::array({"resume"}));
  CHECK(practice.BlockedBy(review, "commission")[0]["kind"] == "paused");
  auto refused = practice.Post(practice.base + "/events", {{"event", "commission"}});
  CHECK(refused->status == 409);
  CHECK(json::parse(refused->body)["next_events"].is_array());

  Date paused_on = practice.Today();
  long long alerts_before = practice.Alerts();
  practice.Advance(30);
  CHECK(practice.Alerts() == alerts_before);  // nothing chased while paused
  // The business unit's work list still shows the review's steps, each waiting for the review to resume.
  json work = GetJson(practice.client, "/api/v1/work?within=60", practice.unit);
  json items = work["items"];
  bool listed = false;
  for (const json& item : items) {
    if (item["review"] != practice.id) continue;
    listed = true;
    bool waits_for_resume = false;
    for (const json& blocker : item["blocked_by"]) {
      if (blocker["kind"] == "paused" && blocker["reason"] == "Criminal trial of the father") waits_for_resume = true;
    }
    CHECK(waits_for_resume);
  }
  CHECK(listed);
  CHECK(practice.Review()["timescale"]["working_days_left"] == left_before);  // the timescale stopped

  auto resumed = practice.Post(practice.base + "/events", {{"event", "resume"}});
  INFO(resumed->body);
  REQUIRE(resumed->status == 200);
  scr::WorkingCalendar england =
      scr::WorkingCalendar::Create(scr::test::ProjectBankHolidays(), scr::Nation::kEnglandAndWales).value();
  int paused_days = england.WorkingDaysBetween(paused_on, practice.Today()).value();
  review = practice.Review();
  CHECK(review["paused"].is_null());
  Date moved = england.AddWorkingDays(Date::Parse(board_advised_due).value(), paused_days).value();
  CHECK(practice.Checkpoint(review, "board_advised")["due"] == moved.ToString());
  bool in_register = false;
  for (const json& delay : review["delays"]) {
    if (delay["checkpoint"] == "board_advised" && delay["reason"] == "Paused: Criminal trial of the father") in_register = true;
  }
  CHECK(in_register);
  CHECK(review["timescale"]["working_days_left"] == left_before);
}

TEST_CASE("lifecycle practice: publication is refused before its not-before date, then allowed",
          "[integration][lifecycle]") {
  Practice practice;
  practice.Reach(kToPublication);
  auto sent = practice.Post(practice.base + "/checkpoints/publication_to_panel/complete", {{"note", "Sent."}});
  REQUIRE(sent->status == 200);
  auto refused = practice.Drive("publish");
  INFO(refused->body);
  REQUIRE(refused->status == 409);
  json problem = json::parse(refused->body);
  REQUIRE(problem["blocked_by"].size() == 1);
  CHECK(problem["blocked_by"][0]["kind"] == "not_before");
  scr::WorkingCalendar england =
      scr::WorkingCalendar::Create(scr::test::ProjectBankHolidays(), scr::Nation::kEnglandAndWales).value();
  Date first_day = england.AddWorkingDays(practice.Today(), 5).value();
  CHECK(problem["blocked_by"][0]["date"] == first_day.ToString());
  CHECK(problem["allowed_events"].is_array());

  practice.Advance(10);
  auto published = practice.Drive("publish");
  INFO(published->body);
  REQUIRE(published->status == 200);
  json review = practice.Review();
  CHECK(review["state"] == "implementation");
  CHECK(review["publication"]["published"] == true);
}

TEST_CASE("lifecycle practice: a report not published, with reasons, and whether a summary was",
          "[integration][lifecycle]") {
  Practice practice;
  practice.Reach(kToPublication);
  auto without_reason = practice.Post(practice.base + "/events", {{"event", "decide_not_to_publish"}});
  CHECK(without_reason->status == 400);
  auto decided = practice.Drive("decide_not_to_publish", "Publishing would identify the siblings.",
                                {{"summary_published", true}});
  INFO(decided->body);
  REQUIRE(decided->status == 200);
  json review = practice.Review();
  CHECK(review["state"] == "implementation");
  CHECK(review["publication"]["published"] == false);
  CHECK(review["publication"]["summary_published"] == true);
}

TEST_CASE("lifecycle practice: a report reopened after sign-off opens its quality assurance again",
          "[integration][lifecycle]") {
  Practice practice;
  practice.Reach({"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report"});
  practice.Advance(14);
  auto reopened = practice.Post(practice.base + "/events",
                                {{"event", "reopen_report"}, {"reason", "The trial brought new facts."}});
  INFO(reopened->body);
  REQUIRE(reopened->status == 200);
  json review = practice.Review();
  CHECK(review["state"] == "report_qa");
  Date today = practice.Today();
  int reopened_steps = 0;
  for (const json& checkpoint : review["checkpoints"]) {
    if (checkpoint["phase"] != "report_qa") continue;
    CAPTURE(checkpoint["key"]);
    CHECK(checkpoint["status"] != "waived");
    if (checkpoint["due"].is_string()) CHECK(Date::Parse(checkpoint["due"].get<std::string>()).value() > today);
    ++reopened_steps;
  }
  CHECK(reopened_steps > 0);
  json history = GetJson(practice.client, practice.base + "/events", practice.unit);
  CHECK(history["items"].back()["data"]["counted_from"] == today.ToString());
  CHECK(history["items"].back()["data"]["reopened_checkpoints"].size() == static_cast<size_t>(reopened_steps));
}
