// Deadlines that tell the truth, through the real binary on a simulated clock: the review list names what
// is next and what was missed, a step done late needs a note and shows its lateness, no date a person gives
// falls on a non-working day, and the chair is told once when the six-month timescale is at risk and once
// when it is missed, across restarts.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/date.h"
#include "support/api_client.h"
#include "support/api_calls.h"
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

const std::vector<std::string> kSimulated = {"--clock", "simulated"};

struct Board {
  TempDir dir;
  std::string db = dir.File("deadlines.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string chair = RunAdmin(db, {"create-token", "--board", board, "--role", "chair"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
};

scr::WorkingCalendar England() {
  return scr::WorkingCalendar::Create(scr::test::ProjectBankHolidays(), scr::Nation::kEnglandAndWales).value();
}

Date Today(httplib::Client& client, const std::string& admin) {
  return Date::Parse(GetJson(client, "/api/v1/admin/clock", admin)["now"].get<std::string>().substr(0, 10)).value();
}

httplib::Result Post(httplib::Client& client, const std::string& path, const std::string& token, const json& body) {
  return client.Post(path.c_str(), Bearer(token), body.dump(), "application/json");
}

// Moves the simulated clock on; the answer says what fired meanwhile.
json Advance(httplib::Client& client, const std::string& admin, int days) {
  client.set_read_timeout(120, 0);
  auto advanced = Post(client, "/api/v1/admin/clock/advance", admin, {{"days", days}});
  REQUIRE(advanced);
  REQUIRE(advanced->status == 200);
  return json::parse(advanced->body)["fired"];
}

// A referral made today, not yet decided on.
long long Refer(httplib::Client& client, const Board& board, const std::string& title) {
  Date today = Today(client, board.admin);
  json referral = {{"workflow", "scr-2015"}, {"title", title}, {"incident_date", today.ToString()},
                   {"referral_date", today.ToString()}, {"rationale", "Serious harm; agencies worked together."},
                   {"statutory_criteria_met", true}, {"child_died", false}};
  auto created = Post(client, "/api/v1/reviews", board.unit, referral);
  REQUIRE(created);
  REQUIRE(created->status == 201);
  return json::parse(created->body)["id"].get<long long>();
}

// A referral made today, decided on at once: the six months start today.
long long ReferAndDecide(httplib::Client& client, const Board& board) {
  long long id = Refer(client, board, "Child T");
  std::string base = "/api/v1/reviews/" + std::to_string(id);
  for (const char* key : {"referral_rationale_recorded", "chair_decision"}) {
    auto done = Post(client, base + "/checkpoints/" + key + "/complete", board.unit, {{"note", "done"}});
    REQUIRE(done);
    REQUIRE(done->status == 200);
  }
  auto decided = Post(client, base + "/events", board.unit,
                      {{"event", "decide_to_review"}, {"reason", "The statutory criteria are met."}});
  REQUIRE(decided);
  INFO(decided->body);
  REQUIRE(decided->status == 200);
  return id;
}

// A board's service on a simulated clock, with one review decided on today.
struct DecidedReview {
  Board board;
  TrackerService service{board.db, kSimulated};
  scr::test::ApiClient client{"127.0.0.1", service.port()};
  long long id = ReferAndDecide(client, board);
  std::string base = "/api/v1/reviews/" + std::to_string(id);
};

json ListItem(httplib::Client& client, const std::string& token, long long id) {
  json list = GetJson(client, "/api/v1/reviews", token);
  for (const json& item : list["items"]) {
    if (item["id"] == id) return item;
  }
  FAIL("review " << id << " is not in the list");
  return {};
}

long long TimescaleAlerts(const std::string& db, long long id, const std::string& kind) {
  return CountRows(db, "SELECT COUNT(*) FROM alerts WHERE review_id = " + std::to_string(id) +
                           " AND checkpoint = 'timescale' AND kind = '" + kind + "' AND recipient_role = 'chair'");
}

}  // namespace

