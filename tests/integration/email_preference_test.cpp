// A user's choice of email, set through the API or the admin command: with "digest" the user gets no
// email of a single alert (the inbox still has each at once) and the board's daily digest by email.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "support/api_client.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::CountRows;
using scr::test::ReceivedMail;
using scr::test::RunAdmin;
using scr::test::RunTracker;
using scr::test::SmtpServer;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::WaitFor;

namespace {

httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

httplib::Result PutPreferences(httplib::Client& client, const std::string& token, const std::string& body) {
  return client.Put("/api/v1/me/preferences", As(token), body, "application/json");
}

}  // namespace

TEST_CASE("preferences: a chair who takes alerts by digest gets them in the inbox at once and by email only in "
          "the daily digest, while the business unit still gets each by email",
          "[integration][notifier][preference]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  SmtpServer smtp(dir.File("mail"));
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string chair = RunAdmin(db, {"create-user", "--board", board, "--role", "chair", "--name", "Pat Chair",
                                    "--email", "chair@example.org"});
  std::string unit = RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name",
                                   "Sam Unit", "--email", "unit@example.org"});
  std::string chair_token = RunAdmin(db, {"create-token", "--board", board, "--role", "chair", "--user", chair});
  std::string unit_token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin_token = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});

  scr::test::CommandOutput wrong =
      RunTracker({"admin", "set-preference", "--user", unit, "--email", "weekly", "--db", db});
  CHECK(wrong.exit_code != 0);
  CHECK(wrong.err.find("immediate") != std::string::npos);
  CHECK(RunTracker({"admin", "set-preference", "--user", "999", "--email", "digest", "--db", db}).exit_code != 0);
  RunAdmin(db, {"set-preference", "--user", unit, "--email", "immediate"});

  std::ofstream(dir.File("scr.yaml")) << "notifier:\n  smtp:\n    url: " << smtp.url()
                                      << "\n    from: tracker@example.org\n    allow_insecure: true\n";  // loopback, no TLS
  TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto chosen = PutPreferences(client, chair_token, R"({"email": "digest"})");
  REQUIRE(chosen);
  CHECK(chosen->status == 200);
  CHECK(json::parse(chosen->body)["email"] == "digest");
  CHECK(CountRows(db, "SELECT COUNT(*) FROM users WHERE id = " + chair + " AND email_preference = 'digest'") == 1);
  auto no_user = PutPreferences(client, unit_token, R"({"email": "digest"})");
  CHECK(no_user->status == 409);
  CHECK(json::parse(no_user->body)["detail"].get<std::string>().find("--user") != std::string::npos);
  CHECK(PutPreferences(client, chair_token, R"({"email": "weekly"})")->status == 400);
  CHECK(PutPreferences(client, chair_token, R"({"email": "digest", "sms": true})")->status == 400);

  std::string today =
      json::parse(client.Get("/api/v1/admin/clock", As(admin_token))->body)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child P (preference)"}, {"incident_date", today},
                   {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  REQUIRE(client.Post("/api/v1/reviews", As(unit_token), referral.dump(), "application/json")->status == 201);
  auto advanced = client.Post("/api/v1/admin/clock/advance", As(admin_token), R"({"days": 45})", "application/json");
  REQUIRE(advanced);
  REQUIRE(advanced->status == 200);

  auto digest_to_chair = [](const ReceivedMail& mail) {
    return mail.to == "chair@example.org" && mail.message_id.rfind("digest/", 0) == 0;
  };
  REQUIRE(WaitFor([&] {
    std::vector<ReceivedMail> mails = smtp.Received();
    return std::any_of(mails.begin(), mails.end(), digest_to_chair) &&
           CountRows(db, "SELECT COUNT(*) FROM outbox WHERE expanded_at IS NULL") == 0 &&
           CountRows(db, "SELECT COUNT(*) FROM messages WHERE state = 'pending'") == 0;
  }));
  std::vector<ReceivedMail> mails = smtp.Received();
  for (const ReceivedMail& mail : mails) {
    INFO(mail.message_id);
    if (mail.to == "chair@example.org") CHECK(digest_to_chair(mail));  // never a single alert
  }
  CHECK(std::any_of(mails.begin(), mails.end(), [](const ReceivedMail& mail) {
    return mail.to == "unit@example.org" && mail.message_id.rfind("review/", 0) == 0;
  }));
  // Every alert to the chair is in the chair's inbox, at once.
  const std::string alerts_to_chair = "SELECT COUNT(*) FROM messages m JOIN outbox o ON o.id = m.outbox_id "
                                      "WHERE o.alert_id IS NOT NULL AND m.user_id = " + chair;
  CHECK(CountRows(db, alerts_to_chair + " AND m.channel = 'inbox'") > 0);
  CHECK(CountRows(db, alerts_to_chair + " AND m.channel = 'email'") == 0);
  json inbox = json::parse(client.Get("/api/v1/inbox?limit=200", As(chair_token))->body)["items"];
  CHECK(static_cast<long long>(inbox.size()) ==
        CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'inbox' AND user_id = " + chair));

  // Back to immediate, by the admin command while the service runs.
  RunAdmin(db, {"set-preference", "--user", chair, "--email", "immediate"});
  CHECK(CountRows(db, "SELECT COUNT(*) FROM users WHERE id = " + chair + " AND email_preference = 'immediate'") == 1);
}
