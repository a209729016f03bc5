// Links in every message open the page at server.public_url (or the address the service listens on), and
// the privacy check refuses to run until the review has identifiers to look for, through the real binary.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/api_client.h"
#include "support/board_client.h"
#include "support/process.h"
#include "support/smtp_server.h"
#include "support/test_support.h"
#include "support/webhook_receiver.h"

using nlohmann::json;
using namespace scr::test::board;
using scr::test::CountRows;
using scr::test::ReceivedMail;
using scr::test::SmtpServer;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::WaitFor;

namespace {

// Every http(s) link in `text`.
std::vector<std::string> Links(const std::string& text) {
  static const std::regex kLink(R"(https?://[^\s"<>]+)");
  std::vector<std::string> links;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kLink); it != std::sregex_iterator(); ++it) {
    links.push_back(it->str());
  }
  return links;
}

}  // namespace

TEST_CASE("links: every email, inbox item, webhook and digest links to the page at server.public_url",
          "[integration][links][notifier]") {
  scr::test::WebhookReceiver receiver;
  const int hook_port = receiver.port();

  TempDir dir;
  std::string db = dir.File("scr.db");
  SmtpServer smtp(dir.File("mail"));
  Board board = MakeBoard(db);
  const std::string base = "https://scr.example.org/northshire";
  std::ofstream(dir.File("scr.yaml"))
      << "server:\n  public_url: " << base << "/\nnotifier:\n  smtp:\n    url: " << smtp.url()
      << "\n    allow_insecure: true\n  webhooks:\n    - url: http://127.0.0.1:" << hook_port
      << "/hook\n      secret: whsec_PzmcOz+X68rCqyC+6b1yo045RLLgNGnlPhCDiNVwBQY=\n"
      << "      allow_insecure: true\n";
  {
    TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
    scr::test::ApiClient client("127.0.0.1", service.port());
    long long review = Refer(client, board, "Child L (links)");
    Send(client, "POST", "/api/v1/admin/clock/advance", board.admin, {{"days", 40}}, 200);
    // Until everything queued is delivered and the daily digest has reached the mail server (a first
    // attempt may meet the mail server still starting, and be retried).
    auto digest_mailed = [&] {
      std::vector<ReceivedMail> received = smtp.Received();
      return std::any_of(received.begin(), received.end(),
                         [](const ReceivedMail& mail) { return mail.subject.rfind("Daily digest", 0) == 0; });
    };
    REQUIRE(WaitFor([&] {
      return CountRows(db, "SELECT COUNT(*) FROM digests WHERE kind = 'daily' AND item_count > 0") > 0 &&
             CountRows(db, "SELECT COUNT(*) FROM messages WHERE state = 'pending'") == 0 &&
             CountRows(db, "SELECT COUNT(*) FROM outbox WHERE expanded_at IS NULL") == 0 && digest_mailed();
    }));
    std::string review_page = base + "/reviews/" + std::to_string(review);

    // Emails: each alert links to its review's page, each digest to the chair's queue and its reviews.
    std::vector<ReceivedMail> mails = smtp.Received();
    REQUIRE_FALSE(mails.empty());
    bool digest_seen = false;
    for (const ReceivedMail& mail : mails) {
      INFO(mail.subject << "\n" << mail.body);
      std::vector<std::string> links = Links(mail.body);
      REQUIRE_FALSE(links.empty());
      for (const std::string& link : links) {
        CHECK((link == review_page || link == base + "/chair" || link == base + "/my-work"));
      }
      if (mail.subject.rfind("Daily digest", 0) == 0) {
        digest_seen = true;
        CHECK(mail.body.find(base + "/chair") != std::string::npos);
        CHECK(mail.body.find(review_page) != std::string::npos);
      } else {
        CHECK(mail.body.find("Open the review: " + review_page) != std::string::npos);
      }
    }
    CHECK(digest_seen);

    // The inbox: each item says which review it is about and links to its page.
    json inbox = Get(client, "/api/v1/inbox?limit=200", board.chair)["items"];
    REQUIRE_FALSE(inbox.empty());
    for (const json& item : inbox) {
      INFO(item.dump());
      if (item["alert"].is_null()) {
        CHECK(item["link"] == base + "/my-work");
      } else {
        CHECK(item["review"] == review);
        CHECK(item["review_title"] == "Child L (links)");
        CHECK(item["link"] == review_page);
      }
    }
    // The calendar's links too.
    auto calendar = client.Get("/api/v1/calendar.ics", As(board.unit));
    REQUIRE(calendar);
    std::string unfolded = std::regex_replace(calendar->body, std::regex("\r\n "), "");  // RFC 5545 folding
    CHECK(unfolded.find(review_page) != std::string::npos);
  }
  receiver.Stop();
  const std::vector<std::string> hooks = receiver.Bodies();
  // Webhooks: the alert's link is its review's page, a digest's the chair's queue.
  REQUIRE_FALSE(hooks.empty());
  for (const std::string& body : hooks) {
    json hook = json::parse(body);
    INFO(body);
    if (hook["type"] == "alert") {
      CHECK(hook["link"] == base + "/reviews/" + std::to_string(hook["alert"]["review"].get<long long>()));
    } else {
      CHECK(hook["link"] == base + "/chair");
    }
  }
}

