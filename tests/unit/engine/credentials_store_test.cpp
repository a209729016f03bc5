// The credentials store: tokens with a scope and an expiry that can be revoked, users that can be disabled,
// sessions ended by a new password, sign-in failures counted per email and per client over 15 minutes,
// and "last used" written at most once a minute.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "engine/calendar.h"
#include "engine/directory.h"
#include "engine/sessions.h"
#include "engine/token_use.h"
#include "store/sqlite/database.h"
#include "store/sqlite/schema.h"
#include "support/test_support.h"

using namespace scr;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  test::TempDir dir;
  std::string path = dir.File("scr.db");
  std::unique_ptr<Directory> directory = std::move(Directory::Open(path)).value();
  std::unique_ptr<Sessions> sessions = std::move(Sessions::Open(path)).value();
  BoardId board = directory->CreateBoard("Northshire", Nation::kEnglandAndWales, "Europe/London").value();
  UserId sam = directory->CreateUser(board, Role::kBusinessUnit, "Sam", "sam@northshire.example", "").value();
  Instant now = std::chrono::system_clock::now();

  Fixture() { REQUIRE(sessions->SetPassword(sam, "correct horse battery").ok()); }

  Result<SignInOutcome> SignIn(const std::string& password, const std::string& client = "192.0.2.1",
                               std::string email = "sam@northshire.example") {
    return sessions->SignIn({email, password, client, now});
  }
};

}  // namespace

TEST_CASE("tokens: a calendar token says so, an expiring token holds until its expiry by the given clock",
          "[engine][store][credentials]") {
  Fixture f;
  std::string calendar = f.directory->CreateToken({f.board, Role::kViewer, f.sam, TokenScope::kCalendar, std::nullopt}).value();
  Result<TokenGrant> grant = f.directory->Authenticate(calendar, f.now);
  REQUIRE(grant.ok());
  CHECK(grant->scope == TokenScope::kCalendar);
  CHECK(grant->actor.user_id == f.sam);

  std::string expiring = f.directory->CreateToken({f.board, Role::kViewer, std::nullopt, TokenScope::kApi, f.now + 24h}).value();
  CHECK(f.directory->Authenticate(expiring, f.now + 23h).ok());
  Result<TokenGrant> expired = f.directory->Authenticate(expiring, f.now + 24h);
  CHECK(expired.status().code() == Status::Code::kNotFound);
  CHECK(expired.status().message().find("expired") != std::string::npos);
  CHECK(f.directory->CreateToken({f.board, Role::kViewer, std::nullopt, TokenScope::kApi, f.now - 1h}).status().code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("tokens: revoked by id or by value, listed without the token, once revoked always revoked",
          "[engine][store][credentials]") {
  Fixture f;
  std::string token = f.directory->CreateToken({f.board, Role::kChair, f.sam}).value();
  Result<int64_t> id = f.directory->FindToken(token);
  REQUIRE(id.ok());
  CHECK(f.directory->FindToken("scr_not_a_token").status().code() == Status::Code::kNotFound);
  CHECK(f.directory->RevokeToken(*id, f.now).value() == true);
  CHECK(f.directory->RevokeToken(*id, f.now).value() == false);
  CHECK(f.directory->RevokeToken(9999, f.now).status().code() == Status::Code::kNotFound);
  Result<TokenGrant> refused = f.directory->Authenticate(token, f.now);
  CHECK(refused.status().message().find("revoked") != std::string::npos);

  std::vector<TokenRecord> tokens = f.directory->ListTokens(f.board).value();
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].id == *id);
  CHECK(tokens[0].role == Role::kChair);
  CHECK(tokens[0].user_name == "Sam");
  CHECK(tokens[0].scope == TokenScope::kApi);
  CHECK(tokens[0].revoked_at == FormatInstant(f.now));
  CHECK(tokens[0].expires_at.empty());
  CHECK(f.directory->ListTokens(f.board + 1).status().code() == Status::Code::kNotFound);
}

TEST_CASE("users: a disabled user cannot sign in, and its tokens and sessions stop at once",
          "[engine][store][credentials]") {
  Fixture f;
  std::string token = f.directory->CreateToken({f.board, Role::kBusinessUnit, f.sam}).value();
  Result<SignInOutcome> signed_in = f.SignIn("correct horse battery");
  REQUIRE(signed_in.ok());
  REQUIRE(signed_in->session);
  std::string cookie = signed_in->session->token;

  UserDisabled disabled = f.directory->DisableUser(f.sam, f.now).value();
  CHECK(disabled.tokens_revoked == 1);
  CHECK(disabled.sessions_ended == 1);
  CHECK_FALSE(f.directory->Authenticate(token, f.now).ok());
  CHECK(f.sessions->Find(cookie, f.now).status().code() == Status::Code::kNotFound);
  CHECK(f.SignIn("correct horse battery").status().code() == Status::Code::kNotFound);
  CHECK(f.directory->CreateToken({f.board, Role::kBusinessUnit, f.sam}).status().code() == Status::Code::kInvalidArgument);
  CHECK(f.directory->DisableUser(4242, f.now).status().code() == Status::Code::kNotFound);
}

