// Retention must erase: after `admin retention`, none of an erased review's free texts is left in any table
// of the database, nor anywhere in the bytes of its files (unused pages, the write-ahead log), while the
// history still verifies. Copies of the database are as private as the database.
#include <httplib.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::CommandOutput;
using scr::test::RunAdmin;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

// Each free text of the review, distinct enough that a match anywhere is a copy of it.
const std::vector<std::string> kTexts = {
    "Rationale-qx71 concerns raised by the nursery", "Owner-qx72 DS Hollis",
    "ProcessNotes-qx73 trial listed",                "Request-qx74 chronology of GP contacts",
    "Declined-qx75 records destroyed",               "DocTitle-qx76 strategy minutes",
    "HeldBy-qx77 named social worker",               "DocNotes-qx78 redact before sharing",
    "ActionTitle-qx79 audit of referrals",           "Finding-qx80 missed referral",
    "ActionUpdate-qx81 audit half done",             "DelayReason-qx82 awaiting police disclosure",
    "CheckpointNote-qx83 decision minuted",          "Decision-qx84 criteria not met after all",
    "Family-qx85 Janet Quarry",                      "FamilyUpdate-qx86 Janet Quarry-Lowe",
    "Relation-qx87 step-aunt",                       "FamilyReason-qx88 moved abroad",
    "Support-qx89 needs an interpreter",             "RequestDelay-qx90 agency restructure",
    "Identifier-qx91 9 Quarry Row",                  "IdentifierNote-qx92 the first home"};

struct Api {
  httplib::Client& client;
  std::string token;

  json Send(const std::string& method, const std::string& path, const json& body, int expected) {
    httplib::Headers headers{{"Authorization", "Bearer " + token}};
    auto answer = method == "PATCH" ? client.Patch(path.c_str(), headers, body.dump(), "application/json")
                                    : client.Post(path.c_str(), headers, body.dump(), "application/json");
    REQUIRE(answer);
    INFO(method << " " << path << ": " << answer->body);
    REQUIRE(answer->status == expected);
    return json::parse(answer->body);
  }
  json Get(const std::string& path) {
    auto answer = client.Get(path.c_str(), {{"Authorization", "Bearer " + token}});
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    return json::parse(answer->body);
  }
};

std::string WorkingDayAfter(const std::string& date, int days) {
  CommandOutput added = RunTracker({"calendar", "--nation", "england", "--workflows", scr::test::WorkflowsDir(), "add",
                                    date, std::to_string(days)});
  REQUIRE(added.exit_code == 0);
  return added.out.substr(0, 10);
}

std::string FileBytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

// Every text column of every table that holds `text`, as "table.column".
std::vector<std::string> TablesHolding(const std::string& database, const std::string& text) {
  SQLite::Database db(database, SQLite::OPEN_READONLY);
  std::vector<std::string> found;
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
  while (tables.executeStep()) {
    std::string table = tables.getColumn(0).getString();
    SQLite::Statement columns(db, "SELECT name FROM pragma_table_info(?)");
    columns.bind(1, table);
    while (columns.executeStep()) {
      std::string column = columns.getColumn(0).getString();
      SQLite::Statement holds(db, "SELECT COUNT(*) FROM \"" + table + "\" WHERE instr(CAST(\"" + column +
                                      "\" AS TEXT), ?) > 0");
      holds.bind(1, text);
      if (holds.executeStep() && holds.getColumn(0).getInt64() > 0) found.push_back(table + "." + column);
    }
  }
  return found;
}

}  // namespace

