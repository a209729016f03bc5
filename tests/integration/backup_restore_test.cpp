// Back up while the service runs and writes; restore, after checking what is restored.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

const char* kReferral = R"json({"workflow": "scr-2015", "title": "Child B (backup)", "incident_date": "2026-11-02",
  "referral_date": "2026-11-09", "rationale": "Serious injury.", "statutory_criteria_met": true,
  "child_died": false})json";

std::set<long long> ReviewIds(const std::string& database,
                              const char* sql = "SELECT id FROM reviews") {
  SQLite::Database db(database, SQLite::OPEN_READONLY);
  SQLite::Statement select(db, sql);
  std::set<long long> ids;
  while (select.executeStep()) ids.insert(select.getColumn(0).getInt64());
  return ids;
}

}  // namespace

TEST_CASE("backup: a copy taken while referrals keep arriving holds every one acknowledged before it began",
          "[integration][backup]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  TrackerService service(db);

  std::atomic<bool> stop{false};
  std::mutex acknowledged_mutex;
  std::vector<long long> acknowledged;
  std::thread writer([&] {
    scr::test::ApiClient client("127.0.0.1", service.port());
    while (!stop) {
      auto created = client.Post("/api/v1/reviews", {{"Authorization", "Bearer " + token}}, kReferral, "application/json");
      if (created && created->status == 201) {
        std::lock_guard<std::mutex> lock(acknowledged_mutex);
        acknowledged.push_back(json::parse(created->body)["id"].get<long long>());
      }
    }
  });
  for (;; std::this_thread::yield()) {  // let some referrals be acknowledged first
    std::lock_guard<std::mutex> lock(acknowledged_mutex);
    if (acknowledged.size() >= 50) break;
  }
  std::vector<long long> before_backup;
  {
    std::lock_guard<std::mutex> lock(acknowledged_mutex);
    before_backup = acknowledged;
  }
  scr::test::CommandOutput backup = RunTracker({"admin", "backup", "--db", db, "--to", dir.File("backup.db")});
  stop = true;
  writer.join();
  INFO(backup.err);
  REQUIRE(backup.exit_code == 0);
  CHECK(backup.err.find("backup: 100%") != std::string::npos);

  std::string restored = dir.File("restored.db");
  // A backup goes with its history key: restoring into a new place needs the key there too.
  scr::test::CommandOutput keyless = RunTracker({"admin", "restore", "--from", dir.File("backup.db"), "--db", restored});
  CHECK(keyless.exit_code != 0);
  CHECK(keyless.err.find("no history key at " + restored + ".history-key") != std::string::npos);
  std::filesystem::copy_file(db + ".history-key", restored + ".history-key");
  scr::test::CommandOutput restore = RunTracker({"admin", "restore", "--from", dir.File("backup.db"), "--db", restored});
  INFO(restore.err);
  REQUIRE(restore.exit_code == 0);
  std::set<long long> ids = ReviewIds(restored);
  std::set<long long> referred = ReviewIds(restored, "SELECT review_id FROM review_events WHERE event = 'referred'");
  for (long long id : before_backup) {
    CHECK(ids.count(id) == 1);
    CHECK(referred.count(id) == 1);  // the acknowledged event itself, in the restored history
  }
  CHECK(RunTracker({"admin", "verify", "--db", restored}).exit_code == 0);
}

TEST_CASE("restore: refuses to overwrite a database without --force, and refuses a tampered backup",
          "[integration][backup]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  {
    TrackerService service(db);
    scr::test::ApiClient client("127.0.0.1", service.port());
    REQUIRE(client.Post("/api/v1/reviews", {{"Authorization", "Bearer " + token}}, kReferral, "application/json")->status ==
            201);
  }
  REQUIRE(RunTracker({"admin", "backup", "--db", db, "--to", dir.File("backup.db")}).exit_code == 0);
  CHECK(RunTracker({"admin", "backup", "--db", db, "--to", dir.File("backup.db")}).exit_code != 0);  // exists

  scr::test::CommandOutput refused = RunTracker({"admin", "restore", "--from", dir.File("backup.db"), "--db", db});
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(RunTracker({"admin", "restore", "--from", dir.File("backup.db"), "--db", db, "--force"}).exit_code == 0);

  {
    SQLite::Database backup(dir.File("backup.db"), SQLite::OPEN_READWRITE);
    backup.exec("DROP TRIGGER review_events_no_update; UPDATE review_events SET reason = 'changed' WHERE seq = 1");
  }
  std::filesystem::copy_file(db + ".history-key", dir.File("new.db.history-key"));
  scr::test::CommandOutput tampered =
      RunTracker({"admin", "restore", "--from", dir.File("backup.db"), "--db", dir.File("new.db")});
  CHECK(tampered.exit_code != 0);
  CHECK(tampered.err.find("broken history") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.File("new.db")));
}

TEST_CASE("restore: a backup whose history is not keyed with the database's key is refused, even with --force",
          "[integration][backup]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  RunAdmin(db, {"create-board", "--name", "Board"});
  REQUIRE(RunTracker({"admin", "verify", "--db", db}).exit_code == 0);  // the database's history is keyed
  REQUIRE(RunTracker({"admin", "backup", "--db", db, "--to", dir.File("backup.db")}).exit_code == 0);
  {
    SQLite::Database backup(dir.File("backup.db"), SQLite::OPEN_READWRITE);
    backup.exec("DELETE FROM history_keying");  // as a backup taken before the history was keyed
  }
  scr::test::CommandOutput refused =
      RunTracker({"admin", "restore", "--from", dir.File("backup.db"), "--db", db, "--force"});
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("history is not keyed") != std::string::npos);
  CHECK(refused.err.find("admin key-history") != std::string::npos);
}
