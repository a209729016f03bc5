// Attacks on the review history by someone who has the database file (or a backup of it), and by an admin
// who also has the history key: each must show, in `admin verify`, `admin restore` or
// `admin verify --fingerprint`.
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

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

const char* kRationale = "Criteria not met: the school's concerns were addressed.";

void AddField(std::string& out, const std::string& field) { out += std::to_string(field.size()) + ":" + field; }

std::string Sha256(const std::string& bytes) {
  unsigned char digest[32];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), 32);
}

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) hex += std::string{kDigits[c >> 4], kDigits[c & 0xf]};
  return hex;
}

std::string Unhex(const std::string& hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

// How an attacker re-chains a review's history after changing a row. `structured`: as the history is now
// stored (the free text's salted digest recomputed, the chain over it with plain SHA-256, for want of the
// key); otherwise as the unkeyed chain was before (SHA-256 over the whole event).
void Rechain(SQLite::Database& db, int64_t review, bool structured) {
  SQLite::Statement events(db, std::string("SELECT id, seq, at, actor, event, reason, data, ") +
                                   (structured ? "text_salt" : "''") +
                                   " FROM review_events WHERE review_id = ? ORDER BY seq");
  events.bind(1, review);
  std::string previous(32, '\0');
  std::vector<std::pair<int64_t, std::pair<std::string, std::string>>> updates;
  while (events.executeStep()) {
    std::string encoded;
    AddField(encoded, std::to_string(review));
    AddField(encoded, events.getColumn(1).getString());
    AddField(encoded, events.getColumn(2).getString());
    AddField(encoded, events.getColumn(3).getString());
    AddField(encoded, events.getColumn(4).getString());
    std::string text_digest;
    if (structured) {
      std::string texts;
      AddField(texts, events.getColumn(7).getString());
      AddField(texts, events.getColumn(5).getString());
      text_digest = Sha256(texts);
      AddField(encoded, events.getColumn(6).getString());
      encoded += text_digest;
    } else {
      AddField(encoded, events.getColumn(5).getString());
      AddField(encoded, events.getColumn(6).getString());
    }
    previous = Sha256(encoded + previous);
    updates.push_back({events.getColumn(0).getInt64(), {Hex(previous), Hex(text_digest)}});
  }
  for (const auto& [id, hashes] : updates) {
    SQLite::Statement update(db, structured ? "UPDATE review_events SET hash = ?1, text_digest = ?2 WHERE id = ?3"
                                            : "UPDATE review_events SET hash = ?1 WHERE id = ?3");
    update.bind(1, hashes.first);
    if (structured) update.bind(2, hashes.second);
    update.bind(3, id);
    update.exec();
  }
}

// Rewrites the rationale of the review's decision not to review, re-chains its history and puts the
// triggers back, as someone would who wants the change to go unnoticed.
void RewriteDecision(const std::string& database, int64_t review, bool structured) {
  SQLite::Database db(database, SQLite::OPEN_READWRITE);
  db.exec("DROP TRIGGER review_events_no_update");
  SQLite::Statement rewrite(db, "UPDATE review_events SET reason = 'Criteria met; the board decided otherwise.' "
                                "WHERE review_id = ? AND event = 'decide_not_to_review'");
  rewrite.bind(1, review);
  REQUIRE(rewrite.exec() == 1);
  Rechain(db, review, structured);
  db.exec("CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events "
          "BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END");
}

// Rewrites the rationale of the review's last event, the decision not to review, and re-chains it with
// HMAC-SHA256 under the key beside the database: what an admin who has the key (and reads the source) can do.
void RewriteWithKey(const std::string& database, int64_t review) {
  std::string key;
  {
    std::ifstream file(database + ".history-key", std::ios::binary);
    key.assign(std::istreambuf_iterator<char>(file), {});
  }
  REQUIRE(key.size() == 32);
  SQLite::Database db(database, SQLite::OPEN_READWRITE);
  SQLite::Statement last(db, "SELECT id, seq, at, actor, event, data, text_salt FROM review_events WHERE "
                             "review_id = ? ORDER BY seq DESC LIMIT 1");
  last.bind(1, review);
  REQUIRE(last.executeStep());
  REQUIRE(last.getColumn(4).getString() == "decide_not_to_review");
  std::string data = last.getColumn(5).getString();  // the decision's outcome, as recorded
  REQUIRE(data == R"({"outcome":"no_review"})");
  int64_t seq = last.getColumn(1).getInt64();
  SQLite::Statement before(db, "SELECT hash FROM review_events WHERE review_id = ? AND seq = ?");
  before.bind(1, review);
  before.bind(2, seq - 1);
  REQUIRE(before.executeStep());
  std::string reason = "Criteria met; the board decided otherwise.";
  std::string texts;
  AddField(texts, last.getColumn(6).getString());
  AddField(texts, reason);
  std::string text_digest = Sha256(texts);
  std::string encoded;
  for (const std::string& field : {std::to_string(review), std::to_string(seq), last.getColumn(2).getString(),
                                   last.getColumn(3).getString(), last.getColumn(4).getString(), data}) {
    AddField(encoded, field);
  }
  encoded += text_digest + Unhex(before.getColumn(0).getString());
  unsigned char mac[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(encoded.data()),
       encoded.size(), mac, &length);
  int64_t id = last.getColumn(0).getInt64();
  last.reset();
  before.reset();
  db.exec("DROP TRIGGER review_events_no_update");
  SQLite::Statement update(db, "UPDATE review_events SET reason = ?, text_digest = ?, hash = ? WHERE id = ?");
  update.bind(1, reason);
  update.bind(2, Hex(text_digest));
  update.bind(3, Hex(std::string(reinterpret_cast<const char*>(mac), 32)));
  update.bind(4, id);
  REQUIRE(update.exec() == 1);
  db.exec("CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events "
          "BEGIN SELECT RAISE(ABORT, 'the review history is append-only'); END");
}

struct Board {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
  std::string token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});

  json Post(httplib::Client& client, const std::string& path, const json& body, int expected = 200) {
    auto answer = client.Post(path.c_str(), {{"Authorization", "Bearer " + token}}, body.dump(), "application/json");
    REQUIRE(answer);
    INFO(path << ": " << answer->body);
    REQUIRE(answer->status == expected);
    return json::parse(answer->body);
  }

  // A referral the chair decides not to take forward, with its rationale.
  int64_t ReferAndDecline(httplib::Client& client, const std::string& title) {
    int64_t id = Post(client, "/api/v1/reviews",
                        {{"workflow", "scr-2015"}, {"title", title}, {"incident_date", "2026-01-05"},
                         {"referral_date", "2026-01-12"}, {"rationale", "Concerns raised by the school."},
                         {"statutory_criteria_met", false}, {"child_died", false}},
                        201)["id"];
    std::string review = "/api/v1/reviews/" + std::to_string(id);
    auto refused = client.Post((review + "/events").c_str(), {{"Authorization", "Bearer " + token}},
                               json{{"event", "decide_not_to_review"}, {"reason", kRationale}}.dump(),
                               "application/json");
    REQUIRE(refused);
    for (const json& blocker : json::parse(refused->body).value("blocking", json::array())) {
      Post(client, review + "/checkpoints/" + blocker.get<std::string>() + "/complete", {{"note", "Done."}});
    }
    Post(client, review + "/events", {{"event", "decide_not_to_review"}, {"reason", kRationale}});
    return id;
  }

  std::string Fingerprint() {
    CommandOutput printed = RunTracker({"admin", "fingerprint", "--db", db});
    INFO(printed.err);
    REQUIRE(printed.exit_code == 0);
    std::string line = printed.out.substr(0, printed.out.find('\n'));
    REQUIRE(!line.empty());
    REQUIRE(printed.out.size() == line.size() + 1);  // one line
    return line;
  }
};

}  // namespace

