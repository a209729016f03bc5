// Upgrading a database keeps what it holds: a database left at an older schema version is migrated
// forward when opened, rows intact.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/history_keying.h"
#include "store/sqlite/schema.h"
#include "support/test_support.h"

using namespace scr;

TEST_CASE("schema: a version 2 database keeps its alerts and outbox at version 3, with the same idempotency keys",
          "[engine][store][migration]") {
  test::TempDir dir;
  std::string path = dir.File("v2.db");
  {
    SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec(Migrations()[0]);
    old.exec(Migrations()[1]);
    old.exec("PRAGMA user_version = 2");
    old.exec("INSERT INTO boards (id, name, nation, created_at) VALUES (1, 'Board', 'england', '2026-01-01T00:00:00Z')");
    old.exec("INSERT INTO reviews (id, board_id, workflow, title, incident_date, referral_date, rationale, "
             "statutory_criteria_met, child_died, family_lived_elsewhere, phase, lifecycle_state, created_at) "
             "VALUES (7, 1, 'scr-2015', 'Child A', '2026-01-01', '2026-01-02', 'r', 1, 0, 0, 'decision_pending', "
             "'decision_pending', '2026-01-02T09:00:00Z')");
    old.exec("INSERT INTO alerts (id, board_id, review_id, checkpoint, kind, level, step, recipient_role, due, "
             "scheduled_for, fired_at, idempotency_key, status, acknowledged_by) VALUES (3, 1, 7, 'chair_decision', "
             "'overdue', 0, 2, 'chair', '2026-02-02', '2026-02-02T23:59:59Z', '2026-02-02T23:59:59Z', "
             "'review/7/checkpoint/chair_decision/due/2026-02-02/overdue/2', 'acknowledged', 'Pat (chair)')");
    old.exec("INSERT INTO outbox (id, alert_id, board_id, recipient_role, created_at, state) "
             "VALUES (5, 3, 1, 'chair', '2026-02-02T23:59:59Z', 'delivered')");
  }
  Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Mode::kReadWrite);
  REQUIRE(opened.ok());
  SQLite::Database& database = (*opened)->connection();
  CHECK(database.execAndGet("PRAGMA user_version").getInt() == static_cast<int>(Migrations().size()));
  SQLite::Statement alert(database, "SELECT idempotency_key, status, acknowledged_by, held, digest_id FROM alerts "
                                    "WHERE id = 3");
  REQUIRE(alert.executeStep());
  CHECK(alert.getColumn(0).getString() == "review/7/checkpoint/chair_decision/due/2026-02-02/overdue/2");
  CHECK(alert.getColumn(1).getString() == "acknowledged");
  CHECK(alert.getColumn(2).getString() == "Pat (chair)");
  CHECK(alert.getColumn(3).getInt() == 0);
  CHECK(alert.getColumn(4).isNull());
  SQLite::Statement outbox(database, "SELECT alert_id, digest_id, state FROM outbox WHERE id = 5");
  REQUIRE(outbox.executeStep());
  CHECK(outbox.getColumn(0).getInt64() == 3);
  CHECK(outbox.getColumn(1).isNull());
  CHECK(outbox.getColumn(2).getString() == "delivered");
  SQLite::Statement violations(database, "PRAGMA foreign_key_check");
  CHECK_FALSE(violations.executeStep());
  // The same alert cannot be stored twice: what the key was unique for, the new index keeps unique.
  CHECK_THROWS(database.exec("INSERT INTO alerts (board_id, review_id, checkpoint, kind, level, step, recipient_role, "
                             "due, scheduled_for, fired_at) VALUES (1, 7, 'chair_decision', 'overdue', 0, 2, 'chair', "
                             "'2026-02-02', 'x', 'x')"));
}