TEST_CASE("security: after admin retention none of the review's free texts is left in any table or in the "
          "bytes of the database files, and verify passes",
          "[security][retention]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin_token = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  RunAdmin(db, {"create-user", "--board", board, "--role", "chair", "--name", "Pat Chair", "--email", "pat@example.org"});
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  Api api{client, token}, admin{client, admin_token};
  std::string today = admin.Get("/api/v1/admin/clock")["now"].get<std::string>().substr(0, 10);
  std::string later = WorkingDayAfter(today, 15);

  long long id = api.Send("POST", "/api/v1/reviews",
                          {{"workflow", "scr-2015"}, {"title", "Child Q (retention)"}, {"incident_date", "2026-01-05"},
                           {"referral_date", "2026-01-12"}, {"rationale", kTexts[0]},
                           {"statutory_criteria_met", false}, {"child_died", false}},
                          201)["id"];
  std::string review = "/api/v1/reviews/" + std::to_string(id);
  long long member = api.Send("POST", review + "/family-members",
                              {{"name", kTexts[14]}, {"relationship", "mother"}, {"involvement", "involved"}}, 201)["id"];
  api.Send("PATCH", review + "/family-members/" + std::to_string(member),
           {{"name", kTexts[15]}, {"relationship", kTexts[16]}, {"involvement", "declined"}, {"reason", kTexts[17]},
            {"support_needs", kTexts[18]}, {"date_of_birth", "1987-06-19"}},
           200);
  api.Send("POST", review + "/identifiers", {{"kind", "address"}, {"value", kTexts[20]}, {"note", kTexts[21]}}, 201);
  api.Send("POST", review + "/parallel-processes",
           {{"kind", "criminal_investigation"}, {"owner", kTexts[1]}, {"notes", kTexts[2]}}, 201);
  long long request = api.Send("POST", review + "/information-requests",
                               {{"agency", "Health"}, {"request", kTexts[3]}, {"due", later}}, 201)["id"];
  api.Send("PATCH", review + "/information-requests/" + std::to_string(request),
           {{"due", WorkingDayAfter(later, 5)}, {"reason", kTexts[19]}}, 200);
  api.Send("PATCH", review + "/information-requests/" + std::to_string(request),
           {{"status", "declined"}, {"reason", kTexts[4]}}, 200);
  api.Send("POST", review + "/documents",
           {{"title", kTexts[5]}, {"kind", "minutes"}, {"owner_body", "Police"}, {"held_by", kTexts[6]},
            {"date", "2026-01-10"}, {"notes", kTexts[7]}},
           201);
  long long action = api.Send("POST", review + "/actions",
                              {{"title", kTexts[8]}, {"finding", kTexts[9]}, {"owner_agency", "Health"},
                               {"priority", "high"}, {"due", later}},
                              201)["id"];
  api.Send("PATCH", review + "/actions/" + std::to_string(action), {{"note", kTexts[10]}}, 200);
  std::string open_checkpoint;
  json shown = api.Get(review);
  for (const json& checkpoint : shown["checkpoints"]) {
    std::string status = checkpoint.value("status", "");
    if (status != "done" && status != "waived" && checkpoint["due"].is_string()) {
      open_checkpoint = checkpoint["key"];
      break;
    }
  }
  REQUIRE(!open_checkpoint.empty());
  // The simulated clock stands still between commands: move it on, so that the extension is recorded after
  // the instant the board's digests count from.
  admin.Send("POST", "/api/v1/admin/clock/advance", {{"days", 1}}, 200);
  api.Send("POST", review + "/checkpoints/" + open_checkpoint + "/extend", {{"due", later}, {"reason", kTexts[11]}},
           200);
  // The chair's next daily digests tell of the extension, with its reason: in the digest and in the inbox.
  admin.Send("POST", "/api/v1/admin/clock/advance", {{"days", 4}}, 200);
  for (int i = 0; i < 100 && scr::test::CountRows(db, "SELECT COUNT(*) FROM messages WHERE instr(body, '" +
                                                          kTexts[11] + "') > 0") == 0;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(scr::test::CountRows(db, "SELECT COUNT(*) FROM messages WHERE instr(body, '" + kTexts[11] + "') > 0") > 0);

  auto refused = client.Post((review + "/events").c_str(), {{"Authorization", "Bearer " + token}},
                             json{{"event", "decide_not_to_review"}, {"reason", kTexts[13]}}.dump(), "application/json");
  REQUIRE(refused);
  for (const json& blocker : json::parse(refused->body).value("blocking", json::array())) {
    api.Send("POST", review + "/checkpoints/" + blocker.get<std::string>() + "/complete", {{"note", kTexts[12]}}, 200);
  }
  api.Send("POST", review + "/events", {{"event", "decide_not_to_review"}, {"reason", kTexts[13]}}, 200);
  for (const std::string& text : {kTexts[0], kTexts[3], kTexts[13], kTexts[15], kTexts[16], kTexts[19], kTexts[20], kTexts[21]}) {
    REQUIRE(!TablesHolding(db, text).empty());  // before the erasure, the texts are there
  }

  RunAdmin(db, {"set-retention", "--board", board, "--months", "1"});
  admin.Send("POST", "/api/v1/admin/clock/advance", {{"days", 40}}, 200);
  CommandOutput erased = RunTracker({"admin", "retention", "--db", db});  // beside the running service
  INFO(erased.out << erased.err);
  REQUIRE(erased.exit_code == 0);
  REQUIRE(erased.out.find("1 review(s) anonymised") != std::string::npos);

  std::string files = FileBytes(db) + FileBytes(db + "-wal");
  for (const std::string& text : kTexts) {
    INFO(text);
    CHECK(TablesHolding(db, text) == std::vector<std::string>{});
    CHECK(files.find(text) == std::string::npos);
  }
  CHECK(files.find("1987-06-19") == std::string::npos);  // the updated date of birth went with the member
  CommandOutput verified = RunTracker({"admin", "verify", "--db", db});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  service.Stop();
  CHECK(RunTracker({"admin", "verify", "--db", db}).exit_code == 0);
}

TEST_CASE("security: an erased review's history text blanked by hand, outside a retention erasure, fails verify",
          "[security][retention]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  {
    TrackerService service(db);
    scr::test::ApiClient client("127.0.0.1", service.port());
    Api{client, token}.Send("POST", "/api/v1/reviews",
                            {{"workflow", "scr-2015"}, {"title", "Child P"}, {"incident_date", "2026-01-05"},
                             {"referral_date", "2026-01-12"}, {"rationale", kTexts[0]},
                             {"statutory_criteria_met", false}, {"child_died", false}},
                            201);
  }
  {
    SQLite::Database database(db, SQLite::OPEN_READWRITE);
    database.exec("DROP TRIGGER review_events_no_update; "
                  "UPDATE review_events SET reason = '', text_salt = '' WHERE seq = 1");
  }
  CommandOutput verified = RunTracker({"admin", "verify", "--db", db});
  CHECK(verified.exit_code != 0);
  CHECK(verified.err.find("no retention erasure of the review did it") != std::string::npos);
}

TEST_CASE("security: a backup is written with mode 0600, and --keep removes the older backups of its name",
          "[security][backup]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  RunAdmin(db, {"create-board", "--name", "Board"});
  const auto owner_only = std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;
  for (const char* day : {"scr-2026-11-20.db", "scr-2026-11-21.db", "scr-2026-11-22.db"}) {
    CommandOutput backup = RunTracker({"admin", "backup", "--db", db, "--to", dir.File(day), "--keep", "2"});
    INFO(backup.err);
    REQUIRE(backup.exit_code == 0);
    CHECK((std::filesystem::status(dir.File(day)).permissions() & std::filesystem::perms::all) == owner_only);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  scr::test::WriteFile(dir.File("scr-notes.txt"), "not a backup");
  CHECK_FALSE(std::filesystem::exists(dir.File("scr-2026-11-20.db")));
  CHECK(std::filesystem::exists(dir.File("scr-2026-11-21.db")));
  CHECK(std::filesystem::exists(dir.File("scr-2026-11-22.db")));
  CHECK(std::filesystem::exists(db));  // the database itself is not named like the backups
}
