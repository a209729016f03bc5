// The board's reviews exported for its papers, through the real binary: a CSV file that Python's csv module
// reads back, safe against formula injection, and a real .xlsx workbook that openpyxl (Debian's
// python3-openpyxl) opens, both with the values the API shows and the dashboard's filters.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

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

namespace {

const std::vector<std::string> kColumns = {
    "Id",      "Title",              "Review type",         "Phase",     "Referral date", "Decision date", "Days since referral",
    "Next deadline", "Overdue", "Parallel processes", "Holding publication", "Published", "Published on",
    "Timescale due", "Timescale", "Missed steps", "References"};

// Runs a Python program on a file and parses what it prints as JSON.
json RunPython(const TempDir& dir, const std::string& name, const std::string& bytes, const std::string& program) {
  std::string path = dir.File(name);
  std::ofstream(path, std::ios::binary) << bytes;
  std::string script = dir.File(name + ".py");
  std::ofstream(script) << program;
  std::string command = "/usr/bin/python3 '" + script + "' '" + path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
  REQUIRE(pclose(pipe) == 0);
  return json::parse(out);
}

json ReadCsv(const TempDir& dir, const std::string& csv) {
  return RunPython(dir, "reviews.csv", csv,
                   "import csv, json, sys\n"
                   "print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))\n");
}

// The sheet's rows (dates as YYYY-MM-DD, marked as dates), its frozen cell and the width of column B.
json ReadWorkbook(const TempDir& dir, const std::string& xlsx) {
  return RunPython(dir, "reviews.xlsx", xlsx,
                   "import datetime, json, sys, openpyxl\n"
                   "sheet = openpyxl.load_workbook(sys.argv[1]).active\n"
                   "def cell(v):\n"
                   "    if isinstance(v, datetime.datetime): return {'date': v.date().isoformat()}\n"
                   "    return v\n"
                   "rows = [[cell(c.value) for c in row] for row in sheet.iter_rows()]\n"
                   "print(json.dumps({'title': sheet.title, 'rows': rows, 'freeze': sheet.freeze_panes,\n"
                   "                  'width_b': sheet.column_dimensions['B'].width}))\n");
}

httplib::Result Post(httplib::Client& client, const std::string& token, const std::string& path, const json& body) {
  auto response = client.Post(path.c_str(), Bearer(token), body.dump(), "application/json");
  REQUIRE(response);
  INFO(path << ": " << response->body);
  REQUIRE(response->status / 100 == 2);
  return response;
}

json Referral(const std::string& title, const std::string& date) {
  return {{"workflow", "scr-2015"}, {"title", title},     {"incident_date", date},        {"referral_date", date},
          {"rationale", "Harm."},   {"child_died", false}, {"statutory_criteria_met", true}};
}

}  // namespace

