// The notifier against a real SMTP server (aiosmtpd on 127.0.0.1): alerts arrive as email to the users
// whose role the workflow names, once each, and wait through an outage of the server.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
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

namespace {

httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

struct Board {
  std::string unit;
  std::string admin;
  std::string chair;  // the chair user's own token: the inbox is a user's
};

// A board with a chair and a business unit who have email addresses, and a config file that sends
// email through `smtp_url`, a server on loopback without TLS (allow_insecure).
Board MakeBoard(const TempDir& dir, const std::string& db, const std::string& smtp_url) {
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string chair = RunAdmin(db, {"create-user", "--board", board, "--role", "chair", "--name", "Pat Chair", "--email",
                                    "chair@example.org"});
  RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name", "Sam Unit", "--email",
                "unit@example.org"});
  std::ofstream(dir.File("scr.yaml")) << "notifier:\n  smtp:\n    url: " << smtp_url
                                      << "\n    from: tracker@example.org\n    allow_insecure: true\n";
  return {RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"}),
          RunAdmin(db, {"create-token", "--board", board, "--role", "admin"}),
          RunAdmin(db, {"create-token", "--board", board, "--role", "chair", "--user", chair})};
}

void Refer(httplib::Client& client, const Board& board, const std::string& title) {
  std::string today =
      json::parse(client.Get("/api/v1/admin/clock", As(board.admin))->body)["now"].get<std::string>().substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", title}, {"incident_date", today}, {"referral_date", today},
                   {"rationale", "Serious harm."}, {"statutory_criteria_met", true}, {"child_died", false}};
  auto created = client.Post("/api/v1/reviews", As(board.unit), referral.dump(), "application/json");
  REQUIRE(created);
  REQUIRE(created->status == 201);
}

// Moves the simulated clock past the chair's decision and its escalation to the chair.
void AdvanceToEscalation(httplib::Client& client, const Board& board) {
  auto advanced = client.Post("/api/v1/admin/clock/advance", As(board.admin), R"({"days": 60})", "application/json");
  REQUIRE(advanced);
  REQUIRE(advanced->status == 200);
}

}  // namespace

