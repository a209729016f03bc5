// Signing in to the dashboard: a password gives a session cookie that stands in for a token; changes made
// with it must carry the session's CSRF token; wrong passwords, ended sessions and other boards are refused.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdio>

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

std::string CookieOf(const httplib::Result& response) {
  std::string header = response->get_header_value("Set-Cookie");
  return header.substr(0, header.find(';'));
}

}  // namespace

TEST_CASE("sessions: sign in with a password, act with the cookie and the CSRF token, sign out",
          "[integration][session]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string sam = RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name", "Sam",
                                  "--email", "sam@northshire.example"});
  std::string other_board = RunAdmin(db, {"create-board", "--name", "Westvale"});
  std::string alex = RunAdmin(db, {"create-user", "--board", other_board, "--role", "business_unit", "--name", "Alex",
                                   "--email", "alex@westvale.example"});
  CHECK(SetPassword(db, sam, "short") != 0);  // refused: too short
  REQUIRE(SetPassword(db, sam, "correct horse battery") == 0);
  REQUIRE(SetPassword(db, alex, "another long password") == 0);
  TrackerService service(db);
  scr::test::ApiClient client("127.0.0.1", service.port());

  auto wrong = client.Post("/api/v1/session", R"({"email": "sam@northshire.example", "password": "guess guess"})",
                           "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(wrong->get_header_value("Set-Cookie").empty());
  CHECK(client.Post("/api/v1/session", R"({"email": "nobody@example.org", "password": "correct horse battery"})",
                    "application/json")->status == 401);
  CHECK(client.Post("/api/v1/session", R"({"email": "sam@northshire.example"})", "application/json")->status == 400);

  auto signed_in = client.Post("/api/v1/session", R"({"email": "sam@northshire.example", "password": "correct horse battery"})",
                               "application/json");
  REQUIRE(signed_in);
  REQUIRE(signed_in->status == 201);
  std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  json session = json::parse(signed_in->body);
  CHECK(session["name"] == "Sam");
  CHECK(session["role"] == "business_unit");
  std::string csrf = session["csrf_token"];
  httplib::Headers cookie = {{"Cookie", CookieOf(signed_in)}};

  json me = json::parse(client.Get("/api/v1/session", cookie)->body);
  CHECK(me["board_name"] == "Northshire");
  CHECK(me["csrf_token"] == csrf);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child S"}, {"incident_date", "2026-11-02"},
                   {"referral_date", "2026-11-03"}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  auto forged = client.Post("/api/v1/reviews", cookie, referral.dump(), "application/json");
  CHECK(forged->status == 403);  // a change without the page's CSRF token, as a forged cross-site form would send
  CHECK(json::parse(forged->body)["detail"].get<std::string>().find("X-CSRF-Token") != std::string::npos);
  httplib::Headers with_csrf = {{"Cookie", CookieOf(signed_in)}, {"X-CSRF-Token", csrf}};
  auto referred = client.Post("/api/v1/reviews", with_csrf, referral.dump(), "application/json");
  REQUIRE(referred->status == 201);
  long long review = json::parse(referred->body)["id"];
  json history = json::parse(client.Get(("/api/v1/reviews/" + std::to_string(review) + "/events").c_str(), cookie)->body);
  CHECK(history["items"][0]["actor"].get<std::string>().find("Sam") == 0);  // attributed to the signed-in user

  auto alex_in = client.Post("/api/v1/session", R"({"email": "alex@westvale.example", "password": "another long password"})",
                             "application/json");
  REQUIRE(alex_in->status == 201);
  CHECK(client.Get(("/api/v1/reviews/" + std::to_string(review)).c_str(), {{"Cookie", CookieOf(alex_in)}})->status == 404);

  REQUIRE(client.Post("/api/v1/session/sign-out", with_csrf, "", "application/json")->status == 200);
  CHECK(client.Get("/api/v1/session", cookie)->status == 401);
  CHECK(client.Get("/api/v1/reviews", cookie)->status == 401);
}

TEST_CASE("dashboard: the page and its files are served with a content security policy", "[integration][session]") {
  TempDir dir;
  TrackerService service(dir.File("scr.db"));
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);
  CHECK(page->body.find("/web/app.js") != std::string::npos);
  auto script = client.Get("/web/app.js");
  REQUIRE(script);
  CHECK(script->status == 200);
  CHECK(script->get_header_value("Content-Type").find("text/javascript") == 0);
  CHECK(client.Get("/web/missing.js")->status == 404);
  CHECK(client.Get("/web/../scr.db")->status == 404);
  // The page's own addresses, which messages link to, open the page itself (its script then asks for a
  // sign-in when there is no session); anything else there is still a 404.
  for (const char* address : {"/reviews/5", "/chair", "/actions", "/my-work", "/refer", "/?phase=report_qa"}) {
    INFO(address);
    auto opened = client.Get(address);
    REQUIRE(opened);
    CHECK(opened->status == 200);
    CHECK(opened->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(opened->body.find("/web/app.js") != std::string::npos);
  }
  CHECK(client.Get("/reviews/five")->status == 404);
  CHECK(client.Get("/reviews/5/events")->status == 404);
}