TEST_CASE("security: a copy of the database with a decision's rationale rewritten and the chain recomputed "
          "fails verify and is refused by restore",
          "[security][history]") {
  Board board;
  int64_t review = 0;
  {
    TrackerService service(board.db);
    scr::test::ApiClient client("127.0.0.1", service.port());
    review = board.ReferAndDecline(client, "Child H (history)");
  }
  std::string copy = board.dir.File("copy.db");
  REQUIRE(RunTracker({"admin", "backup", "--db", board.db, "--to", copy}).exit_code == 0);
  // The operator checks the copy with the board's key, as the service would.
  if (std::filesystem::exists(board.db + ".history-key")) {
    std::filesystem::copy_file(board.db + ".history-key", copy + ".history-key");
  }

  bool structured = GENERATE(false, true);
  INFO((structured ? "re-chained in the stored structure with SHA-256" : "re-chained with SHA-256 as before"));
  RewriteDecision(copy, review, structured);

  CommandOutput verified = RunTracker({"admin", "verify", "--db", copy});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code != 0);
  CHECK(verified.err.find("review " + std::to_string(review) + ", event") != std::string::npos);

  CommandOutput restored = RunTracker({"admin", "restore", "--from", copy, "--db", board.db, "--force"});
  INFO(restored.out << restored.err);
  CHECK(restored.exit_code != 0);
  CHECK(restored.err.find("has a broken history") != std::string::npos);
  SQLite::Database kept(board.db, SQLite::OPEN_READONLY);
  CHECK(kept.execAndGet("SELECT reason FROM review_events WHERE event = 'decide_not_to_review'").getString() ==
        kRationale);
}

