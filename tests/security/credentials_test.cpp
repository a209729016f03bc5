// Credentials that can be taken back and sign-in that cannot be guessed, tried as an attacker would:
// guessing a password (from one address or many emails), telling known emails from unknown ones by the
// time an answer takes, using a token after it was revoked, expired or its user disabled, putting an API
// token in a URL, and a session cookie sent in clear behind a TLS proxy.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::RunTracker;
using scr::test::SetPassword;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

// A sign-in as it reaches the service through the documented nginx on the same machine: the client's
// address is the last of X-Forwarded-For.
httplib::Result SignIn(httplib::Client& client, const std::string& email, const std::string& password,
                       const std::string& from) {
  json body = {{"email", email}, {"password", password}};
  return client.Post("/api/v1/session", {{"X-Forwarded-For", from}}, body.dump(), "application/json");
}

std::string CookieOf(const httplib::Result& response) {
  std::string header = response->get_header_value("Set-Cookie");
  return header.substr(0, header.find(';'));
}

int Status(httplib::Client& client, const std::string& path, const httplib::Headers& headers = {}) {
  auto response = client.Get(path.c_str(), headers);
  return response ? response->status : -1;
}

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::string Detail(const httplib::Result& response) {
  return json::parse(response->body).value("detail", std::string());
}

// The UTC date `days` from now, YYYY-MM-DD.
std::string UtcDate(int days) {
  std::time_t at = std::time(nullptr) + days * 24 * 3600;
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&at));
  return text;
}

struct Board {
  std::string db;
  std::string id;
  std::string sam;   // business unit, password "correct horse battery"
  std::string alex;  // chair, password "another long password"
};

Board MakeBoard(const TempDir& dir) {
  Board board{dir.File("scr.db"), "", "", ""};
  board.id = RunAdmin(board.db, {"create-board", "--name", "Northshire"});
  board.sam = RunAdmin(board.db, {"create-user", "--board", board.id, "--role", "business_unit", "--name", "Sam",
                                  "--email", "sam@northshire.example"});
  board.alex = RunAdmin(board.db, {"create-user", "--board", board.id, "--role", "chair", "--name", "Alex", "--email",
                                   "alex@northshire.example"});
  REQUIRE(SetPassword(board.db, board.sam, "correct horse battery") == 0);
  REQUIRE(SetPassword(board.db, board.alex, "another long password") == 0);
  return board;
}

