// What the page is told, through the real binary: the summary of a move of the demo clock, alerts that
// name what they are about, and the printable self-assessment report with its marking and page numbers.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/api_client.h"
#include "support/board_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using namespace scr::test::board;
using scr::test::CountRows;
using scr::test::TempDir;
using scr::test::TrackerService;

TEST_CASE(
    "clock: moving the demo clock answers with what fired, counted by kind, and the first alerts by name",
    "[integration][clock]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  Board board = MakeBoard(db);
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  // A board with no review: a day passes and nothing falls due.
  json quiet = Send(client, "POST", "/api/v1/admin/clock/advance", board.admin, {{"days", 1}}, 200);
  CHECK(quiet["fired"]["reminder"] == 0);
  CHECK(quiet["fired"]["first"].empty());
  CHECK(quiet["fired"]["summary"].get<std::string>().find(": nothing fell due") != std::string::npos);
  Refer(client, board, "Child K (clock)");

  json moved = Send(client, "POST", "/api/v1/admin/clock/advance", board.admin, {{"days", 60}}, 200);
  INFO(moved.dump());
  const json& fired = moved["fired"];
  CHECK(fired["reminder"].get<int>() > 0);
  CHECK(fired["overdue"].get<int>() > 0);
  CHECK(fired["escalation"].get<int>() > 0);
  CHECK(fired["escalation_to_chair"].get<int>() > 0);
  CHECK(fired["messages_queued"].get<int>() > 0);
  REQUIRE_FALSE(fired["first"].empty());
  // Every alert from the first it lists on fired during the move (what the referral fired at once may still
  // be firing when the move starts, and is not the move's).
  long long alerts = CountRows(db, "SELECT COUNT(*) FROM alerts WHERE id >= " +
                                       std::to_string(fired["first"][0]["id"].get<long long>()));
  CHECK(fired["reminder"].get<long long>() + fired["overdue"].get<long long>() + fired["escalation"].get<long long>() +
            fired["deadline_extended"].get<long long>() + fired["timescale_at_risk"].get<long long>() +
            fired["timescale_missed"].get<long long>() ==
        alerts);
  CHECK(fired["first"].size() <= 10);
  CHECK(fired["first"][0]["review_title"] == "Child K (clock)");
  // The checkpoint's title, not its key.
  CHECK(fired["first"][0]["subject_title"].get<std::string>().size() > 20);
  std::string summary = fired["summary"];
  CHECK(summary.rfind("Moved to ", 0) == 0);
  CHECK(std::regex_search(
      summary, std::regex(R"(^Moved to (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}: )")));
  CHECK(summary.find(" reminder") != std::string::npos);
  CHECK(summary.find(" overdue") != std::string::npos);
  CHECK(summary.find(" escalation") != std::string::npos);
  CHECK(std::to_string(fired["reminder"].get<int>()) +
            (fired["reminder"] == 1 ? " reminder" : " reminders") ==
        summary.substr(summary.find(": ") + 2, summary.find(',') - summary.find(": ") - 2));
}

TEST_CASE("alerts: each names its review and what it is about, and an extension carries its reason and dates",
          "[integration][alerts]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  Board board = MakeBoard(db);
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  long long id = Refer(client, board, "Child E (alerts)");
  std::string review = "/api/v1/reviews/" + std::to_string(id);
  std::string today = Today(client, board);
  Send(client, "POST", review + "/information-requests", board.unit,
       {{"agency", "Police"}, {"request", "Call-out logs"}, {"due", WorkingDayAfter(today, 5)}}, 201);
  std::string due;
  json shown = Get(client, review, board.unit);
  for (const json& checkpoint : shown["checkpoints"]) {
    if (checkpoint["key"] == "chair_decision") due = checkpoint["due"];
  }
  INFO(shown.dump());
  REQUIRE_FALSE(due.empty());
  std::string new_due = WorkingDayAfter(due, 10);
  Send(client, "POST", review + "/checkpoints/chair_decision/extend", board.unit,
       {{"due", new_due}, {"reason", "The police asked for time."}}, 200);
  Send(client, "POST", "/api/v1/admin/clock/advance", board.admin, {{"days", 20}}, 200);

  json alerts = Get(client, "/api/v1/alerts?limit=200", board.chair)["items"];
  REQUIRE_FALSE(alerts.empty());
  bool extension = false, request = false, checkpoint = false;
  for (const json& alert : alerts) {
    INFO(alert.dump());
    CHECK(alert["review_title"] == "Child E (alerts)");
    if (alert["kind"] == "deadline_extended") {
      extension = true;
      CHECK(alert["reason"] == "The police asked for time.");
      CHECK(alert["previous_due"] == due);
      CHECK(alert["new_due"] == new_due);
    }
    if (alert.contains("information_request")) {
      request = true;
      CHECK(alert["subject_title"] == "Information from Police: Call-out logs");
    } else if (alert["checkpoint"] == "chair_decision") {
      checkpoint = true;
      CHECK(alert["subject_title"] ==
            "The chair decides whether to hold an SCR, with reasons and the criteria relied on");
    }
  }
  CHECK(extension);
  CHECK(request);
  CHECK(checkpoint);
}

