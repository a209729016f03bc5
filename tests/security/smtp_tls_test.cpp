// Email never goes in plain text. To an SMTP server (aiosmtpd on 127.0.0.1) that offers no STARTTLS, the real
// service sends nothing unless notifier.smtp.allow_insecure says it may: each attempt is recorded as failed with
// the reason, the server receives no message, and no password is written down. The old `require_tls: false`,
// which allowed the fall-back, is refused at start, naming the key that allows it now.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "support/api_client.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;
using scr::test::CountRows;
using scr::test::RunAdmin;
using scr::test::SmtpServer;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::WaitFor;

namespace {

struct Board {
  std::string db;
  std::string unit;
  std::string admin;
};

// A board whose business unit has an email address, in its own database file.
Board MakeBoard(const TempDir& dir, const std::string& name) {
  std::string db = dir.File(name + ".db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name", "Sam Unit", "--email",
                "unit@example.org"});
  return {db, RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"}),
          RunAdmin(db, {"create-token", "--board", board, "--role", "admin"})};
}

std::string SmtpConfig(const TempDir& dir, const std::string& name, const std::string& url, const std::string& extra) {
  std::string path = dir.File(name + ".yaml");
  std::ofstream(path) << "notifier:\n  smtp:\n    url: " << url << "\n    from: tracker@example.org\n" << extra;
  return path;
}

// A referral: its reminders fall due at once, and go to the business unit by email.
void Refer(const TrackerService& service, const Board& board) {
  scr::test::ApiClient client("127.0.0.1", service.port());
  httplib::Headers admin = {{"Authorization", "Bearer " + board.admin}};
  std::string today = json::parse(client.Get("/api/v1/admin/clock", admin)->body)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child T (tls)"}, {"incident_date", today},
                   {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  auto created =
      client.Post("/api/v1/reviews", {{"Authorization", "Bearer " + board.unit}}, referral.dump(), "application/json");
  REQUIRE(created);
  REQUIRE(created->status == 201);
}

}  // namespace

TEST_CASE("security: email is never sent in plain text: a server that offers no STARTTLS receives nothing, each "
          "attempt is recorded as failed saying why, and the password is written nowhere",
          "[security][smtp]") {
  TempDir dir;
  SmtpServer plain(dir.File("mail"));  // no STARTTLS
  Board board = MakeBoard(dir, "refused");
  std::string url = "smtp://tracker:never-written-pw-7@127.0.0.1:" + std::to_string(plain.port());
  TrackerService service(board.db, {"--clock", "simulated", "--config", SmtpConfig(dir, "refused", url, "")});
  Refer(service, board);
  const std::string emails = "SELECT COUNT(*) FROM messages WHERE channel = 'email'";
  REQUIRE(WaitFor([&] {  // failed and retried; or, as the service once did, sent in plain text
    return CountRows(board.db, emails + " AND attempts >= 2") > 0 || !plain.Received().empty();
  }));
  CHECK(plain.Received().empty());
  CHECK(CountRows(board.db, emails + " AND state = 'delivered'") == 0);
  CHECK(CountRows(board.db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'failed' AND detail LIKE "
                            "'%offers no STARTTLS, so the message was not sent%allow_insecure%'") >= 2);
  CHECK(CountRows(board.db, "SELECT COUNT(*) FROM delivery_attempts WHERE detail LIKE '%never-written-pw%'") == 0);
  CHECK_THAT(service.Log(), Contains("offers no STARTTLS") && !Contains("never-written-pw"));

  // The same server takes the mail once plain text is allowed (a relay on this machine): it was the TLS rule
  // that held the mail back above.
  Board allowed = MakeBoard(dir, "allowed");
  TrackerService relay(allowed.db, {"--clock", "simulated", "--config",
                                    SmtpConfig(dir, "allowed", plain.url(), "    allow_insecure: true\n")});
  Refer(relay, allowed);
  REQUIRE(WaitFor([&] { return !plain.Received().empty(); }));
  CHECK_THAT(relay.Log(), Contains("plain text") && Contains("allow_insecure"));
}

TEST_CASE("security: notifier.smtp.require_tls: false, which let email fall back to plain text, stops the start "
          "naming allow_insecure, while require_tls: true is still taken",
          "[security][smtp]") {
  TempDir dir;
  Board board = MakeBoard(dir, "scr");
  std::string url = "smtp://127.0.0.1:" + std::to_string(scr::test::FreePort());
  CHECK_THROWS_WITH(TrackerService(board.db, {"--config", SmtpConfig(dir, "old", url, "    require_tls: false\n")}),
                    Contains("require_tls: false") && Contains("notifier.smtp.allow_insecure: true"));
  CHECK_THROWS_WITH(TrackerService(board.db, {"--config", SmtpConfig(dir, "both", url,
                                                                     "    require_tls: true\n    allow_insecure: true\n")}),
                    Contains("contradict"));
  TrackerService service(board.db, {"--config", SmtpConfig(dir, "kept", url, "    require_tls: true\n")});
  CHECK(service.port() > 0);
}