TEST_CASE("notifier: the chair receives the escalation email naming the review, with a link to it, once",
          "[integration][notifier]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  SmtpServer smtp(dir.File("mail"));
  Board board = MakeBoard(dir, db, smtp.url());
  TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
  scr::test::ApiClient client("127.0.0.1", service.port());
  Refer(client, board, "Child C (notifier)");
  auto advanced = client.Post("/api/v1/admin/clock/advance", As(board.admin), R"({"days": 60})", "application/json");
  REQUIRE(advanced);
  REQUIRE(advanced->status == 200);

  auto escalation_to_chair = [&](const ReceivedMail& mail) {
    return mail.to == "chair@example.org" && mail.subject.rfind("Escalation (level ", 0) == 0 &&
           mail.message_id.find("/checkpoint/chair_decision/") != std::string::npos;
  };
  REQUIRE(WaitFor([&] {
    std::vector<ReceivedMail> mails = smtp.Received();
    return std::any_of(mails.begin(), mails.end(), escalation_to_chair);
  }));
  // Everything queued so far has gone out: then each message must have arrived exactly once.
  REQUIRE(WaitFor([&] { return CountRows(db, "SELECT COUNT(*) FROM messages WHERE state = 'pending'") == 0; }));
  std::vector<ReceivedMail> mails = smtp.Received();
  const ReceivedMail& mail = *std::find_if(mails.begin(), mails.end(), escalation_to_chair);
  CHECK(mail.subject.find("Child C (notifier) (review 1)") != std::string::npos);
  CHECK(mail.body.find("Quality Marker") != std::string::npos);
  CHECK(mail.body.find("http://127.0.0.1:" + std::to_string(service.port()) + "/reviews/1") != std::string::npos);
  CHECK(mail.message_id.find("review/1/checkpoint/chair_decision/") == 0);
  std::set<std::string> ids;
  for (const ReceivedMail& received : mails) CHECK(ids.insert(received.message_id).second);
  CHECK(static_cast<long long>(mails.size()) ==
        CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'delivered'"));
  // The business unit hears of what is theirs, the chair of what was escalated to the chair.
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND recipient = 'unit@example.org'") > 0);
  // Each recipient also has it in the in-app inbox.
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'inbox'") ==
        CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email'"));

  // The chair's inbox: the same words, unread until read; nobody else's messages.
  json inbox = json::parse(client.Get("/api/v1/inbox?unread=true&limit=200", As(board.chair))->body)["items"];
  REQUIRE_FALSE(inbox.empty());
  CHECK(static_cast<long long>(inbox.size()) ==
        CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND recipient = 'chair@example.org'"));
  long long first = inbox[0]["id"];
  auto read = client.Post(("/api/v1/inbox/" + std::to_string(first) + "/read").c_str(), As(board.chair), "",
                          "application/json");
  REQUIRE(read);
  CHECK(read->status == 200);
  CHECK(json::parse(read->body)["read"] == true);
  CHECK(json::parse(client.Get("/api/v1/inbox?unread=true&limit=200", As(board.chair))->body)["items"].size() ==
        inbox.size() - 1);
  CHECK(client.Get("/api/v1/inbox", As(board.unit))->status == 400);  // a token of no user has no inbox
  // The audit: every message with its attempts, for the business unit; not for the chair.
  json audit = json::parse(client.Get("/api/v1/notifications?channel=email&limit=200", As(board.unit))->body)["items"];
  CHECK(static_cast<long long>(audit.size()) == static_cast<long long>(mails.size()));
  CHECK(audit[0]["state"] == "delivered");
  CHECK(audit[0]["attempts"].size() == 1);
  CHECK(client.Get("/api/v1/notifications", As(board.chair))->status == 403);
}

TEST_CASE("notifier: while the SMTP server is down messages wait and are retried, and when it returns each arrives "
          "once",
          "[integration][notifier]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  SmtpServer smtp(dir.File("mail"));
  smtp.Stop();  // down from the start
  Board board = MakeBoard(dir, db, smtp.url());
  TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
  scr::test::ApiClient client("127.0.0.1", service.port());
  Refer(client, board, "Child D (outage)");  // a reminder falls due at once
  REQUIRE(WaitFor([&] {
    return CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND attempts >= 1") > 0;
  }));
  long long emails = CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email'");
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'pending'") == emails);
  CHECK(CountRows(db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'failed'") > 0);

  smtp.Start();
  REQUIRE(WaitFor([&] { return CountRows(db, "SELECT COUNT(*) FROM messages WHERE state = 'pending'") == 0; }));
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'delivered'") == emails);
  std::vector<ReceivedMail> mails = smtp.Received();
  CHECK(static_cast<long long>(mails.size()) == emails);
  std::set<std::string> ids;
  for (const ReceivedMail& mail : mails) CHECK(ids.insert(mail.message_id).second);
  // Every attempt is on record: the failures while it was down, then one delivery per message.
  CHECK(CountRows(db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'delivered'") == emails);
  json audit = json::parse(client.Get("/api/v1/notifications?channel=email", As(board.unit))->body)["items"];
  REQUIRE_FALSE(audit.empty());
  CHECK(audit[0]["attempts"][0]["outcome"] == "failed");
  CHECK(audit[0]["attempts"].back()["outcome"] == "delivered");
}

TEST_CASE("notifier: email goes over STARTTLS to a server that requires it, trusting the configured CA, and a "
          "server without it gets nothing",
          "[integration][notifier][tls]") {
  TempDir dir;
  std::string cert = dir.File("cert.pem"), key = dir.File("key.pem");
  scr::test::MakeSelfSignedCertificate(cert, key);
  SmtpServer secure(dir.File("secure-mail"), cert, key);  // refuses mail before STARTTLS
  SmtpServer plain(dir.File("plain-mail"));
  for (SmtpServer* server : {&secure, &plain}) {
    std::string db = dir.File(server == &secure ? "secure.db" : "plain.db");
    Board board = MakeBoard(dir, db, server->url());
    std::ofstream(dir.File("scr.yaml")) << "notifier:\n  smtp:\n    url: " << server->url()
                                        << "\n    from: tracker@example.org\n    ca_file: " << cert << "\n";
    TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
    scr::test::ApiClient client("127.0.0.1", service.port());
    Refer(client, board, "Child J (tls)");  // reminders fall due at once
    if (server == &secure) {
      REQUIRE(WaitFor([&] {
        return CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email'") > 0 &&
               CountRows(db, "SELECT COUNT(*) FROM messages WHERE state = 'pending'") == 0;
      }));
      CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'delivered'") > 0);
      CHECK(static_cast<long long>(secure.Received().size()) ==
            CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email'"));
    } else {
      REQUIRE(WaitFor([&] {
        return CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND attempts >= 1") > 0;
      }));
      CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'delivered'") == 0);
      CHECK(plain.Received().empty());
    }
  }
}

TEST_CASE("notifier: with the right SMTP password the chair's email arrives, with a wrong one nothing arrives, each "
          "attempt is recorded as a refused login and retried, and the password is written nowhere",
          "[integration][notifier][smtp_login]") {
  TempDir dir;
  scr::test::SmtpLogin login{"tracker", "right-password-1"};

  // Right password, given as notifier.smtp.username and .password.
  SmtpServer good(dir.File("good-mail"), login);
  std::string good_db = dir.File("good.db");
  Board good_board = MakeBoard(dir, good_db, good.url());
  std::ofstream(dir.File("good.yaml")) << "notifier:\n  smtp:\n    url: " << good.url()
                                       << "\n    from: tracker@example.org\n    username: tracker\n"
                                          "    password: right-password-1\n    allow_insecure: true\n";
  {
    TrackerService service(good_db, {"--clock", "simulated", "--config", dir.File("good.yaml")});
    scr::test::ApiClient client("127.0.0.1", service.port());
    Refer(client, good_board, "Child L (login)");
    AdvanceToEscalation(client, good_board);
    REQUIRE(WaitFor([&] {
      std::vector<ReceivedMail> mails = good.Received();
      return std::any_of(mails.begin(), mails.end(),
                         [](const ReceivedMail& mail) { return mail.to == "chair@example.org"; });
    }));
    CHECK(CountRows(good_db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'failed'") == 0);
  }

  // Wrong password, given in the URL as user:password@.
  SmtpServer bad(dir.File("bad-mail"), login);
  std::string bad_db = dir.File("bad.db");
  std::string bad_url = "smtp://tracker:wrong-password-2@127.0.0.1:" + std::to_string(bad.port());
  Board bad_board = MakeBoard(dir, bad_db, bad_url);
  TrackerService service(bad_db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
  scr::test::ApiClient client("127.0.0.1", service.port());
  Refer(client, bad_board, "Child M (login refused)");
  AdvanceToEscalation(client, bad_board);
  const std::string chair_email = "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND "
                                  "recipient = 'chair@example.org'";
  REQUIRE(WaitFor([&] { return CountRows(bad_db, chair_email + " AND attempts >= 2") > 0; }));  // retried
  CHECK(CountRows(bad_db, chair_email + " AND state = 'pending'") == CountRows(bad_db, chair_email));
  CHECK(CountRows(bad_db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'delivered'") == 0);
  CHECK(bad.Received().empty());
  CHECK(CountRows(bad_db, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'failed' AND detail LIKE "
                          "'%refused the login%notifier.smtp.password%'") >= 2);
  CHECK(CountRows(bad_db, "SELECT COUNT(*) FROM delivery_attempts WHERE detail LIKE '%wrong-password%'") == 0);
  // The business unit sees why in the audit, and the inbox still has the alert.
  json audit = json::parse(client.Get("/api/v1/notifications?channel=email", As(bad_board.unit))->body)["items"];
  REQUIRE_FALSE(audit.empty());
  CHECK(audit[0]["state"] == "pending");
  CHECK(audit[0]["attempts"][0]["outcome"] == "failed");
  CHECK(audit[0]["attempts"][0]["detail"].get<std::string>().find("refused the login") != std::string::npos);
  CHECK_FALSE(json::parse(client.Get("/api/v1/inbox", As(bad_board.chair))->body)["items"].empty());
}
