// Restarts of the real service on a real database file, on a simulated clock: whether it is stopped
// between two moves of the clock or killed in the middle of a large batch of alerts, every alert fires
// exactly once (one row per idempotency key in `alerts`, one `outbox` row each), none lost, none repeated.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "engine/date.h"
#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::CountRows;
using scr::test::WaitFor;

namespace {

// Enough open referrals that 120 days fire several transactions' worth (1,000 alerts each) of alerts.
constexpr int kReviews = 300;
const std::vector<std::string> kSimulated = {"--clock", "simulated"};

struct Alert {
  long long review = 0;
  std::string checkpoint, kind, due;
};
using Alerts = std::map<std::string, Alert>;  // by idempotency key

httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::string Now(TrackerService& service, const std::string& token) {
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto clock = client.Get("/api/v1/admin/clock", As(token));
  REQUIRE(clock);
  return json::parse(clock->body)["now"].get<std::string>();
}

void Advance(TrackerService& service, const std::string& admin, int days) {
  scr::test::ApiClient client("127.0.0.1", service.port());
  client.set_read_timeout(300, 0);
  auto advanced = client.Post("/api/v1/admin/clock/advance", As(admin), json{{"days", days}}.dump(), "application/json");
  REQUIRE(advanced);
  INFO(advanced->body << service.Log().substr(service.Log().size() > 3000 ? service.Log().size() - 3000 : 0));
  REQUIRE(advanced->status == 200);
}

// Every stored alert by its key, after checking that no key is stored twice and that each alert is
// told exactly once: by its own outbox row, or (caught up after a crash) in the board's catch-up digest,
// which itself has an outbox row. Read with the service stopped.
Alerts StoredAlerts(const std::string& database) {
  CHECK(CountRows(database, "SELECT COUNT(*) - COUNT(DISTINCT idempotency_key) FROM alerts") == 0);
  long long stored = CountRows(database, "SELECT COUNT(*) FROM alerts");
  long long in_digests = CountRows(database, "SELECT COUNT(*) FROM alerts WHERE digest_id IS NOT NULL");
  CHECK(CountRows(database, "SELECT COUNT(*) FROM alerts WHERE held = 1") == 0);
  CHECK(CountRows(database, "SELECT COUNT(*) FROM outbox WHERE alert_id IS NOT NULL") == stored - in_digests);
  CHECK(CountRows(database, "SELECT COUNT(DISTINCT alert_id) FROM outbox") == stored - in_digests);
  CHECK(CountRows(database, "SELECT COUNT(*) FROM outbox WHERE alert_id NOT IN (SELECT id FROM alerts)") == 0);
  CHECK(CountRows(database, "SELECT COUNT(*) FROM alerts a JOIN outbox o ON o.alert_id = a.id "
                        "WHERE a.digest_id IS NOT NULL") == 0);
  CHECK(CountRows(database, "SELECT COUNT(DISTINCT digest_id) FROM alerts WHERE digest_id IS NOT NULL AND digest_id "
                        "NOT IN (SELECT digest_id FROM outbox WHERE digest_id IS NOT NULL)") == 0);
  SQLite::Database db(database, SQLite::OPEN_READONLY);
  SQLite::Statement select(db, "SELECT idempotency_key, review_id, checkpoint, kind, due FROM alerts");
  Alerts alerts;
  while (select.executeStep()) {
    alerts[select.getColumn(0).getString()] = Alert{select.getColumn(1).getInt64(), select.getColumn(2).getString(),
                                                    select.getColumn(3).getString(), select.getColumn(4).getString()};
  }
  return alerts;
}

// The keys of `from` that `in` does not hold.
std::vector<std::string> KeysMissing(const Alerts& from, const Alerts& in) {
  std::vector<std::string> missing;
  for (const auto& [key, alert] : from) {
    if (in.count(key) == 0) missing.push_back(key);
  }
  return missing;
}

// How many `keys` there are, and the first: short enough for a failure message.
std::string Describe(const std::vector<std::string>& keys) {
  return std::to_string(keys.size()) + (keys.empty() ? "" : ", the first " + keys.front());
}

// A board with kReviews open referrals, made over the last five days, and the simulated clock one day on (so that
// every copy starts at the same stored instant); then the service is stopped cleanly.
struct Scenario {
  TempDir dir;
  std::string admin;
  long long alerts_before = 0;  // stored while the referrals were made