TEST_CASE("security: a review deleted whole, with the ledger put right, fails verify --fingerprint, naming it",
          "[security][history]") {
  Board board;
  int64_t first = 0, second = 0;
  {
    TrackerService service(board.db);
    scr::test::ApiClient client("127.0.0.1", service.port());
    first = board.ReferAndDecline(client, "Child F (first)");
    second = board.ReferAndDecline(client, "Child G (second)");
  }
  std::string fingerprint = board.Fingerprint();
  {
    SQLite::Database db(board.db, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA foreign_keys = OFF; DROP TRIGGER review_events_no_delete");
    int64_t events = db.execAndGet("SELECT COUNT(*) FROM review_events WHERE review_id = " + std::to_string(first))
                           .getInt64();
    for (const char* table : {"review_events", "checkpoints", "alerts", "delays"}) {
      db.exec(std::string("DELETE FROM ") + table + " WHERE review_id = " + std::to_string(first));
    }
    db.exec("DELETE FROM reviews WHERE id = " + std::to_string(first));
    db.exec("UPDATE ledger SET event_total = event_total - " + std::to_string(events));
  }
  // The chains that are left hold, and the ledger agrees: only the fingerprint kept outside can tell.
  CHECK(RunTracker({"admin", "verify", "--db", board.db}).exit_code == 0);
  CommandOutput checked = RunTracker({"admin", "verify", "--db", board.db, "--fingerprint", fingerprint});
  INFO(checked.out << checked.err);
  CHECK(checked.exit_code != 0);
  CHECK(checked.err.find("review " + std::to_string(first) + " has gone") != std::string::npos);
  CHECK(checked.err.find("review " + std::to_string(second)) == std::string::npos);
}

TEST_CASE("security: a rewrite by someone who has the key fails verify --fingerprint, naming the review; events "
          "recorded after the fingerprint pass",
          "[security][history]") {
  Board board;
  int64_t first = 0, second = 0;
  std::string fingerprint;
  {
    TrackerService service(board.db);
    scr::test::ApiClient client("127.0.0.1", service.port());
    first = board.ReferAndDecline(client, "Child K (first)");
    second = board.ReferAndDecline(client, "Child L (second)");
    fingerprint = board.Fingerprint();
    // Later work on a new review, and after the fingerprint: all fine.
    board.ReferAndDecline(client, "Child M (later)");
  }
  CommandOutput later = RunTracker({"admin", "verify", "--db", board.db, "--fingerprint", fingerprint});
  INFO(later.out << later.err);
  REQUIRE(later.exit_code == 0);

  // An admin who has the key rewrites the decision and re-chains it under the key, as the service would:
  // the chains then verify.
  RewriteWithKey(board.db, second);
  CommandOutput verified = RunTracker({"admin", "verify", "--db", board.db});
  INFO(verified.out << verified.err);
  REQUIRE(verified.exit_code == 0);

  CommandOutput checked = RunTracker({"admin", "verify", "--db", board.db, "--fingerprint", fingerprint});
  INFO(checked.out << checked.err);
  CHECK(checked.exit_code != 0);
  CHECK(checked.err.find("review " + std::to_string(second) + ": its history up to event") != std::string::npos);
  CHECK(checked.err.find("rewritten") != std::string::npos);
  CHECK(checked.err.find("review " + std::to_string(first)) == std::string::npos);
}

TEST_CASE("security: the history key is a file of its own, mode 0600, and a key of the wrong size is refused",
          "[security][history]") {
  Board board;
  std::string key = board.db + ".history-key";
  CHECK_FALSE(std::filesystem::exists(key));
  REQUIRE(RunTracker({"admin", "verify", "--db", board.db}).exit_code == 0);  // made by the first that needs it
  REQUIRE(std::filesystem::exists(key));
  CHECK((std::filesystem::status(key).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK(std::filesystem::file_size(key) == 32);
  std::filesystem::resize_file(key, 16);
  CommandOutput refused = RunTracker({"admin", "verify", "--db", board.db});
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("must hold exactly 32 bytes") != std::string::npos);
}