double MedianMs(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

TEST_CASE("security: guessing one user's password is stopped after 10 failures, the right password included, "
          "across a restart",
          "[security][credentials]") {
  TempDir dir;
  Board board = MakeBoard(dir);
  auto service = std::make_unique<TrackerService>(board.db);
  {
    scr::test::ApiClient client("127.0.0.1", service->port());
    for (int i = 0; i < 10; ++i) {
      auto guess = SignIn(client, "sam@northshire.example", "guess number " + std::to_string(i), "203.0.113.7");
      REQUIRE(guess);
      REQUIRE(guess->status == 401);
    }
    auto right = SignIn(client, "sam@northshire.example", "correct horse battery", "203.0.113.7");
    REQUIRE(right);
    CHECK(right->status == 429);
    CHECK(right->get_header_value("Set-Cookie").empty());
    int retry_after = right->has_header("Retry-After") ? std::stoi(right->get_header_value("Retry-After")) : 0;
    CHECK(retry_after > 0);
    CHECK(retry_after <= 15 * 60);
    // The lock is on the email, wherever the guesses come from; another user of the same address signs in.
    CHECK(SignIn(client, "SAM@northshire.example", "correct horse battery", "192.0.2.44")->status == 429);
    CHECK(SignIn(client, "alex@northshire.example", "another long password", "203.0.113.7")->status == 201);
  }
  std::string log = service->Log();
  CHECK(log.find("sign-in failed from 203.0.113.7 for email hash") != std::string::npos);
  CHECK(log.find("sam@northshire.example") == std::string::npos);  // a hash of it, never the address
  CHECK(log.find("guess number") == std::string::npos);
  service.reset();
  TrackerService again(board.db);  // a restart does not lift the lockout
  scr::test::ApiClient client("127.0.0.1", again.port());
  CHECK(SignIn(client, "sam@northshire.example", "correct horse battery", "203.0.113.7")->status == 429);
}

TEST_CASE("security: 50 failed sign-ins from one address lock that address out, whatever the emails",
          "[security][credentials]") {
  TempDir dir;
  Board board = MakeBoard(dir);
  TrackerService service(board.db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  for (int i = 0; i < 50; ++i) {
    auto guess = SignIn(client, "someone" + std::to_string(i) + "@northshire.example", "a password guess",
                        "198.51.100.9");
    REQUIRE(guess);
    REQUIRE(guess->status == 401);
  }
  auto fifty_first = SignIn(client, "alex@northshire.example", "another long password", "198.51.100.9");
  CHECK(fifty_first->status == 429);
  CHECK(!fifty_first->get_header_value("Retry-After").empty());
  // Earlier X-Forwarded-For entries are the client's to write; the last is the address nginx saw.
  CHECK(SignIn(client, "alex@northshire.example", "another long password", "192.0.2.1, 198.51.100.9")->status == 429);
  CHECK(SignIn(client, "alex@northshire.example", "another long password", "192.0.2.1")->status == 201);
}

TEST_CASE("security: a sign-in for an unknown email takes as long as one for a known email",
          "[security][credentials]") {
  TempDir dir;
  Board board = MakeBoard(dir);
  TrackerService service(board.db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  REQUIRE(SignIn(client, "warm@northshire.example", "warming up", "192.0.2.200")->status == 401);
  std::vector<double> known, unknown;
  for (int i = 0; i < 7; ++i) {
    for (bool is_known : {true, false}) {
      std::string email = is_known ? "sam@northshire.example" : "nobody" + std::to_string(i) + "@northshire.example";
      auto started = std::chrono::steady_clock::now();
      auto refused = SignIn(client, email, "wrong password", "192.0.2." + std::to_string(i));
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      REQUIRE(refused);
      REQUIRE(refused->status == 401);
      (is_known ? known : unknown).push_back(ms);
    }
  }
  double ratio = MedianMs(unknown) / MedianMs(known);
  INFO("known " << MedianMs(known) << " ms, unknown " << MedianMs(unknown) << " ms");
  CHECK(ratio > 0.5);
  CHECK(ratio < 2.0);
}

TEST_CASE("security: a revoked token, an expired token, and a disabled user's token and session are refused at once "
          "while the service runs",
          "[security][credentials]") {
  TempDir dir;
  Board board = MakeBoard(dir);
  std::string admin = RunAdmin(board.db, {"create-token", "--board", board.id, "--role", "admin"});
  std::string by_id = RunAdmin(board.db, {"create-token", "--board", board.id, "--role", "viewer"});
  std::string by_value = RunAdmin(board.db, {"create-token", "--board", board.id, "--role", "viewer"});
  std::string expiring = RunAdmin(board.db, {"create-token", "--board", board.id, "--role", "viewer", "--expires",
                                             UtcDate(1)});
  std::string sams = RunAdmin(board.db, {"create-token", "--board", board.id, "--role", "business_unit", "--user",
                                         board.sam});
  // A token that has expired already is not made.
  CHECK(RunTracker({"admin", "create-token", "--board", board.id, "--role", "viewer", "--expires", UtcDate(-1), "--db",
                    board.db}).exit_code != 0);
  TrackerService service(board.db, {"--clock", "simulated"});
  scr::test::ApiClient client("127.0.0.1", service.port());
  for (const std::string& token : {by_id, by_value, expiring, sams}) REQUIRE(Status(client, "/api/v1/reviews", Bearer(token)) == 200);
  auto sam_in = SignIn(client, "sam@northshire.example", "correct horse battery", "192.0.2.10");
  REQUIRE(sam_in->status == 201);
  auto alex_in = SignIn(client, "alex@northshire.example", "another long password", "192.0.2.11");
  REQUIRE(alex_in->status == 201);
  httplib::Headers sam_session = {{"Cookie", CookieOf(sam_in)}}, alex_session = {{"Cookie", CookieOf(alex_in)}};
  REQUIRE(Status(client, "/api/v1/reviews", sam_session) == 200);

  // Listed with when each was last used (at most a minute behind), never the token itself.
  json tokens;
  REQUIRE(scr::test::WaitFor([&] {
    tokens = json::parse(RunAdmin(board.db, {"list-tokens", "--board", board.id, "--json"}));
    return tokens.size() == 5 && !tokens[1]["last_used_at"].is_null();
  }, std::chrono::seconds(10)));
  std::string table = RunAdmin(board.db, {"list-tokens", "--board", board.id});
  CHECK(table.find(by_id) == std::string::npos);
  CHECK(tokens[3]["expires_at"].get<std::string>().substr(0, 10) == UtcDate(2));
  std::string id = std::to_string(tokens[1]["id"].get<long long>());

  RunAdmin(board.db, {"revoke-token", "--id", id});
  RunAdmin(board.db, {"revoke-token", "--token", by_value});
  auto revoked = client.Get("/api/v1/reviews", Bearer(by_id));
  CHECK(revoked->status == 401);
  CHECK(Detail(revoked).find("revoked") != std::string::npos);
  CHECK(Status(client, "/api/v1/reviews", Bearer(by_value)) == 401);

  // Expiry follows the service's clock: two days on, the token that worked through tomorrow is refused.
  REQUIRE(client.Post("/api/v1/admin/clock/advance", Bearer(admin), R"({"days": 2})", "application/json")->status == 200);
  auto expired = client.Get("/api/v1/reviews", Bearer(expiring));
  CHECK(expired->status == 401);
  CHECK(Detail(expired).find("expired") != std::string::npos);

  RunAdmin(board.db, {"disable-user", "--user", board.sam});
  CHECK(Status(client, "/api/v1/reviews", Bearer(sams)) == 401);
  CHECK(Status(client, "/api/v1/reviews", sam_session) == 401);
  CHECK(SignIn(client, "sam@northshire.example", "correct horse battery", "192.0.2.12")->status == 401);

  // A new password ends the user's sessions: a stolen cookie stops working with it.
  REQUIRE(Status(client, "/api/v1/reviews", alex_session) == 200);
  REQUIRE(SetPassword(board.db, board.alex, "a brand new passphrase") == 0);
  CHECK(Status(client, "/api/v1/reviews", alex_session) == 401);
  CHECK(SignIn(client, "alex@northshire.example", "a brand new passphrase", "192.0.2.13")->status == 201);
  CHECK(Status(client, "/api/v1/reviews", Bearer(admin)) == 200);
}

TEST_CASE("security: only a calendar token is taken in a URL, and it reads the calendar feed alone",
          "[security][credentials]") {
  TempDir dir;
  Board board = MakeBoard(dir);
  std::string admin = RunAdmin(board.db, {"create-token", "--board", board.id, "--role", "admin"});
  std::string feed = RunAdmin(board.db, {"create-token", "--board", board.id, "--role", "business_unit", "--user",
                                         board.sam, "--scope", "calendar"});
  CHECK(RunTracker({"admin", "create-token", "--board", board.id, "--role", "viewer", "--scope", "everything", "--db",
                    board.db}).exit_code != 0);
  TrackerService service(board.db);
  scr::test::ApiClient client("127.0.0.1", service.port());

  auto admin_in_url = client.Get(("/api/v1/calendar.ics?token=" + admin).c_str());
  REQUIRE(admin_in_url);
  CHECK(admin_in_url->status == 403);
  CHECK(Detail(admin_in_url).find("calendar token") != std::string::npos);
  auto calendar = client.Get(("/api/v1/calendar.ics?token=" + feed).c_str());
  REQUIRE(calendar);
  CHECK(calendar->status == 200);
  CHECK(calendar->get_header_value("Content-Type").find("text/calendar") == 0);

  auto reviews = client.Get("/api/v1/reviews", Bearer(feed));
  CHECK(reviews->status == 403);
  CHECK(Detail(reviews).find("calendar feed") != std::string::npos);
  CHECK(client.Post("/api/v1/reviews", Bearer(feed), "{}", "application/json")->status == 403);
  CHECK(Status(client, "/api/v1/reviews?token=" + feed) == 401);
  CHECK(Status(client, "/api/v1/reviews", Bearer(admin)) == 200);
}

TEST_CASE("security: the session cookie is Secure behind a proxy that ends TLS (server.public_url https://)",
          "[security][credentials]") {
  TempDir dir;
  Board board = MakeBoard(dir);
  std::string config = dir.File("config.yaml");
  scr::test::WriteFile(config, "server:\n  public_url: https://scr.northshire.example\n");
  {
    TrackerService proxied(board.db, {"--config", config});
    scr::test::ApiClient client("127.0.0.1", proxied.port());
    auto signed_in = SignIn(client, "sam@northshire.example", "correct horse battery", "192.0.2.20");
    REQUIRE(signed_in->status == 201);
    CHECK(signed_in->get_header_value("Set-Cookie").find("; Secure") != std::string::npos);
  }
  {
    TrackerService plain(board.db);  // plain HTTP end to end (a laptop's demo): a Secure cookie would not come back
    scr::test::ApiClient client("127.0.0.1", plain.port());
    auto signed_in = SignIn(client, "sam@northshire.example", "correct horse battery", "192.0.2.21");
    REQUIRE(signed_in->status == 201);
    CHECK(signed_in->get_header_value("Set-Cookie").find("Secure") == std::string::npos);
  }
  scr::test::WriteFile(config, "server:\n  public_url: scr.northshire.example\n");
  auto refused = RunTracker({"serve", "--db", board.db, "--listen", "127.0.0.1:0", "--config", config});
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("server.public_url") != std::string::npos);
}