  Scenario() {
    std::string db = dir.File("scenario.db");
    std::string board = RunAdmin(db, {"create-board", "--name", "Board"});
    std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
    admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
    TrackerService service(db, kSimulated);
    scr::Date today = scr::Date::Parse(Now(service, admin).substr(0, 10)).value();
    std::atomic<int> refused{0};
    std::vector<std::thread> clerks;  // a few at a time, as a busy business unit would
    for (int clerk = 0; clerk < 4; ++clerk) {
      clerks.emplace_back([&, clerk] {
        scr::test::ApiClient client("127.0.0.1", service.port());
        for (int i = clerk; i < kReviews; i += 4) {
          std::string referred = today.AddDays(-(i % 5)).ToString();
          json referral = {{"workflow", "scr-2015"}, {"title", "Child R" + std::to_string(i)},
                           {"incident_date", referred}, {"referral_date", referred}, {"rationale", "Serious harm."},
                           {"statutory_criteria_met", true}, {"child_died", i % 3 == 0}};
          auto created = client.Post("/api/v1/reviews", As(unit), referral.dump(), "application/json");
          if (!created || created->status != 201) ++refused;
        }
      });
    }
    for (std::thread& clerk : clerks) clerk.join();
    REQUIRE(refused == 0);
    Advance(service, admin, 1);
    REQUIRE(service.Stop() == 0);
    REQUIRE_FALSE(std::filesystem::exists(db + "-wal"));  // a clean stop leaves one file, its log checkpointed
    REQUIRE(CountRows(db, "SELECT COUNT(*) FROM reviews") == kReviews);
    alerts_before = CountRows(db, "SELECT COUNT(*) FROM alerts");
  }

  // A fresh copy of the stopped scenario, with the (empty) log that reading it read-only leaves behind.
  std::string Copy(const std::string& name) const {
    namespace fs = std::filesystem;
    std::string copy = dir.File(name + ".db");
    fs::copy_file(dir.File("scenario.db"), copy);
    if (fs::exists(dir.File("scenario.db-wal"))) fs::copy_file(dir.File("scenario.db-wal"), copy + "-wal");
    fs::copy_file(dir.File("scenario.db.history-key"), copy + ".history-key");  // its history's key goes with it
    return copy;
  }
};

// The scenario, and what moving its clock 120 days in one go, with no restart, stores: built once. 120 days
// pass every alert of the referral phase (the last escalations come about six weeks after the referral).
struct Reference {
  Scenario scenario;
  Alerts alerts;
  std::string end;  // the simulated time after the 120 days
  Reference() {
    std::string db = scenario.Copy("reference");
    TrackerService service(db, kSimulated);
    Advance(service, scenario.admin, 120);
    end = Now(service, scenario.admin);
    REQUIRE(service.Stop() == 0);
    alerts = StoredAlerts(db);
    // Several transactions' worth, so that a kill can land between two of them.
    REQUIRE(alerts.size() - scenario.alerts_before > 3000);
  }
};

const Reference& TheReference() {
  static const Reference reference;
  return reference;
}

}  // namespace

TEST_CASE("restart: alerts that fall due across clean stops and starts fire once each, the same as without a stop",
          "[integration][restart]") {
  const Reference& reference = TheReference();
  std::string db = reference.scenario.Copy("stopped");
  std::vector<long long> stored;  // after each move
  for (int move = 0; move < 8; ++move) {  // the same 120 days in eight moves, stopped with SIGTERM after each
    TrackerService service(db, kSimulated);
    Advance(service, reference.scenario.admin, 15);
    if (move == 7) CHECK(Now(service, reference.scenario.admin) == reference.end);
    REQUIRE(service.Stop() == 0);
    stored.push_back(CountRows(db, "SELECT COUNT(*) FROM alerts"));
  }
  // Alerts fell due on both sides of the first restart at least.
  CHECK(stored.front() > reference.scenario.alerts_before);
  CHECK(stored.front() < stored.back());

  Alerts alerts = StoredAlerts(db);
  CHECK(alerts.size() == reference.alerts.size());
  CHECK(Describe(KeysMissing(reference.alerts, alerts)) == "0");  // none lost
  CHECK(Describe(KeysMissing(alerts, reference.alerts)) == "0");  // none that should not have fired
}

