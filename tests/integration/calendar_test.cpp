// The board's deadlines as a calendar feed: valid RFC 5545 (read back by Python's icalendar, which no one
// here wrote), all-day events that keep their UID when a deadline moves, gone once done; the token may
// be in the URL here and nowhere else; no family details.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

// uid -> {start date, summary}, as Python's icalendar reads the feed.
std::map<std::string, std::pair<std::string, std::string>> ReadFeed(const TempDir& dir, const std::string& ics) {
  std::string path = dir.File("feed.ics");
  std::ofstream(path, std::ios::binary) << ics;
  std::string command =
      "/usr/bin/python3 -c \"import icalendar, json, sys\n"
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
      "print(json.dumps({str(e['UID']): [e.decoded('DTSTART').isoformat(), str(e['SUMMARY'])] for e in cal.walk('VEVENT')}))\" '" +
      path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
  REQUIRE(pclose(pipe) == 0);
  std::map<std::string, std::pair<std::string, std::string>> events;
  json parsed = json::parse(out);
  for (const auto& [uid, value] : parsed.items()) events[uid] = {value[0], value[1]};
  return events;
}

}  // namespace

TEST_CASE("calendar: the board's open deadlines as a subscribable feed, a moved deadline keeps its event, a done one "
          "leaves",
          "[integration][calendar]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string user = RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name", "Sam",
                                   "--email", "sam@example.org"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit", "--user", user});
  std::string feed_token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit", "--user", user,
                                         "--scope", "calendar"});
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  httplib::Headers as_unit = {{"Authorization", "Bearer " + unit}};
  json referral = {{"workflow", "scr-2015"}, {"title", "Child K"}, {"incident_date", "2026-11-02"},
                   {"referral_date", "2026-11-03"}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", as_unit, referral.dump(), "application/json")->status == 201);
  json mother = {{"name", "Jordan Whitfield"}, {"relationship", "mother"}, {"involvement", "involved"}};
  REQUIRE(client.Post("/api/v1/reviews/1/family-members", as_unit, mother.dump(), "application/json")->status == 201);
  json ask = {{"agency", "Police"}, {"request", "Custody records"}, {"due", "2029-01-05"}};
  REQUIRE(client.Post("/api/v1/reviews/1/information-requests", as_unit, ask.dump(), "application/json")->status == 201);

  std::string feed = "/api/v1/calendar.ics?token=" + feed_token;
  auto fetched = client.Get(feed.c_str());
  REQUIRE(fetched);
  REQUIRE(fetched->status == 200);
  CHECK(fetched->get_header_value("Content-Type").find("text/calendar") == 0);
  const std::string& ics = fetched->body;
  CHECK(ics.find("Whitfield") == std::string::npos);
  std::istringstream lines(ics);
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.back() == '\r');     // CRLF
    CHECK(line.size() <= 75 + 1);   // folded at 75 octets
  }

  json review = json::parse(client.Get("/api/v1/reviews/1", as_unit)->body);
  std::string decision_due;
  for (const json& checkpoint : review["checkpoints"]) {
    if (checkpoint["key"] == "chair_decision") decision_due = checkpoint["due"];
  }
  REQUIRE_FALSE(decision_due.empty());
  auto events = ReadFeed(dir, ics);
  const std::string decision = "review-1-checkpoint-chair_decision@scr-tracker";
  REQUIRE(events.count(decision) == 1);
  CHECK(events[decision].first == decision_due);
  CHECK(events[decision].second.find("Child K (review 1)") != std::string::npos);
  REQUIRE(events.count("review-1-information-request-1@scr-tracker") == 1);
  CHECK(events["review-1-information-request-1@scr-tracker"].first == "2029-01-05");
  REQUIRE(events.count("review-1-checkpoint-national_notification@scr-tracker") == 1);

  // The chair's decision is extended: the same event moves. The national notification is done: it goes.
  REQUIRE(client.Post("/api/v1/reviews/1/checkpoints/chair_decision/extend", as_unit,
                      R"({"due": "2027-01-29", "reason": "Police asked for time"})", "application/json")
              ->status == 200);
  REQUIRE(client.Post("/api/v1/reviews/1/checkpoints/national_notification/complete", as_unit,
                      R"({"note": "Sent late: the panel's form was down"})", "application/json")
              ->status == 200);
  events = ReadFeed(dir, client.Get(feed.c_str())->body);
  CHECK(events[decision].first == "2027-01-29");
  CHECK(events.count("review-1-checkpoint-national_notification@scr-tracker") == 0);

  // A token in a URL is accepted for the feed alone, and only a calendar token.
  CHECK(client.Get(("/api/v1/reviews?token=" + feed_token).c_str())->status == 401);
  CHECK(client.Get(("/api/v1/reviews?token=" + unit).c_str())->status == 401);
  CHECK(client.Get(("/api/v1/calendar.ics?token=" + unit).c_str())->status == 403);
  CHECK(client.Get("/api/v1/calendar.ics?token=wrong")->status == 401);
}
