// The history chain keyed with a secret outside the database: appending, checking, keying an older unkeyed
// history once (never a broken one), and the fingerprint kept outside the service.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "engine/history.h"
#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/history_fingerprint.h"
#include "store/sqlite/history_keying.h"
#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

void RunSql(const std::string& path, const std::string& sql) {
  SQLite::Database database(path, SQLite::OPEN_READWRITE);
  database.exec(sql);
}

// Turns a keyed history back into one as an older release wrote it: unkeyed SHA-256 chains, no salts.
void Unkey(const std::string& path) {
  SQLite::Database database(path, SQLite::OPEN_READWRITE);
  database.exec("DROP TRIGGER review_events_no_update; DELETE FROM history_keying");
  SQLite::Statement events(database, "SELECT id, review_id, seq, at, actor, event, reason, data FROM review_events "
                                     "ORDER BY review_id, seq");
  std::vector<std::pair<int64_t, std::string>> hashes;
  EventHash previous{};
  int64_t review = 0;
  while (events.executeStep()) {
    NewEvent event{events.getColumn(1).getInt64(), events.getColumn(2).getInt64(), events.getColumn(3).getString(),
                   events.getColumn(4).getString(), events.getColumn(5).getString(), events.getColumn(6).getString(),
                   events.getColumn(7).getString()};
    if (event.review_id != review) previous = EventHash{};
    review = event.review_id;
    previous = UnkeyedEventHash(event, previous);
    hashes.emplace_back(events.getColumn(0).getInt64(), ToHex(previous));
  }
  for (const auto& [id, hash] : hashes) {
    database.exec("UPDATE review_events SET text_salt = '', text_digest = '', hash = '" + hash +
                  "' WHERE id = " + std::to_string(id));
  }
}

}  // namespace

TEST_CASE("history: each event's hash depends on the key, and a text changed behind the engine's back is found",
          "[engine][history]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.Walk(id, "decide_not_to_review");
  CHECK(fixture.VerifyHistory().empty());
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  CHECK(database.execAndGet("SELECT COUNT(*) FROM review_events WHERE length(text_salt) = 32").getInt64() ==
        database.execAndGet("SELECT COUNT(*) FROM review_events").getInt64());

  SECTION("a key of the same size but another value does not verify the history") {
    std::filesystem::remove(fixture.database_path() + ".history-key");
    Result<std::unique_ptr<History>> other = History::Open(fixture.database_path(), "");
    REQUIRE_FALSE(other.ok());
    CHECK_THAT(other.status().message(), Catch::Contains("was keyed with another key"));
  }
  SECTION("a reason changed, even with its text digest recomputed, breaks the chain") {
    RunSql(fixture.database_path(), "DROP TRIGGER review_events_no_update; "
                                    "UPDATE review_events SET reason = 'Criteria met.' WHERE seq = 1");
    CHECK_THAT(fixture.VerifyHistory(), Catch::Contains("do not match their digest"));
  }
  SECTION("a text blanked outside a retention erasure is found") {
    RunSql(fixture.database_path(), "DROP TRIGGER review_events_no_update; UPDATE review_events SET reason = '', "
                                    "text_salt = '' WHERE seq = 1");
    CHECK_THAT(fixture.VerifyHistory(), Catch::Contains("no retention erasure of the review did it"));
  }
}

TEST_CASE("history: the free text of an event's data is covered by its digest, the rest by the chain",
          "[engine][history]") {
  DataTexts split = SplitDataTexts(R"({"checkpoint":"chair_decision","owner":"DS Hollis","notes":["a","b"],"n":3})");
  CHECK(split.skeleton == R"({"checkpoint":"chair_decision","n":3,"notes":["",""],"owner":""})");
  CHECK(split.texts == std::vector<std::string>{"a", "b", "DS Hollis"});
}