TEST_CASE("exports: the reviews as CSV and as a workbook, with the values the API shows and its filters",
          "[integration][export]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string viewer = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer"});
  std::string police = RunAdmin(db, {"create-user", "--board", board, "--role", "agency", "--name", "Police liaison",
                                     "--email", "police@example.org", "--agency", "Police"});
  std::string agency = RunAdmin(db, {"create-token", "--board", board, "--role", "agency", "--user", police});
  std::string other_board = RunAdmin(db, {"create-board", "--name", "Other"});
  std::string other = RunAdmin(db, {"create-token", "--board", other_board, "--role", "business_unit"});
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  std::string today = GetJson(client, "/api/v1/work", unit)["today"];
  Post(client, unit, "/api/v1/reviews", Referral("Child A, \"the older\"", today));
  Post(client, unit, "/api/v1/reviews", Referral("=HYPERLINK(\"http://example.org\")", today));
  Post(client, unit, "/api/v1/reviews", Referral("Child C", today));
  for (const char* key : {"referral_rationale_recorded", "chair_decision"}) {
    Post(client, unit, std::string("/api/v1/reviews/3/checkpoints/") + key + "/complete", json::object());
  }
  Post(client, unit, "/api/v1/reviews/3/events", {{"event", "decide_to_review"}, {"reason", "Criteria met."}});
  Post(client, unit, "/api/v1/reviews/3/parallel-processes", {{"kind", "inquest"}, {"holds_publication", true}});
  auto referenced = client.Patch("/api/v1/reviews/3", Bearer(unit), R"({"references": {"steis": "2026/88", "panel": "P-7"}})",
                                 "application/json");
  REQUIRE(referenced);
  REQUIRE(referenced->status == 200);

  auto csv = client.Get("/api/v1/reports/reviews.csv", Bearer(viewer));
  REQUIRE(csv);
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(csv->get_header_value("Content-Disposition") == "attachment; filename=\"reviews-" + today + ".csv\"");
  CHECK(csv->body.find("\r\n") != std::string::npos);
  json rows = ReadCsv(dir, csv->body);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == json(kColumns));
  json listed = GetJson(client, "/api/v1/reviews", unit)["items"];
  for (size_t i = 1; i < rows.size(); ++i) {
    const json& row = rows[i];
    json review;
    for (const json& item : listed) {
      if (std::to_string(item["id"].get<int>()) == row[0]) review = item;
    }
    REQUIRE(review.is_object());
    std::string title = review["title"];
    CHECK(row[1] == (title[0] == '=' ? "'" + title : title));  // a formula comes out as text
    CHECK(row[4] == review["referral_date"]);
    CHECK(row[6] == "0");
    CHECK(row[7] == (review["next_due"].is_null() ? "" : review["next_due"].get<std::string>()));
    CHECK(row[8] == std::to_string(review["overdue_checkpoints"].get<int>()));
    CHECK(row[9] == std::to_string(review["active_parallel_processes"].get<int>()));
    CHECK(row[10] == std::to_string(review["publication_holds"].get<int>()));
    CHECK(row[11] == "no");
    // The overall timescale as the review shows it (not counting before the decision), and its missed steps.
    const json& timescale = review["timescale"];
    CHECK(row[13] == (timescale["due"].is_null() ? "" : timescale["due"].get<std::string>()));
    std::string status = timescale["status"];
    std::replace(status.begin(), status.end(), '_', ' ');
    CHECK(row[14] == (timescale["due"].is_null() ? "not counting yet" : status));
    CHECK(row[15] == std::to_string(review["missed"].size()));
    CHECK(row[5] == (review["id"] == 3 ? today : ""));
    CHECK(row[16] == (review["id"] == 3 ? "panel: P-7; steis: 2026/88" : ""));  // in the order the keys are listed
  }

  auto xlsx = client.Get("/api/v1/reports/reviews.xlsx", Bearer(unit));
  REQUIRE(xlsx);
  REQUIRE(xlsx->status == 200);
  CHECK(xlsx->get_header_value("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(xlsx->get_header_value("Content-Disposition") == "attachment; filename=\"reviews-" + today + ".xlsx\"");
  json workbook = ReadWorkbook(dir, xlsx->body);
  CHECK(workbook["title"] == "Reviews");
  CHECK(workbook["freeze"] == "A2");
  CHECK(workbook["width_b"].get<double>() > 30);
  json sheet = workbook["rows"];
  REQUIRE(sheet.size() == 4);
  CHECK(sheet[0] == json(kColumns));
  for (size_t i = 1; i < sheet.size(); ++i) {
    CHECK(std::to_string(sheet[i][0].get<int>()) == rows[i][0]);  // the same reviews in the same order
    CHECK(sheet[i][4] == json{{"date", rows[i][4]}});
    CHECK(sheet[i][8].get<int>() == std::stoi(rows[i][8].get<std::string>()));
    if (rows[i][0] == "2") CHECK(sheet[i][1] == "=HYPERLINK(\"http://example.org\")");  // text, never a formula
    if (rows[i][0] == "3") CHECK(sheet[i][5] == json{{"date", today}});
    if (rows[i][0] == "3") CHECK(sheet[i][16] == "panel: P-7; steis: 2026/88");
  }

  // The dashboard's filters: state, overdue, q, closed.
  CHECK(ReadCsv(dir, client.Get("/api/v1/reports/reviews.csv?state=setting_up", Bearer(unit))->body).size() == 2);
  json found = ReadCsv(dir, client.Get("/api/v1/reports/reviews.csv?q=OLDER", Bearer(unit))->body);
  REQUIRE(found.size() == 2);
  CHECK(found[1][0] == "1");
  CHECK(ReadCsv(dir, client.Get("/api/v1/reports/reviews.csv?q=2", Bearer(unit))->body).size() == 2);
  CHECK(ReadCsv(dir, client.Get("/api/v1/reports/reviews.csv?overdue=true", Bearer(unit))->body).size() == 1);
  CHECK(client.Get("/api/v1/reports/reviews.csv?closed=maybe", Bearer(unit))->status == 400);
  CHECK(client.Get("/api/v1/reports/reviews.xlsx?state=finished", Bearer(unit))->status == 400);
  CHECK(client.Get("/api/v1/reports/reviews.csv", Bearer(agency))->status == 403);
  CHECK(client.Get("/api/v1/reports/reviews.xlsx")->status == 401);
  // Another board's export and work list hold nothing of this board's.
  CHECK(ReadCsv(dir, client.Get("/api/v1/reports/reviews.csv?closed=true", Bearer(other))->body).size() == 1);
  CHECK(ReadWorkbook(dir, client.Get("/api/v1/reports/reviews.xlsx", Bearer(other))->body)["rows"].size() == 1);
  CHECK(GetJson(client, "/api/v1/work?within=260", other)["items"].empty());
}
