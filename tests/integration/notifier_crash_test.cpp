// The notifier through a crash: the service is killed (SIGKILL) while emails are going out; after the
// restart every message arrives, and a message that arrives twice does so with the same Message-ID.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "support/api_client.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::ReceivedMail;
using scr::test::RunAdmin;
using scr::test::SmtpServer;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::CountRows;
using scr::test::WaitFor;

TEST_CASE("notifier: killed while emails go out, after a restart every message arrives, repeats only with the same "
          "Message-ID",
          "[integration][notifier][restart]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  SmtpServer smtp(dir.File("mail"));
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  RunAdmin(db, {"create-user", "--board", board, "--role", "chair", "--name", "Pat", "--email", "chair@example.org"});
  RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name", "Sam", "--email", "sam@example.org"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  std::ofstream(dir.File("scr.yaml")) << "notifier:\n  smtp:\n    url: " << smtp.url()
                                      << "\n    allow_insecure: true\n";  // aiosmtpd on loopback, without TLS
  std::vector<std::string> arguments = {"--clock", "simulated", "--config", dir.File("scr.yaml")};
  {
    TrackerService service(db, arguments);
    scr::test::ApiClient client("127.0.0.1", service.port());
    httplib::Headers as_unit = {{"Authorization", "Bearer " + unit}};
    std::string today = json::parse(client.Get("/api/v1/admin/clock", {{"Authorization", "Bearer " + admin}})->body)["now"]
                            .get<std::string>()
                            .substr(0, 10);
    for (int i = 0; i < 20; ++i) {
      json referral = {{"workflow", "scr-2015"}, {"title", "Child " + std::to_string(i)}, {"incident_date", today},
                       {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                       {"child_died", false}};
      REQUIRE(client.Post("/api/v1/reviews", as_unit, referral.dump(), "application/json")->status == 201);
    }
    auto moved = client.Post("/api/v1/admin/clock/advance", {{"Authorization", "Bearer " + admin}}, R"({"days": 60})",
                             "application/json");
    REQUIRE(moved);
    REQUIRE(moved->status == 200);
    // Killed once some emails are out and many are still to go.
    REQUIRE(WaitFor([&] { return smtp.Received().size() >= 20; }));
    service.Kill();
  }
  long long pending_at_kill = CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'pending'") +
                              CountRows(db, "SELECT COUNT(*) FROM outbox WHERE expanded_at IS NULL");
  INFO("emails received before the kill: " << smtp.Received().size() << "; still to send: " << pending_at_kill);
  REQUIRE(pending_at_kill > 0);

  TrackerService service(db, arguments);
  REQUIRE(WaitFor([&] {
    return CountRows(db, "SELECT COUNT(*) FROM outbox WHERE expanded_at IS NULL") == 0 &&
           CountRows(db, "SELECT COUNT(*) FROM messages WHERE state = 'pending'") == 0;
  }));
  REQUIRE(service.Stop() == 0);

  std::map<std::string, int> arrived;  // Message-ID -> times
  for (const ReceivedMail& mail : smtp.Received()) ++arrived[mail.message_id];
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  SQLite::Statement emails(database, "SELECT idempotency_key, state FROM messages WHERE channel = 'email'");
  size_t expected = 0;
  while (emails.executeStep()) {
    ++expected;
    std::string id = emails.getColumn(0).getString() + "@scr-tracker";
    CHECK(emails.getColumn(1).getString() == "delivered");
    CHECK(arrived.count(id) == 1);  // none lost
    if (arrived[id] > 1) CHECK(arrived[id] == 2);  // at most the one in hand at the kill, sent again
  }
  CHECK(arrived.size() == expected);  // nothing that is not a message
  int repeated = 0;
  for (const auto& [id, times] : arrived) repeated += times - 1;
  CHECK(repeated <= 1);
}