TEST_CASE("history: an unkeyed history is checked and keyed once, and says since when",
          "[engine][history][upgrade]") {
  ServiceFixture fixture;
  ReviewId id = fixture.Refer();
  fixture.Walk(id, "decide_not_to_review");
  fixture.Restart();  // let go of the database
  Unkey(fixture.database_path());
  std::filesystem::remove(fixture.database_path() + ".history-key");  // an old release had none

  SECTION("the first start with a new key keys it, and records when and how many events") {
    Result<std::unique_ptr<History>> history = History::Open(fixture.database_path(), "");
    REQUIRE(history.ok());
    CHECK((*history)->Verify().value().empty());
    CHECK_THAT((*history)->KeyedSince().value(), Catch::Contains("earlier events re-keyed then"));
    SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
    CHECK(database.execAndGet("SELECT events_keyed FROM history_keying").getInt64() ==
          database.execAndGet("SELECT COUNT(*) FROM review_events").getInt64());
  }
  SECTION("a chain already broken is not keyed, and the message names the event") {
    RunSql(fixture.database_path(), "UPDATE review_events SET reason = 'Criteria met.' WHERE seq = 1");
    Result<std::unique_ptr<History>> history = History::Open(fixture.database_path(), "");
    REQUIRE_FALSE(history.ok());
    CHECK_THAT(history.status().message(), Catch::Contains("already broken at review " + std::to_string(id) +
                                                           ", event 1"));
    SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
    CHECK(database.execAndGet("SELECT COUNT(*) FROM history_keying").getInt64() == 0);
  }
  SECTION("with a key file that existed before, it waits for admin key-history") {
    test::WriteFile(fixture.database_path() + ".history-key", std::string(32, 'k'));
    Result<std::unique_ptr<History>> waiting = History::Open(fixture.database_path(), "");
    REQUIRE_FALSE(waiting.ok());
    CHECK_THAT(waiting.status().message(), Catch::Contains("admin key-history"));
    Result<std::unique_ptr<History>> keyed = History::Open(fixture.database_path(), "", /*key_unkeyed=*/true);
    REQUIRE(keyed.ok());
    CHECK((*keyed)->Verify().value().empty());
  }
}

TEST_CASE("history: a fingerprint still matches after more events, and names a review whose history changed",
          "[engine][history][fingerprint]") {
  ServiceFixture fixture;
  ReviewId first = fixture.Refer();
  ReviewId second = fixture.Refer();
  Result<std::unique_ptr<History>> history = History::Open(fixture.database_path(), "");
  REQUIRE(history.ok());
  std::string fingerprint = (*history)->Fingerprint().value();
  CHECK(fingerprint.rfind("scr-fp1.2.", 0) == 0);
  CHECK(fingerprint.find('\n') == std::string::npos);

  fixture.Walk(first, "decide_not_to_review");
  fixture.Refer();
  CHECK((*history)->CheckFingerprint(fingerprint).value().empty());

  RunSql(fixture.database_path(), "DROP TRIGGER review_events_no_update; UPDATE review_events SET hash = '" +
                                      std::string(64, '0') + "' WHERE review_id = " + std::to_string(second));
  CHECK_THAT((*history)->CheckFingerprint(fingerprint).value(),
             Catch::Contains("review " + std::to_string(second) + ": its history up to event 1"));
  CHECK_FALSE((*history)->CheckFingerprint("scr-fp1.x").ok());
}

TEST_CASE("history: the chair's daily digest carries the board's fingerprint, which verify accepts",
          "[engine][history][fingerprint][digest]") {
  ServiceFixture fixture;  // Monday 2 March 2026, 09:00; digests at 08:00
  fixture.Refer();
  fixture.AdvanceAndFire("2026-03-04T09:00:00Z");
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  std::string fingerprint =
      database.execAndGet("SELECT json_extract(body, '$.history_fingerprint') FROM digests WHERE kind = 'daily' "
                          "ORDER BY id DESC LIMIT 1").getString();
  CHECK(fingerprint.rfind("scr-fp1.", 0) == 0);
  Result<std::unique_ptr<History>> history = History::Open(fixture.database_path(), "");
  REQUIRE(history.ok());
  CHECK((*history)->CheckFingerprint(fingerprint).value().empty());
  CHECK((*history)->Fingerprint(fixture.board()).value() == fingerprint);
}