TEST_CASE("deadlines: the review list names the next step to come, the steps missed and the timescale",
          "[integration][deadlines]") {
  DecidedReview decided;
  const Board& board = decided.board;
  httplib::Client& client = decided.client;
  long long id = decided.id;
  scr::WorkingCalendar england = England();
  Date decided_on = Today(client, board.admin);

  json fresh = ListItem(client, board.unit, id);
  CHECK(fresh["missed"].empty());
  CHECK(fresh["overdue_checkpoints"] == 0);
  REQUIRE(fresh["next_checkpoint"].is_object());
  CHECK(fresh["next_checkpoint"]["due"] == fresh["next_due"]);
  REQUIRE(fresh["timescale"].is_object());
  CHECK(fresh["timescale"]["status"] == "on_track");
  CHECK(fresh["timescale"]["basis"] == "6 months after decide_to_review (" + decided_on.ToString() + ")");
  CHECK(fresh["timescale"]["from"] == decided_on.ToString());
  // A referral not yet decided on has no timescale running: nothing to count from, no due day.
  json undecided = ListItem(client, board.unit, Refer(client, board, "Child U"));
  CHECK(undecided["timescale"]["from"].is_null());
  CHECK(undecided["timescale"]["due"].is_null());
  Date six_months = england.WorkingDayOnOrAfter(decided_on.AddMonths(6)).value();
  CHECK(fresh["timescale"]["due"] == six_months.ToString());

  Advance(client, board.admin, 30);
  Date today = Today(client, board.admin);
  json later = ListItem(client, board.unit, id);
  REQUIRE_FALSE(later["missed"].empty());
  CHECK(later["overdue_checkpoints"] == later["missed"].size());
  bool notified_missed = false;
  for (const json& missed : later["missed"]) {
    CHECK(Date::Parse(missed["due"].get<std::string>()).value() < today);
    CHECK(missed["working_days_late"].get<int>() > 0);
    CHECK(missed["owner_role"].is_string());
    CHECK(missed["title"].is_string());
    if (missed["key"] == "decision_notified_nationally") {
      notified_missed = true;
      Date due = Date::Parse(missed["due"].get<std::string>()).value();
      CHECK(missed["working_days_late"] == england.WorkingDaysBetween(due, today).value());
    }
  }
  CHECK(notified_missed);
  // The next due date is one still to come, not the oldest missed one.
  REQUIRE(later["next_due"].is_string());
  CHECK(Date::Parse(later["next_due"].get<std::string>()).value() >= today);
  CHECK(later["next_checkpoint"]["due"] == later["next_due"]);

  json review = GetJson(client, "/api/v1/reviews/" + std::to_string(id), board.unit);
  CHECK(review["timescale"] == later["timescale"]);
  CHECK(review["missed"] == later["missed"]);
}

TEST_CASE("deadlines: a review type shows its timescale, its rule, the event that meets it and its source",
          "[integration][deadlines]") {
  Board board;
  TrackerService service(board.db, kSimulated);
  scr::test::ApiClient client("127.0.0.1", service.port());
  json timescale = GetJson(client, "/api/v1/workflows/scr-2015", board.unit)["timescale"];
  CHECK(timescale["due_rule"] == "6 months after decide_to_review");
  CHECK(timescale["met_by"] == "sign_off_report");
  CHECK(timescale["source"].get<std::string>().find("Working Together") != std::string::npos);
  CHECK(timescale["local_default"] == false);
}