TEST_CASE("links: without server.public_url the email's link is the address the service listens on",
          "[integration][links][notifier]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  SmtpServer smtp(dir.File("mail"));
  Board board = MakeBoard(db);
  std::ofstream(dir.File("scr.yaml"))
      << "notifier:\n  smtp:\n    url: " << smtp.url() << "\n    allow_insecure: true\n";
  TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
  scr::test::ApiClient client("127.0.0.1", service.port());
  long long review = Refer(client, board, "Child M (links)");
  Send(client, "POST", "/api/v1/admin/clock/advance", board.admin, {{"days", 40}}, 200);
  REQUIRE(WaitFor([&] { return !smtp.Received().empty(); }));
  std::string page =
      "http://127.0.0.1:" + std::to_string(service.port()) + "/reviews/" + std::to_string(review);
  const ReceivedMail mail = smtp.Received().front();
  INFO(mail.body);
  REQUIRE(Links(mail.body) == std::vector<std::string>{page});
  // Followed, the link opens the page itself (which asks for a sign-in, then shows that review).
  std::string path = page.substr(page.find('/', std::string("http://").size()));
  CHECK(path == "/reviews/" + std::to_string(review));
  auto opened = client.Get(path.c_str());
  REQUIRE(opened);
  CHECK(opened->status == 200);
  CHECK(opened->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(opened->body.find("/web/app.js") != std::string::npos);
}

TEST_CASE(
    "privacy check over HTTP: refused without identifiers, a recorded name and a recorded address are "
    "found, a clean text completes privacy_check_passed",
    "[integration][privacy]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  Board board = MakeBoard(db);
  TrackerService service(db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  long long id = Refer(client, board, "Child P (privacy)");
  std::string review = "/api/v1/reviews/" + std::to_string(id);

  auto refused = client.Post((review + "/privacy-check").c_str(), As(board.unit),
                             json{{"text", "Kerry Doyle lived at 4 Mill Lane."}}.dump(), "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 422);
  CHECK(refused->get_header_value("Content-Type") == "application/problem+json");
  json problem = json::parse(refused->body);
  CHECK(problem["status"] == 422);
  CHECK(problem["detail"].get<std::string>().find(
            "record the family members' names and the addresses the family lived at") != std::string::npos);
  CHECK(problem["detail"].get<std::string>().find("then run the check again") != std::string::npos);

  // The register: recorded, listed and removed by the business unit or the lead reviewer, never by the chair.
  json name = Send(client, "POST", review + "/identifiers", board.unit,
                   {{"kind", "name"}, {"value", "Kerry Doyle"}, {"note", "the child's mother"}}, 201);
  CHECK(name["kind"] == "name");
  CHECK(name["value"] == "Kerry Doyle");
  Send(client, "POST", review + "/identifiers", board.lead,
       {{"kind", "address"}, {"value", "4 Mill Lane, Eastbrook"}}, 201);
  json mistake = Send(client, "POST", review + "/identifiers", board.unit,
                      {{"kind", "place"}, {"value", "Review"}}, 201);
  Send(client, "POST", review + "/identifiers", board.unit, {{"kind", "street"}, {"value", "Mill Lane"}},
       400);
  Send(client, "POST", review + "/identifiers", board.unit,
       {{"kind", "name"}, {"value", "X"}, {"colour", "red"}}, 400);
  Send(client, "POST", review + "/identifiers", board.chair, {{"kind", "name"}, {"value", "Kerry Doyle"}},
       403);
  CHECK(client.Get((review + "/identifiers").c_str(), As(board.chair))->status == 403);
  Send(client, "DELETE", review + "/identifiers/" + std::to_string(mistake["id"].get<long long>()),
       board.unit, {}, 204);
  Send(client, "DELETE", review + "/identifiers/" + std::to_string(mistake["id"].get<long long>()),
       board.unit, {}, 404);
  json listed = Get(client, review + "/identifiers", board.lead)["items"];
  REQUIRE(listed.size() == 2);
  CHECK(listed[1]["value"] == "4 Mill Lane, Eastbrook");

  // A surname alone, whatever its case, and the street without its number.
  std::string text = "The mother, Ms DOYLE, moved to Mill Lane in the spring.";
  json checked = Send(client, "POST", review + "/privacy-check", board.unit, {{"text", text}}, 200);
  CHECK(checked["passed"] == false);
  std::vector<std::string> matches;
  for (const json& finding : checked["findings"])
    matches.push_back(finding["kind"].get<std::string>() + ":" + finding["match"].get<std::string>());
  CHECK(matches == std::vector<std::string>{"name:DOYLE", "address:Mill Lane"});

  // The history says identifiers were recorded, never what they are; no log line carries them.
  json history = Get(client, review + "/events", board.unit);
  CHECK(history.dump().find("privacy_identifier_recorded") != std::string::npos);
  CHECK(history.dump().find("privacy_identifier_removed") != std::string::npos);
  CHECK(history.dump().find("Doyle") == std::string::npos);
  CHECK(history.dump().find("Mill Lane") == std::string::npos);
  CHECK(service.Log().find("Doyle") == std::string::npos);
  CHECK(service.Log().find("Mill Lane") == std::string::npos);

  // Walk the review on to where the check counts, then check the final text.
  for (const char* event : {"decide_to_review", "commission", "start_review", "submit_report",
                            "sign_off_report", "agree_response"}) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto answer = client.Post((review + "/events").c_str(), As(board.unit),
                                json{{"event", event}, {"reason", "As agreed."}}.dump(), "application/json");
      REQUIRE(answer);
      if (answer->status == 200) break;
      INFO(event << ": " << answer->body);
      REQUIRE(answer->status == 409);
      for (const json& key : json::parse(answer->body).value("blocking", json::array())) {
        Send(client, "POST", review + "/checkpoints/" + key.get<std::string>() + "/complete", board.unit,
             {{"note", "Done."}}, 200);
      }
    }
  }
  json clean = Send(client, "POST", review + "/privacy-check", board.unit,
                    {{"text", "The mother moved house; the family are not named."}}, 200);
  CHECK(clean["passed"] == true);
  json shown = Get(client, review, board.unit);
  bool passed = false;
  for (const json& checkpoint : shown["checkpoints"]) {
    if (checkpoint["key"] == "privacy_check_passed") passed = checkpoint["status"] == "done";
  }
  CHECK(passed);
}
