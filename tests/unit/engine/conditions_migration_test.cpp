// A database from before workflows declared their conditions and references: its reviews keep their
// answers (child_died, ...) as conditions, with the checkpoints those answers bring, and the information
// requests already made are told apart by whether they came before the decision (QM2) or after (QM10).
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "engine/calendar.h"
#include "engine/clock.h"
#include "engine/review_queries.h"
#include "store/sqlite/database.h"
#include "store/sqlite/schema.h"
#include "support/test_support.h"

namespace scr {
namespace {

// The migration that brought conditions and references, found by what it does (its number may change).
size_t ConditionsMigration() {
  const std::vector<const char*>& migrations = Migrations();
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (std::string(migrations[i]).find("ADD COLUMN review_references") != std::string::npos) return i;
  }
  FAIL("no migration adds review_references");
  return 0;
}

void MakeDatabaseBeforeConditions(const std::string& path) {
  SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  size_t upto = ConditionsMigration();
  for (size_t i = 0; i < upto; ++i) old.exec(Migrations()[i]);
  old.exec("PRAGMA user_version = " + std::to_string(upto));
  old.exec("INSERT INTO boards (id, name, nation, created_at) VALUES (1, 'Northshire', 'england', "
           "'2026-01-01T00:00:00Z')");
  old.exec("INSERT INTO reviews (id, board_id, workflow, title, incident_date, referral_date, rationale, "
           "statutory_criteria_met, child_died, family_lived_elsewhere, phase, lifecycle_state, created_at) "
           "VALUES (4, 1, 'scr-2015', 'Child D', '2026-03-01', '2026-03-02', 'Serious harm.', 1, 1, 0, "
           "'setting_up', 'setting_up', '2026-03-02T09:00:00Z')");
  // Asked for the decision (seq 2), then the decision (seq 3), then asked for the review (seq 4).
  old.exec("INSERT INTO information_requests (id, review_id, agency, request, requested_on, due, recorded_by, "
           "created_at, updated_at) VALUES (1, 4, 'Police', 'Involvement summary', '2026-03-03', '2026-03-10', "
           "'Sam', 'x', 'x'), (2, 4, 'Health', 'Records', '2026-03-20', '2026-04-01', 'Sam', 'x', 'x')");
  old.exec("INSERT INTO review_events (review_id, seq, at, actor, event, data, hash) VALUES "
           "(4, 1, '2026-03-02T09:00:00Z', 'Sam', 'referred', '{}', 'h1'), "
           "(4, 2, '2026-03-03T09:00:00Z', 'Sam', 'information_requested', '{\"information_request\":1}', 'h2'), "
           "(4, 3, '2026-03-16T09:00:00Z', 'Pat', 'decide_to_review', '{}', 'h3'), "
           "(4, 4, '2026-03-20T09:00:00Z', 'Sam', 'information_requested', '{\"information_request\":2}', 'h4')");
}

TEST_CASE("migration: an old database's reviews keep their answers as conditions, and its information requests "
          "their markers",
          "[engine][store][migration][conditions]") {
  test::TempDir dir;
  std::string path = dir.File("old.db");
  MakeDatabaseBeforeConditions(path);
  {
    Result<std::unique_ptr<Database>> opened = Database::Open(path, Database::Mode::kReadWrite);
    REQUIRE(opened.ok());
    SQLite::Database& database = (*opened)->connection();
    CHECK(database.execAndGet("SELECT conditions FROM reviews WHERE id = 4").getString() ==
          R"({"child_died":true,"family_lived_elsewhere":false,"statutory_criteria_met":true})");
    CHECK(database.execAndGet("SELECT review_references FROM reviews WHERE id = 4").getString() == "{}");
    CHECK(database.execAndGet("SELECT before_decision FROM information_requests WHERE id = 1").getInt() == 1);
    CHECK(database.execAndGet("SELECT before_decision FROM information_requests WHERE id = 2").getInt() == 0);
  }

  SimulatedClock clock(ParseInstant("2026-03-23T09:00:00Z").value());
  Result<std::unique_ptr<ReviewQueries>> queries =
      ReviewQueries::Open({path, &test::ProjectWorkflows(), &test::ProjectBankHolidays(), &clock});
  REQUIRE(queries.ok());
  Result<ReviewView> review = (*queries)->GetReview(1, 4);
  REQUIRE(review.ok());
  CHECK(review->referral.Holds("child_died"));
  CHECK(review->referral.Holds("statutory_criteria_met"));
  CHECK_FALSE(review->referral.Holds("family_lived_elsewhere"));
  bool coroner = false, neighbours = false;
  for (const CheckpointView& checkpoint : review->checkpoints) {
    coroner = coroner || checkpoint.key == "coroner_notified";
    neighbours = neighbours || checkpoint.key == "neighbouring_boards_checked";
  }
  CHECK(coroner);         // the child died: the coroner is told
  CHECK_FALSE(neighbours);  // the family lived nowhere else
  Result<std::vector<InformationRequest>> requests = (*queries)->InformationRequests(1, 4, std::nullopt);
  REQUIRE(requests.ok());
  REQUIRE(requests->size() == 2u);
  CHECK((*requests)[0].marker == 2);   // for the decision (QM2)
  CHECK((*requests)[1].marker == 10);  // for the review (QM10)
}

}  // namespace
}  // namespace scr