TEST_CASE(
    "printing: the self-assessment report carries the board, the date, the protective marking on every page "
    "and page numbers, answers with their author, unanswered questions listed compactly",
    "[integration][print]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  Board board = MakeBoard(db);
  std::ofstream(dir.File("scr.yaml")) << "print:\n  protective_marking: OFFICIAL-SENSITIVE PERSONAL\n";
  TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
  scr::test::ApiClient client("127.0.0.1", service.port());
  long long id = Refer(client, board, "Child R (report)");
  std::string review = "/api/v1/reviews/" + std::to_string(id);
  auto answered =
      client.Put((review + "/self-assessment/qm1-rationale").c_str(), As(board.unit),
                 R"({"answer": "partly", "note": "Rationale thin on agency contact"})", "application/json");
  REQUIRE(answered);
  REQUIRE(answered->status == 200);

  json session = Get(client, "/api/v1/session", board.unit);
  CHECK(session["protective_marking"] == "OFFICIAL-SENSITIVE PERSONAL");
  CHECK(session["board_name"] == "Northshire Safeguarding Children Partnership");

  auto report = client.Get((review + "/self-assessment/report").c_str(), As(board.chair));
  REQUIRE(report);
  REQUIRE(report->status == 200);
  const std::string& html = report->body;
  CHECK(html.find("Northshire Safeguarding Children Partnership") != std::string::npos);
  CHECK(html.find("Printed " + Today(client, board)) != std::string::npos);
  CHECK(html.find("@top-center{content:\"OFFICIAL-SENSITIVE PERSONAL\"") != std::string::npos);
  CHECK(html.find("@bottom-center{content:\"OFFICIAL-SENSITIVE PERSONAL\"") != std::string::npos);
  CHECK(html.find("counter(page) \" of \" counter(pages)") != std::string::npos);
  CHECK(html.find("Rationale thin on agency contact") != std::string::npos);
  CHECK(html.find("Sam Unit") != std::string::npos);  // the answer's author
  CHECK(html.find("1 of ") != std::string::npos);
  CHECK(html.find(">Not answered<") == std::string::npos);  // no row per unanswered question
  CHECK(html.find("Not answered yet:") != std::string::npos);

  // A misspelt key is refused, naming it; a marking of two lines too.
  std::ofstream(dir.File("misspelt.yaml")) << "print:\n  marking: SECRET\n";
  scr::test::CommandOutput misspelt =
      scr::test::RunTracker({"serve", "--db", dir.File("other.db"), "--config", dir.File("misspelt.yaml")});
  CHECK(misspelt.exit_code != 0);
  CHECK(misspelt.err.find("misspelt.yaml:2: unknown key 'marking' in print") != std::string::npos);
  std::ofstream(dir.File("two-lines.yaml")) << "print:\n  protective_marking: \"OFFICIAL\\nSENSITIVE\"\n";
  scr::test::CommandOutput two_lines =
      scr::test::RunTracker({"serve", "--db", dir.File("other.db"), "--config", dir.File("two-lines.yaml")});
  CHECK(two_lines.exit_code != 0);
  CHECK(two_lines.err.find("print.protective_marking must be one line") != std::string::npos);

  // Without the key the marking is OFFICIAL-SENSITIVE.
  TempDir other;
  std::string plain_db = other.File("scr.db");
  Board plain = MakeBoard(plain_db);
  TrackerService plain_service(plain_db);
  scr::test::ApiClient plain_client("127.0.0.1", plain_service.port());
  CHECK(Get(plain_client, "/api/v1/session", plain.unit)["protective_marking"] == "OFFICIAL-SENSITIVE");
}