TEST_CASE("restart: alerts due while the service was killed mid-batch fire once at start-up, none lost, none repeated",
          "[integration][restart]") {
  const Reference& reference = TheReference();
  const std::string& admin = reference.scenario.admin;
  std::string db = reference.scenario.Copy("killed");
  long long before = reference.scenario.alerts_before;
  long long total = static_cast<long long>(reference.alerts.size());
  {
    TrackerService service(db, kSimulated);
    bool answered = false;
    std::thread advance([&] {
      scr::test::ApiClient client("127.0.0.1", service.port());
      client.set_read_timeout(300, 0);
      auto advanced = client.Post("/api/v1/admin/clock/advance", As(admin), R"({"days": 120})", "application/json");
      answered = advanced && advanced->status == 200;
    });
    // Killed as soon as the first transaction of alerts is committed (WAL lets this reader look meanwhile).
    SQLite::Database watch(db, SQLite::OPEN_READONLY);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (watch.execAndGet("SELECT COUNT(*) FROM alerts").getInt64() == before &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    service.Kill();
    advance.join();
    CHECK_FALSE(answered);
  }
  long long at_kill = CountRows(db, "SELECT COUNT(*) FROM alerts");
  long long last_before_kill = CountRows(db, "SELECT COALESCE(MAX(id), 0) FROM alerts");
  INFO(kReviews << " reviews; alerts stored before the kill: " << at_kill - before << " of " << total - before);
  REQUIRE(at_kill > before);        // the batch had begun
  REQUIRE(at_kill < total - 1000);  // and at least one more transaction of alerts was still to come

  TrackerService service(db, kSimulated);
  CHECK(Now(service, admin) == reference.end);  // the new time was stored before anything fired
  REQUIRE(service.Stop() == 0);                 // stopping waits for the catch-up at start-up to finish

  Alerts alerts = StoredAlerts(db);
  std::string late = "SELECT COUNT(*) FROM alerts WHERE id > " + std::to_string(last_before_kill);
  CHECK(CountRows(db, late) > 0);
  CHECK(CountRows(db, late + " AND fired_late_by_s <= 0") == 0);  // the rest fired at start-up, late
  // No flood: thousands caught up are told in one catch-up digest, to the chair among others.
  CHECK(CountRows(db, "SELECT COUNT(*) FROM digests WHERE kind = 'catch_up'") == 1);
  CHECK(CountRows(db, late + " AND digest_id IS NULL") == 0);
  CHECK(CountRows(db, "SELECT COUNT(*) FROM outbox o JOIN digests d ON d.id = o.digest_id "
                  "WHERE d.kind = 'catch_up' AND o.recipient_role = 'chair'") == 1);
  // Absent only as a reminder whose due day had ended by the restart: its overdue alert stands for it.
  std::set<std::tuple<long long, std::string, std::string>> overdue;
  for (const auto& [key, alert] : alerts) {
    if (alert.kind == "overdue") overdue.emplace(alert.review, alert.checkpoint, alert.due);
  }
  std::vector<std::string> lost;
  size_t stale_reminders = 0;
  for (const std::string& key : KeysMissing(reference.alerts, alerts)) {
    const Alert& alert = reference.alerts.at(key);
    bool replaced = alert.kind == "reminder" && overdue.count({alert.review, alert.checkpoint, alert.due}) == 1;
    if (replaced) ++stale_reminders;
    else lost.push_back(key);
  }
  CHECK(Describe(lost) == "0");
  CHECK(Describe(KeysMissing(alerts, reference.alerts)) == "0");  // none that should not have fired
  CHECK(alerts.size() + stale_reminders == reference.alerts.size());
}