TEST_CASE("sessions: a new password ends every session of the user", "[engine][store][credentials]") {
  Fixture f;
  std::string cookie = f.SignIn("correct horse battery")->session->token;
  REQUIRE(f.sessions->Find(cookie, f.now).ok());
  REQUIRE(f.sessions->SetPassword(f.sam, "a brand new passphrase").ok());
  CHECK_FALSE(f.sessions->Find(cookie, f.now).ok());
  CHECK(f.SignIn("a brand new passphrase")->session);
}

TEST_CASE("sign-in: 10 failures for one email lock it for 15 minutes of real time, the right password too",
          "[engine][store][credentials]") {
  Fixture f;
  for (int i = 0; i < 10; ++i) {
    f.now += 10s;
    REQUIRE(f.SignIn("wrong password").status().code() == Status::Code::kNotFound);
  }
  Instant last_failure = f.now;
  f.now += 1s;
  Result<SignInOutcome> locked = f.SignIn("correct horse battery");
  REQUIRE(locked.ok());
  CHECK_FALSE(locked->session);
  CHECK(locked->locked_out == "email address");
  // Until the oldest of the 10 leaves the window: it failed 90 s before the last one.
  CHECK(locked->retry_after == std::chrono::seconds(15 * 60 - 90 - 1));
  CHECK_FALSE(f.SignIn("correct horse battery", "198.51.100.1", "Sam@Northshire.example")->session);  // any case
  CHECK(f.SignIn("correct horse battery", "192.0.2.1", "other@northshire.example").status().code() ==
        Status::Code::kNotFound);  // another email is still checked

  f.now = last_failure - 90s + 15min;  // the oldest failure has left the window: 9 remain
  CHECK(f.SignIn("correct horse battery")->session);
}

TEST_CASE("sign-in: 50 failures from one client address lock it, whatever the emails", "[engine][store][credentials]") {
  Fixture f;
  SQLite::Database database(f.path, SQLite::OPEN_READWRITE);
  // 49 failures from earlier attempts, recorded as sign-in records them, and one more through SignIn.
  int64_t at = std::chrono::duration_cast<std::chrono::seconds>(f.now.time_since_epoch()).count();
  for (int i = 0; i < 49; ++i) {
    database.exec("INSERT INTO sign_in_failures (email_hash, client, failed_at) VALUES ('" +
                  EmailKey("someone" + std::to_string(i) + "@example.org") + "', '203.0.113.9', " +
                  std::to_string(at - 60) + ")");
  }
  CHECK(f.SignIn("correct horse battery", "203.0.113.9")->session);  // 49: still checked (and right)
  CHECK(f.SignIn("wrong password", "203.0.113.9").status().code() == Status::Code::kNotFound);
  Result<SignInOutcome> locked = f.SignIn("correct horse battery", "203.0.113.9");
  CHECK_FALSE(locked->session);
  CHECK(locked->locked_out == "client address");
  CHECK(locked->retry_after == std::chrono::seconds(15 * 60 - 60));  // until the oldest 49 leave
  CHECK(f.SignIn("correct horse battery", "203.0.113.10")->session);
}

TEST_CASE("tokens: when a token was last used is written at most once a minute", "[engine][store][credentials]") {
  Fixture f;
  std::string token = f.directory->CreateToken({f.board, Role::kViewer, std::nullopt}).value();
  int64_t id = f.directory->FindToken(token).value();
  {
    std::unique_ptr<TokenUse> use = TokenUse::Create(f.path);
    use->Note(id, f.now);
    use->Note(id, f.now + 30s);  // within the minute: not written
  }
  CHECK(f.directory->ListTokens(f.board)->at(0).last_used_at == FormatInstant(f.now));
  {
    std::unique_ptr<TokenUse> use = TokenUse::Create(f.path);  // a restarted service writes its first use
    use->Note(id, f.now + 61s);
  }
  CHECK(f.directory->ListTokens(f.board)->at(0).last_used_at == FormatInstant(f.now + 61s));
}

TEST_CASE("schema: tokens of an older database keep working as API tokens without expiry",
          "[engine][store][migration][credentials]") {
  test::TempDir dir;
  std::string path = dir.File("old.db");
  {
    SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (size_t i = 0; i + 1 < Migrations().size(); ++i) old.exec(Migrations()[i]);
    old.exec("PRAGMA user_version = " + std::to_string(Migrations().size() - 1));
    old.exec("INSERT INTO boards (id, name, nation, created_at) VALUES (1, 'Board', 'england', '2026-01-01T00:00:00Z')");
    old.exec("INSERT INTO tokens (id, board_id, role, token_hash, created_at) VALUES (4, 1, 'chair', '" +
             HashToken("scr_old") + "', '2026-01-01T00:00:00Z')");
  }
  std::unique_ptr<Directory> directory = std::move(Directory::Open(path)).value();
  Result<TokenGrant> grant = directory->Authenticate("scr_old", std::chrono::system_clock::now());
  REQUIRE(grant.ok());
  CHECK(grant->scope == TokenScope::kApi);
  CHECK(grant->actor.token_id == 4);
  CHECK(directory->ListTokens(1)->at(0).expires_at.empty());
}
