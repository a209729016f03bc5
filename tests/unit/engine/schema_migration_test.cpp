// Upgrading a database keeps what it holds: a database left at an older schema version is migrated
// forward when opened, rows intact.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/database.h"
#include "store/schema.h"
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