namespace {

// A database as the first release left it: schema version 1 with a board, a user and a review whose
// history is its referral, hash-chained as version 1 chained it.
void MakeVersionOneDatabase(const std::string& path) {
  SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  old.exec(Migrations()[0]);
  old.exec("PRAGMA user_version = 1");
  old.exec("INSERT INTO boards (id, name, nation, created_at) VALUES (1, 'Northshire', 'england', "
           "'2026-01-01T00:00:00Z')");
  old.exec("INSERT INTO users (id, board_id, role, name, email, created_at) VALUES (1, 1, 'chair', 'Pat Chair', "
           "'pat@example.org', '2026-01-01T00:00:00Z')");
  old.exec("INSERT INTO reviews (id, board_id, workflow, title, incident_date, referral_date, rationale, "
           "statutory_criteria_met, child_died, family_lived_elsewhere, late_referral_reason, phase, lifecycle_state, "
           "created_at) VALUES (4, 1, 'scr-2015', 'Child D', '2026-01-01', '2026-01-02', 'Serious harm.', 1, 0, 0, "
           "'', 'decision_pending', 'decision_pending', '2026-01-02T09:00:00Z')");
  NewEvent referral{4, 1, "2026-01-02T09:00:00Z", "Pat Chair (chair)", "referred", "Serious harm.", "{}"};
  SQLite::Statement insert(old, "INSERT INTO review_events (review_id, seq, at, actor, event, reason, data, hash) "
                                "VALUES (4, 1, ?, ?, 'referred', ?, '{}', ?)");
  insert.bind(1, referral.at);
  insert.bind(2, referral.actor);
  insert.bind(3, referral.reason);
  insert.bind(4, ToHex(UnkeyedEventHash(referral, EventHash{})));
  insert.exec();
  old.exec("UPDATE ledger SET event_total = 1");
}

}  // namespace

TEST_CASE(
    "schema: a database of the first version is upgraded to the latest, its data intact, after a copy of it "
    "is kept beside it",
    "[engine][store][migration][upgrade]") {
  test::TempDir dir;
  std::string path = dir.File("v1.db");
  MakeVersionOneDatabase(path);
  const int latest = static_cast<int>(Migrations().size());

  Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Mode::kReadWrite);
  REQUIRE(opened.ok());
  {
    SQLite::Database& database = (*opened)->connection();
    CHECK(database.execAndGet("PRAGMA user_version").getInt() == latest);
    SQLite::Statement board(database, "SELECT name, nation, retention_months FROM boards WHERE id = 1");
    REQUIRE(board.executeStep());
    CHECK(board.getColumn(0).getString() == "Northshire");
    CHECK(board.getColumn(1).getString() == "england");
    CHECK(board.getColumn(2).getInt() == 72);
    CHECK(database.execAndGet("SELECT email FROM users WHERE id = 1").getString() == "pat@example.org");
    SQLite::Statement review(database,
                             "SELECT title, rationale, phase, anonymised_at FROM reviews WHERE id = 4");
    REQUIRE(review.executeStep());
    CHECK(review.getColumn(0).getString() == "Child D");
    CHECK(review.getColumn(1).getString() == "Serious harm.");
    CHECK(review.getColumn(2).getString() == "decision_pending");
    CHECK(review.getColumn(3).isNull());
    Result<HistoryKey> key = LoadHistoryKey(dir.File("history-key"));
    REQUIRE(key.ok());
    REQUIRE(AttachHistoryKey(**opened, *key, Keying::kWhenSafe).ok());  // its unkeyed chain checked, then keyed
    Result<std::string> broken = VerifyHistory(**opened);
    REQUIRE(broken.ok());
    CHECK(*broken == "");
    SQLite::Statement violations(database, "PRAGMA foreign_key_check");
    CHECK_FALSE(violations.executeStep());
  }

  std::string kept = path + ".pre-v" + std::to_string(latest) + ".bak";
  REQUIRE(std::filesystem::exists(kept));
  CHECK((std::filesystem::status(kept).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));  // as private as the data
  SQLite::Database before(kept, SQLite::OPEN_READONLY);
  CHECK(before.execAndGet("PRAGMA user_version").getInt() == 1);
  CHECK(before.execAndGet("SELECT title FROM reviews WHERE id = 4").getString() == "Child D");

  opened->reset();  // opened again at the latest version: nothing to upgrade, no second copy
  REQUIRE(Database::Open(path, Database::Mode::kReadWrite).ok());
  size_t copies = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    copies += entry.path().extension() == ".bak";
  }
  CHECK(copies == 1);
}

