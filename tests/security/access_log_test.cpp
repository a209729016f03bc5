// A read of a review is served only if it is recorded: while the access log cannot be written, reads are
// refused, and every read that was answered is in the log once it can be written again.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::CountRows;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::WaitFor;

namespace {

void Execute(const std::string& database, const std::string& sql) {
  SQLite::Database connection(database, SQLite::OPEN_READWRITE);
  connection.setBusyTimeout(5000);
  connection.exec(sql);
}

}  // namespace

TEST_CASE("security: while the access log cannot be written, reads of a review are refused, and none answered is "
          "lost",
          "[security][access_log]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  json referral = {{"workflow", "scr-2015"},       {"title", "Child L (log)"},  {"incident_date", "2026-10-01"},
                   {"referral_date", "2026-10-05"}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", auth, referral.dump(), "application/json")->status == 201);
  long long answered = 0;
  REQUIRE(client.Get("/api/v1/reviews/1", auth)->status == 200);
  ++answered;

  // The log's table refuses every row, as a full disk or a damaged file would.
  Execute(db, "CREATE TRIGGER refuse_reads BEFORE INSERT ON review_reads BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  std::string refusal;
  CHECK(WaitFor(
      [&] {
        auto read = client.Get("/api/v1/reviews/1/events", auth);
        if (read && read->status == 200) ++answered;
        if (read && read->status == 503) refusal = read->body;
        return read && read->status == 503;
      },
      std::chrono::seconds(20)));
  CHECK(refusal.find("access log") != std::string::npos);
  CHECK(json::parse(refusal).value("events", json()).is_null());  // a problem, not the history

  Execute(db, "DROP TRIGGER refuse_reads");
  CHECK(WaitFor(
      [&] {
        auto read = client.Get("/api/v1/reviews/1", auth);
        if (read && read->status == 200) ++answered;
        return read && read->status == 200;
      },
      std::chrono::seconds(20)));
  INFO(answered << " reads answered");
  CHECK(WaitFor([&] { return CountRows(db, "SELECT COUNT(*) FROM review_reads") == answered; },
                std::chrono::seconds(10)));
  CHECK(CountRows(db, "SELECT COUNT(*) FROM review_reads") == answered);
}