TEST_CASE("deadlines: a step completed late is refused without a note and records its lateness with one",
          "[integration][deadlines]") {
  DecidedReview decided;
  const Board& board = decided.board;
  httplib::Client& client = decided.client;
  const std::string& base = decided.base;
  Advance(client, board.admin, 14);
  Date today = Today(client, board.admin);
  json before = GetJson(client, base, board.unit);
  std::string due;
  for (const json& checkpoint : before["checkpoints"]) {
    if (checkpoint["key"] == "decision_notified_nationally") due = checkpoint["due"];
  }
  REQUIRE_FALSE(due.empty());
  int late = England().WorkingDaysBetween(Date::Parse(due).value(), today).value();
  REQUIRE(late > 0);

  auto refused = Post(client, base + "/checkpoints/decision_notified_nationally/complete", board.unit, json::object());
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK(refused->get_header_value("Content-Type") == "application/problem+json");
  CHECK(json::parse(refused->body)["detail"] ==
        "this step is " + std::to_string(late) + (late == 1 ? " working day" : " working days") +
            " late: say in the note why, so the delay register can show it");

  auto done = Post(client, base + "/checkpoints/decision_notified_nationally/complete", board.unit,
                   {{"note", "The national panel's inbox refused the form; sent again by post."}});
  REQUIRE(done);
  REQUIRE(done->status == 200);
  json after = GetJson(client, base, board.unit);
  for (const json& checkpoint : after["checkpoints"]) {
    if (checkpoint["key"] == "decision_notified_nationally") CHECK(checkpoint["late_by_working_days"] == late);
    if (checkpoint["key"] == "chair_decision") CHECK_FALSE(checkpoint.contains("late_by_working_days"));
  }
  bool in_register = false;  // the delay register shows the late step beside the moved deadlines (QM8)
  for (const json& delay : after["delays"]) {
    if (delay["checkpoint"] == "decision_notified_nationally") {
      in_register = delay["kind"] == "late_completion" && delay["late_by_working_days"] == late &&
                    delay["previous_due"] == due && delay["new_due"] == today.ToString() &&
                    delay["reason"] == "The national panel's inbox refused the form; sent again by post.";
    }
  }
  CHECK(in_register);
  json history = GetJson(client, base + "/events", board.unit);
  bool recorded = false;
  for (const json& event : history["items"]) {
    if (event["event"] == "checkpoint_completed" && event["data"]["checkpoint"] == "decision_notified_nationally") {
      recorded = event["data"]["late_by_working_days"] == late && event["data"]["due"] == due;
    }
  }
  CHECK(recorded);
}

TEST_CASE("deadlines: an extension, an information request or an action due on a weekend is refused, naming the next working day",
          "[integration][deadlines]") {
  DecidedReview decided;
  const Board& board = decided.board;
  httplib::Client& client = decided.client;
  const std::string& base = decided.base;
  Date saturday = Today(client, board.admin).AddDays(60);
  while (!(saturday.IsWeekend() && saturday.AddDays(1).IsWeekend())) saturday = saturday.AddDays(1);  // a Saturday
  std::string next = England().WorkingDayOnOrAfter(saturday).value().ToString();

  auto extend = Post(client, base + "/checkpoints/board_advised/extend", board.unit,
                     {{"due", saturday.ToString()}, {"reason", "The board meets later."}});
  REQUIRE(extend);
  CHECK(extend->status == 400);
  CHECK(json::parse(extend->body)["detail"] == "the new due date " + saturday.ToString() +
                                                  " is not a working day for this board; the next working day is " + next);
  auto request = Post(client, base + "/information-requests", board.unit,
                      {{"agency", "Police"}, {"request", "Records of calls to the address."}, {"due", saturday.ToString()}});
  REQUIRE(request);
  CHECK(request->status == 400);
  CHECK(json::parse(request->body)["detail"] == "the due date " + saturday.ToString() +
                                                   " is not a working day for this board; the next working day is " + next);
  auto action = Post(client, base + "/actions", board.unit,
                     {{"title", "Share call-outs"}, {"finding", "Finding 1"}, {"owner_agency", "Police"},
                      {"priority", "high"}, {"due", saturday.ToString()}});
  REQUIRE(action);
  CHECK(action->status == 400);
  CHECK(json::parse(action->body)["detail"] == "the due date " + saturday.ToString() +
                                                  " is not a working day for this board; the next working day is " + next);
  auto working = Post(client, base + "/checkpoints/board_advised/extend", board.unit,
                      {{"due", next}, {"reason", "The board meets later."}});
  REQUIRE(working);
  CHECK(working->status == 200);
}

