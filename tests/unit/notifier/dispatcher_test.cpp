// The dispatcher's retries: a message that keeps failing backs off, is kept as dead after its last
// attempt, and goes out again when an admin asks.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <thread>

#include "engine/notifications.h"
#include "notifier/dispatcher.h"
#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;
using scr::test::CountRows;
using scr::test::WaitFor;

TEST_CASE("dispatcher: a message that keeps failing is retried with growing waits, then kept as dead, and sent "
          "again on request",
          "[notifier]") {
  ServiceFixture fixture;
  REQUIRE(fixture.directory().CreateUser(fixture.board(), Role::kBusinessUnit, "Sam Unit", "sam@example.org").ok());
  fixture.Refer();  // reminders fall due at once
  REQUIRE(fixture.service().FireDueAlerts().ok());
  const std::string& db = fixture.database_path();

  notifier::DispatcherOptions options;
  options.database_path = db;
  options.workflows = &test::ProjectWorkflows();
  options.base_url = "http://127.0.0.1:8080";
  options.smtp_url = "smtp://127.0.0.1:" + std::to_string(test::FreePort());
  options.first_retry = std::chrono::milliseconds(50);
  options.max_attempts = 3;
  options.idle_wait = std::chrono::milliseconds(20);
  {
    auto dispatcher = notifier::Dispatcher::Start(options);
    REQUIRE(dispatcher.ok());
    REQUIRE(WaitFor([&] { return CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'dead'") > 0; }));
  }
  int64_t email_id = CountRows(db, "SELECT MIN(id) FROM messages WHERE channel = 'email' AND state = 'dead'");
  std::string attempts = "SELECT COUNT(*) FROM delivery_attempts WHERE message_id = " + std::to_string(email_id);
  CHECK(CountRows(db, attempts) == 3);
  CHECK(CountRows(db, attempts + " AND outcome = 'failed'") == 3);
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  CHECK(database.execAndGet("SELECT last_error FROM messages WHERE id = " + std::to_string(email_id)).getString()
            .find("SMTP server") != std::string::npos);
  // The inbox copy needs no server: it was delivered as it was stored.
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE channel = 'inbox' AND state = 'delivered'") > 0);

  std::unique_ptr<Notifications> notifications = Notifications::Open(db).value();
  CHECK(notifications->Retry(fixture.board(), email_id, std::chrono::system_clock::now()).ok());
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages WHERE id = " + std::to_string(email_id) + " AND state = 'pending'") == 1);
  CHECK(notifications->Retry(fixture.board(), email_id, std::chrono::system_clock::now()).code() ==
        Status::Code::kConflict);                                                        // not dead now
  CHECK(notifications->Retry(fixture.board() + 1, email_id, std::chrono::system_clock::now()).code() ==
        Status::Code::kNotFound);                                                        // another board's
  {
    auto dispatcher = notifier::Dispatcher::Start(options);
    REQUIRE(dispatcher.ok());
    REQUIRE(WaitFor([&] { return CountRows(db, attempts) == 4; }));
  }
  // Nothing is deleted: every attempt stays on record.
  CHECK(CountRows(db, attempts + " AND outcome = 'failed'") == 4);
}