TEST_CASE(
    "schema: a database newer than the program is refused, naming what to run and the copy to go back to",
    "[engine][store][migration][upgrade]") {
  test::TempDir dir;
  std::string path = dir.File("future.db");
  const int newer = static_cast<int>(Migrations().size()) + 1;
  {
    SQLite::Database future(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    future.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Mode::kReadWrite);
  REQUIRE_FALSE(opened.ok());
  CHECK_THAT(opened.status().message(), Catch::Contains("newer than this program knows"));
  CHECK_THAT(opened.status().message(), Catch::Contains("run the scr-tracker release that upgraded it"));
  CHECK_THAT(opened.status().message(), Catch::Contains(path + ".pre-v" + std::to_string(newer) + ".bak"));
}

TEST_CASE(
    "schema: a database from before lateness and timescale alerts keeps its alerts and checkpoints, on time, "
    "and takes the new alerts",
    "[engine][store][migration][upgrade]") {
  test::TempDir dir;
  std::string path = dir.File("before-timescales.db");
  const int latest = static_cast<int>(Migrations().size());
  {
    MakeVersionOneDatabase(path);  // its review 4, then every migration but the last, as the release before ran them
    SQLite::Database old(path, SQLite::OPEN_READWRITE);
    for (int i = 1; i < latest - 1; ++i) old.exec(Migrations()[static_cast<size_t>(i)]);
    old.exec("PRAGMA user_version = " + std::to_string(latest - 1));
    old.exec("INSERT INTO checkpoints (review_id, key, state, closed_on) VALUES (4, 'chair_decision', 'done', "
             "'2026-03-20')");
    old.exec("INSERT INTO alerts (board_id, review_id, checkpoint, kind, level, step, recipient_role, due, "
             "scheduled_for, fired_at) VALUES (1, 4, 'chair_decision', 'overdue', 0, 2, 'chair', '2026-03-13', "
             "'2026-03-13T23:59:59Z', '2026-03-14T00:00:00Z')");
  }
  Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Mode::kReadWrite);
  INFO(opened.status().message());
  REQUIRE(opened.ok());
  SQLite::Database& database = (*opened)->connection();
  CHECK(database.execAndGet("PRAGMA user_version").getInt() == latest);
  CHECK(database.execAndGet("SELECT late_by_working_days FROM checkpoints WHERE key = 'chair_decision'").getInt() == 0);
  CHECK(database.execAndGet("SELECT idempotency_key FROM alerts").getString() ==
        "review/4/checkpoint/chair_decision/due/2026-03-13/overdue/2");
  database.exec("INSERT INTO alerts (board_id, review_id, checkpoint, kind, level, step, recipient_role, due, "
                "scheduled_for, fired_at) VALUES (1, 4, 'timescale', 'timescale_missed', 0, 0, 'chair', '2026-09-14', "
                "'2026-09-14T22:59:59Z', '2026-09-14T23:00:00Z')");
  CHECK(database.execAndGet("SELECT COUNT(*) FROM alerts WHERE checkpoint = 'timescale'").getInt() == 1);
  CHECK_THROWS(database.exec("INSERT INTO alerts (board_id, review_id, checkpoint, kind, level, step, recipient_role, "
                             "due, scheduled_for, fired_at) VALUES (1, 4, 'timescale', 'timescale_wobbly', 0, 0, "
                             "'chair', '2026-09-14', 'x', 'y')"));
}

TEST_CASE("schema: a database from before pauses and holds keeps its publication holds and decisions",
          "[engine][store][migration][upgrade]") {
  test::TempDir dir;
  std::string path = dir.File("before-pauses.db");
  const int latest = static_cast<int>(Migrations().size());
  {
    MakeVersionOneDatabase(path);  // its review 4, then every migration but the last
    SQLite::Database old(path, SQLite::OPEN_READWRITE);
    for (int i = 1; i < latest - 1; ++i) old.exec(Migrations()[static_cast<size_t>(i)]);
    old.exec("PRAGMA user_version = " + std::to_string(latest - 1));
    old.exec("INSERT INTO parallel_processes (review_id, kind, status, holds_publication, owner, notes, created_at, "
             "updated_at) VALUES (4, 'prosecution', 'active', 1, 'CPS', '', 'x', 'x'), "
             "(4, 'inquest', 'active', 0, 'Coroner', '', 'x', 'x')");
    old.exec("UPDATE reviews SET phase = 'not_proceeding', lifecycle_state = 'not_proceeding' WHERE id = 4");
  }
  Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Mode::kReadWrite);
  INFO(opened.status().message());
  REQUIRE(opened.ok());
  SQLite::Database& database = (*opened)->connection();
  CHECK(database.execAndGet("PRAGMA user_version").getInt() == latest);
  CHECK(database.execAndGet("SELECT holds FROM parallel_processes WHERE kind = 'prosecution'").getString() == "publication");
  CHECK(database.execAndGet("SELECT holds FROM parallel_processes WHERE kind = 'inquest'").getString() == "");
  CHECK(database.execAndGet("SELECT decision_outcome FROM reviews WHERE id = 4").getString() == "no_review");
  CHECK(database.execAndGet("SELECT paused_since IS NULL AND working_days_paused = 0 FROM reviews WHERE id = 4").getInt() == 1);
  CHECK_THROWS(database.exec("UPDATE parallel_processes SET holds = 'everything'"));
}