TEST_CASE("deadlines: the chair is told once when the timescale becomes at risk and once when it is missed",
          "[integration][deadlines]") {
  Board board;
  long long id = 0;
  std::string timescale_due;
  {
    TrackerService service(board.db, kSimulated);
    scr::test::ApiClient client("127.0.0.1", service.port());
    id = ReferAndDecide(client, board);
    std::string base = "/api/v1/reviews/" + std::to_string(id);
    timescale_due = GetJson(client, base, board.unit)["timescale"]["due"];
    scr::WorkingCalendar england = England();
    Date due = Date::Parse(timescale_due).value();
    // An extension that makes the miss certain: the report reaches the board after the timescale's due day.
    auto extended = Post(client, base + "/checkpoints/report_submitted_to_board/extend", board.unit,
                         {{"due", england.AddWorkingDays(due, 10).value().ToString()},
                          {"reason", "The lead reviewer is ill."}});
    REQUIRE(extended);
    REQUIRE(extended->status == 200);
    json review = GetJson(client, base, board.unit);
    CHECK(review["timescale"]["status"] == "at_risk");
    CHECK(TimescaleAlerts(board.db, id, "timescale_at_risk") == 1);
    json alerts = GetJson(client, "/api/v1/alerts?review=" + std::to_string(id), board.chair);
    long long at_risk = 0;
    for (const json& alert : alerts["items"]) {
      if (alert["kind"] == "timescale_at_risk" && alert["recipient_role"] == "chair" && alert["due"] == timescale_due) {
        at_risk = alert["id"].get<long long>();
        CHECK(alert["subject_title"] == "The review's overall timescale");
        CHECK(alert["review_title"] == "Child T");
      }
    }
    REQUIRE(at_risk > 0);
    // The chair acknowledges it like any other alert, with a note that goes in the review's history.
    auto acknowledged = Post(client, "/api/v1/alerts/" + std::to_string(at_risk) + "/acknowledge", board.chair,
                             {{"note", "Discussed with the lead reviewer: a shorter report."}});
    REQUIRE(acknowledged);
    CHECK(acknowledged->status == 200);
    bool in_history = false;
    json history = GetJson(client, base + "/events", board.chair);
    for (const json& event : history["items"]) {
      if (event["event"] == "alert_acknowledged" && event["data"]["kind"] == "timescale_at_risk") in_history = true;
    }
    CHECK(in_history);
    // A second slip past the due day tells the chair nothing new.
    auto again = Post(client, base + "/checkpoints/progress_reported_to_board/extend", board.unit,
                      {{"due", england.AddWorkingDays(due, 5).value().ToString()}, {"reason", "Board meeting moved."}});
    REQUIRE(again);
    REQUIRE(again->status == 200);
    CHECK(TimescaleAlerts(board.db, id, "timescale_at_risk") == 1);
    REQUIRE(service.Stop() == 0);
  }
  {
    TrackerService service(board.db, kSimulated);  // restarted: what was told is remembered
    scr::test::ApiClient client("127.0.0.1", service.port());
    std::string base = "/api/v1/reviews/" + std::to_string(id);
    auto more = Post(client, base + "/checkpoints/family_informed/extend", board.unit,
                     {{"due", England().AddWorkingDays(Date::Parse(timescale_due).value(), 3).value().ToString()},
                      {"reason", "The family asked to wait."}});
    REQUIRE(more);
    REQUIRE(more->status == 200);
    CHECK(TimescaleAlerts(board.db, id, "timescale_at_risk") == 1);
    CHECK(TimescaleAlerts(board.db, id, "timescale_missed") == 0);
    json fired = Advance(client, board.admin, 200);  // past the end of the due day
    CHECK(fired["timescale_missed"] == 1);
    CHECK(fired["summary"].get<std::string>().find("1 timescale missed") != std::string::npos);
    CHECK(TimescaleAlerts(board.db, id, "timescale_missed") == 1);
    CHECK(GetJson(client, base, board.unit)["timescale"]["status"] == "missed");
    REQUIRE(service.Stop() == 0);
  }
  {
    TrackerService service(board.db, kSimulated);
    scr::test::ApiClient client("127.0.0.1", service.port());
    Advance(client, board.admin, 30);
    CHECK(TimescaleAlerts(board.db, id, "timescale_missed") == 1);
    CHECK(TimescaleAlerts(board.db, id, "timescale_at_risk") == 1);
    CHECK(CountRows(board.db, "SELECT COUNT(*) FROM outbox o JOIN alerts a ON a.id = o.alert_id "
                              "WHERE a.checkpoint = 'timescale'") == 2);
  }
}
