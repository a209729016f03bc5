// Family members are recorded for the review and seen only by those who need to (admin, business unit,
// lead reviewer); their names and dates of birth never leave in an email, a webhook, an inbox message,
// the history or a log line.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>

#include "support/api_client.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/test_support.h"
#include "support/webhook_receiver.h"

using nlohmann::json;
using scr::test::ReceivedMail;
using scr::test::RunAdmin;
using scr::test::SmtpServer;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

bool Mentions(std::string text, const std::vector<std::string>& secrets) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  for (std::string secret : secrets) {
    std::transform(secret.begin(), secret.end(), secret.begin(), [](unsigned char c) { return std::tolower(c); });
    if (text.find(secret) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("family: members are seen only by admin, business unit and lead reviewer, and never appear in any "
          "message, the history or the log",
          "[integration][family][notifier]") {
  scr::test::WebhookReceiver receiver;
  const int hook_port = receiver.port();

  TempDir dir;
  std::string db = dir.File("scr.db");
  SmtpServer smtp(dir.File("mail"));
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string chair_user = RunAdmin(db, {"create-user", "--board", board, "--role", "chair", "--name", "Pat",
                                         "--email", "chair@example.org"});
  RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name", "Sam", "--email", "sam@example.org"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  std::string chair = RunAdmin(db, {"create-token", "--board", board, "--role", "chair", "--user", chair_user});
  std::string viewer = RunAdmin(db, {"create-token", "--board", board, "--role", "viewer"});
  std::ofstream(dir.File("scr.yaml")) << "notifier:\n  smtp:\n    url: " << smtp.url()
                                      << "\n    allow_insecure: true\n  webhooks:\n    - url: http://127.0.0.1:" << hook_port
                                      << "/hook\n      secret: whsec_PzmcOz+X68rCqyC+6b1yo045RLLgNGnlPhCDiNVwBQY=\n"
                                      << "      allow_insecure: true\n";  // loopback receivers without TLS
  const std::vector<std::string> secrets = {"Whitfield", "Jordan W", "1990-04-12"};
  std::string log;
  {
    TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
    scr::test::ApiClient client("127.0.0.1", service.port());
    auto as = [](const std::string& token) { return httplib::Headers{{"Authorization", "Bearer " + token}}; };
    std::string today =
        json::parse(client.Get("/api/v1/admin/clock", as(admin))->body)["now"].get<std::string>().substr(0, 10);
    json referral = {{"workflow", "scr-2015"}, {"title", "Child G"}, {"incident_date", today},
                     {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                     {"child_died", false}};
    REQUIRE(client.Post("/api/v1/reviews", as(unit), referral.dump(), "application/json")->status == 201);
    const char* path = "/api/v1/reviews/1/family-members";
    json mother = {{"name", "Jordan Whitfield"}, {"relationship", "mother"}, {"date_of_birth", "1990-04-12"},
                   {"involvement", "involved"}, {"support_needs", "An interpreter"}};
    auto recorded = client.Post(path, as(unit), mother.dump(), "application/json");
    REQUIRE(recorded);
    REQUIRE(recorded->status == 201);
    CHECK(json::parse(recorded->body)["name"] == "Jordan Whitfield");
    json father = {{"name", "Alex Whitfield"}, {"relationship", "father"}, {"involvement", "declined"}};
    CHECK(client.Post(path, as(unit), father.dump(), "application/json")->status == 400);  // declined: why?
    father["reason"] = "Did not wish to take part";
    CHECK(client.Post(path, as(unit), father.dump(), "application/json")->status == 201);
    auto listed = client.Get(path, as(unit));
    CHECK(listed->status == 200);
    CHECK(Mentions(listed->body, secrets));  // the check below would see them if they were there
    CHECK(client.Get(path, as(viewer))->status == 403);
    CHECK(client.Get(path, as(chair))->status == 403);
    CHECK(client.Post(path, as(chair), mother.dump(), "application/json")->status == 403);

    // Months pass: reminders, overdue alerts, escalations and digests go out by every channel.
    REQUIRE(client.Post("/api/v1/admin/clock/advance", as(admin), R"({"days": 60})", "application/json")->status == 200);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      SQLite::Database database(db, SQLite::OPEN_READONLY);
      if (database.execAndGet("SELECT COUNT(*) FROM messages WHERE state = 'pending'").getInt64() == 0 &&
          database.execAndGet("SELECT COUNT(*) FROM outbox WHERE expanded_at IS NULL").getInt64() == 0) {
        break;
      }
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK_FALSE(Mentions(client.Get("/api/v1/reviews/1/events", as(unit))->body, secrets));
    CHECK_FALSE(Mentions(client.Get("/api/v1/reviews/1", as(unit))->body, secrets));
    for (const char* token_path : {"/api/v1/inbox?limit=200", "/api/v1/alerts?limit=200"}) {
      CHECK_FALSE(Mentions(client.Get(token_path, as(chair))->body, secrets));
    }
    log = service.Log();
  }
  receiver.Stop();
  const std::vector<std::string> webhook_bodies = receiver.Bodies();

  std::vector<ReceivedMail> mails = smtp.Received();
  REQUIRE(mails.size() > 10);
  for (const ReceivedMail& mail : mails) CHECK_FALSE(Mentions(mail.subject + "\n" + mail.body, secrets));
  REQUIRE_FALSE(webhook_bodies.empty());
  for (const std::string& body : webhook_bodies) CHECK_FALSE(Mentions(body, secrets));
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  SQLite::Statement messages(database, "SELECT subject || ' ' || body FROM messages");
  while (messages.executeStep()) CHECK_FALSE(Mentions(messages.getColumn(0).getString(), secrets));
  SQLite::Statement digests(database, "SELECT body FROM digests");
  while (digests.executeStep()) CHECK_FALSE(Mentions(digests.getColumn(0).getString(), secrets));
  CHECK_FALSE(Mentions(log, secrets));
}
