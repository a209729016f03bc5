// After the report, over HTTP: improvement actions agreed, updated and listed across the board; the
// self-assessment and its printable report; the privacy check that gates publication; the board's
// metrics as JSON and as a CSV file that a real CSV parser reads back.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// The CSV file as rows of fields, read by Python's csv module (the parser a spreadsheet user's tools share).
json ParseCsv(const TempDir& dir, const std::string& csv) {
  std::string path = dir.File("metrics.csv");
  std::ofstream(path, std::ios::binary) << csv;
  std::string command = "/usr/bin/python3 -c \"import csv, json, sys\n"
                        "print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))\" '" +
                        path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
  REQUIRE(pclose(pipe) == 0);
  return json::parse(out);
}

}  // namespace

TEST_CASE("after the report: actions, the self-assessment, the privacy check and the metrics over HTTP",
          "[integration][actions]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string health = RunAdmin(db, {"create-user", "--board", board, "--role", "agency", "--name", "Health liaison",
                                     "--email", "health@example.org", "--agency", "Health"});
  std::string agency = RunAdmin(db, {"create-token", "--board", board, "--role", "agency", "--user", health});
  std::string viewer = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer"});
  std::string chair = RunAdmin(db, {"create-token", "--board", board, "--role", "chair"});
  std::string other_board = RunAdmin(db, {"create-board", "--name", "Other"});
  std::string other = RunAdmin(db, {"create-token", "--board", other_board, "--role", "business_unit"});
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto post = [&](const std::string& path, const std::string& token, const json& body) {
    auto response = client.Post(path.c_str(), As(token), body.dump(), "application/json");
    REQUIRE(response);
    return response;
  };

  json referral = {{"workflow", "scr-2015"}, {"title", "Child P"}, {"incident_date", "2026-11-02"},
                   {"referral_date", "2026-11-03"}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(post("/api/v1/reviews", unit, referral)->status == 201);
  REQUIRE(post("/api/v1/reviews/1/family-members", unit,
               {{"name", "Kerry-Ann Doyle"}, {"relationship", "mother"}, {"involvement", "involved"},
                {"date_of_birth", "1991-07-09"}, {"address", "4 Mill Lane, Eastbrook"},
                {"other_identifiers", {"Eastbrook Infants"}}})
              ->status == 201);

  SECTION("improvement actions: agreed, updated by the agency, listed across reviews and by agency") {
    json action = {{"title", "Health visitors ask about every adult in the home"}, {"finding", "Finding 1"},
                   {"owner_agency", "Health"}, {"lead", "Named nurse"}, {"priority", "high"}, {"due", "2029-01-05"}};
    auto added = post("/api/v1/reviews/1/actions", unit, action);
    REQUIRE(added->status == 201);
    json created = json::parse(added->body);
    CHECK(created["status"] == "not_started");
    CHECK(created["rag"] == "green");
    CHECK(created["overdue"] == false);
    int64_t id = created["id"];
    CHECK(post("/api/v1/reviews/1/actions", viewer, action)->status == 403);
    CHECK(post("/api/v1/reviews/1/actions", other, action)->status == 404);
    json unknown = action;
    unknown["colour"] = "red";
    auto refused = post("/api/v1/reviews/1/actions", unit, unknown);
    CHECK(refused->status == 400);
    CHECK(json::parse(refused->body)["detail"].get<std::string>().find("colour") != std::string::npos);
    json no_priority = action;
    no_priority["priority"] = "urgent";
    CHECK(post("/api/v1/reviews/1/actions", unit, no_priority)->status == 400);

    std::string one = "/api/v1/reviews/1/actions/" + std::to_string(id);
    auto updated = client.Patch(one.c_str(), As(agency), R"({"status": "in_progress", "note": "Training booked"})",
                                "application/json");
    REQUIRE(updated);
    CHECK(updated->status == 200);
    json progressed = json::parse(updated->body);
    CHECK(progressed["status"] == "in_progress");
    REQUIRE(progressed["updates"].size() == 1);
    CHECK(progressed["updates"][0]["note"] == "Training booked");
    CHECK(progressed["updates"][0]["author"].get<std::string>().find("agency") != std::string::npos);
    CHECK(client.Patch(one.c_str(), As(unit), R"({"status": "evidenced"})", "application/json")->status == 409);
    CHECK(client.Patch(one.c_str(), As(unit), R"({"status": "dropped"})", "application/json")->status == 400);
    CHECK(client.Patch(one.c_str(), As(viewer), R"({"note": "x"})", "application/json")->status == 403);

    json police = {{"title", "Share domestic abuse call-outs"}, {"finding", "Finding 3"}, {"owner_agency", "Police"},
                   {"priority", "medium"}, {"due", "2029-03-29"}};
    REQUIRE(post("/api/v1/reviews/1/actions", chair, police)->status == 201);
    json health_only = json::parse(client.Get("/api/v1/actions?agency=Health", As(viewer))->body)["items"];
    REQUIRE(health_only.size() == 1);
    CHECK(health_only[0]["id"] == id);
    CHECK(json::parse(client.Get("/api/v1/actions?status=not_started", As(viewer))->body)["items"].size() == 1);
    CHECK(json::parse(client.Get("/api/v1/actions?overdue=true", As(viewer))->body)["items"].empty());
    CHECK(client.Get("/api/v1/actions?overdue=soon", As(viewer))->status == 400);
    CHECK(json::parse(client.Get("/api/v1/actions", As(other))->body)["items"].empty());
    json by_agency = json::parse(client.Get("/api/v1/actions/by-agency", As(viewer))->body)["items"];
    REQUIRE(by_agency.size() == 2);
    CHECK(by_agency[0]["agency"] == "Health");
    CHECK(by_agency[0]["rag"]["green"] == 1);
    CHECK(by_agency[0]["status"]["in_progress"] == 1);
  }

  SECTION("self-assessment: answered, kept with its stage, printable") {
    auto answered = client.Put("/api/v1/reviews/1/self-assessment/qm1-rationale", As(unit),
                               R"({"answer": "partly", "note": "Rationale thin on agency contact"})", "application/json");
    REQUIRE(answered);
    CHECK(answered->status == 200);
    json question = json::parse(answered->body);
    CHECK(question["current"]["answer"] == "partly");
    CHECK(question["current"]["stage"] == "start");
    CHECK(question["marker"] == 1);
    CHECK(client.Put("/api/v1/reviews/1/self-assessment/qm1-rationale", As(unit), R"({"answer": "perhaps"})",
                     "application/json")->status == 400);
    CHECK(client.Put("/api/v1/reviews/1/self-assessment/no-such-question", As(unit), R"({"answer": "yes"})",
                     "application/json")->status == 404);
    CHECK(client.Put("/api/v1/reviews/1/self-assessment/qm1-rationale", As(viewer), R"({"answer": "yes"})",
                     "application/json")->status == 403);
    json assessment = json::parse(client.Get("/api/v1/reviews/1/self-assessment", As(viewer))->body);
    CHECK(assessment["summary"]["partly"] == 1);
    CHECK(assessment["markers"].size() == 18);
    auto report = client.Get("/api/v1/reviews/1/self-assessment/report", As(viewer));
    REQUIRE(report);
    CHECK(report->status == 200);
    CHECK(report->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(report->body.find("@media print") != std::string::npos);
    CHECK(report->body.find("Rationale thin on agency contact") != std::string::npos);
    CHECK(report->body.find("<h2>Gaps</h2>") != std::string::npos);
  }

  SECTION("privacy check: the family's details found in the text, with their places") {
    std::string text = "Report. KERRY ANN DOYLE moved to 4 Mill Lane; born 9 July 1991. Eastbrook  Infants noted.";
    auto checked = post("/api/v1/reviews/1/privacy-check", unit, {{"text", text}});
    REQUIRE(checked->status == 200);
    json result = json::parse(checked->body);
    CHECK(result["passed"] == false);
    std::vector<std::string> matches;
    for (const json& finding : result["findings"]) {
      matches.push_back(finding["match"]);
      CHECK(text.substr(finding["start"].get<size_t>(), finding["end"].get<size_t>() - finding["start"].get<size_t>()) ==
            finding["match"]);  // the text is ASCII: characters and bytes agree
    }
    CHECK(matches == std::vector<std::string>{"KERRY ANN DOYLE", "4 Mill Lane", "9 July 1991", "Eastbrook  Infants"});
    CHECK(post("/api/v1/reviews/1/privacy-check", chair, {{"text", text}})->status == 403);
    CHECK(post("/api/v1/reviews/1/privacy-check", unit, {{"text", ""}})->status == 400);
    auto clean = post("/api/v1/reviews/1/privacy-check", unit, {{"text", "Report. The mother moved house."}});
    CHECK(json::parse(clean->body)["passed"] == true);
  }

  SECTION("metrics: JSON, and CSV that a CSV parser reads back") {
    json action = {{"title", "Audit, \"with quotes\", of neglect referrals"}, {"finding", "Finding 2"},
                   {"owner_agency", "Children's Services, North"}, {"priority", "low"}, {"due", "2029-01-05"}};
    REQUIRE(post("/api/v1/reviews/1/actions", unit, action)->status == 201);
    auto metrics = client.Get("/api/v1/metrics", As(viewer));
    REQUIRE(metrics);
    CHECK(metrics->status == 200);
    json figures = json::parse(metrics->body);
    CHECK(figures["annual"]["referrals"] == 1);
    CHECK(figures["actions_by_agency"][0]["agency"] == "Children's Services, North");

    auto csv = client.Get("/api/v1/metrics?format=csv", As(viewer));
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
    json rows = ParseCsv(dir, csv->body);
    REQUIRE(rows.size() > 5);
    CHECK(rows[0] == json({"section", "workflow", "subject", "measure", "value"}));
    bool agency_row = false, referrals_row = false;
    for (const json& row : rows) {
      REQUIRE(row.size() == 5);
      if (row[0] == "actions" && row[2] == "Children's Services, North" && row[3] == "total") agency_row = row[4] == "1";
      if (row[0] == "annual" && row[3] == "referrals") referrals_row = row[4] == "1";
    }
    CHECK(agency_row);
    CHECK(referrals_row);
    CHECK(client.Get("/api/v1/metrics?format=xml", As(viewer))->status == 400);
    CHECK(client.Get("/api/v1/metrics", As(agency))->status == 403);
  }
}
