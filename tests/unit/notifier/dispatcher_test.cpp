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
  REQUIRE(fixture.directory().CreateUser(fixture.board(), Role::kBusinessUnit, "Sam Unit", "sam@example.org", "").ok());
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

TEST_CASE("dispatcher: a user who takes alerts by digest gets each alert in the inbox but not by email, webhooks "
          "still get every alert, and the daily digest goes by email to the chair and to such users",
          "[notifier][preference]") {
  ServiceFixture fixture;  // Monday 2 March 2026, 09:00; digests at 08:00
  Directory& directory = fixture.directory();
  UserId chair = directory.CreateUser(fixture.board(), Role::kChair, "Pat Chair", "chair@example.org", "").value();
  UserId unit = directory.CreateUser(fixture.board(), Role::kBusinessUnit, "Sam Unit", "sam@example.org", "").value();
  UserId viewer = directory.CreateUser(fixture.board(), Role::kViewer, "Vic Viewer", "vic@example.org", "").value();
  UserId agency = directory.CreateUser(fixture.board(), Role::kAgency, "Ann Agency", "ann@example.org", "Health").value();
  for (UserId user : {chair, viewer, agency}) REQUIRE(directory.SetEmailPreference(user, EmailPreference::kDigest).ok());
  CHECK(directory.SetEmailPreference(9999, EmailPreference::kDigest).code() == Status::Code::kNotFound);
  fixture.Refer();
  fixture.AdvanceAndFire("2026-04-08T09:00:00Z");  // the chair's decision overdue and escalated; daily digests
  const std::string& db = fixture.database_path();

  notifier::DispatcherOptions options;
  options.database_path = db;
  options.workflows = &test::ProjectWorkflows();
  options.smtp_url = "smtp://127.0.0.1:" + std::to_string(test::FreePort());  // nobody listens: messages wait
  options.webhooks.push_back({"http://127.0.0.1:" + std::to_string(test::FreePort()) + "/hook",
                              "whsec_PzmcOz+X68rCqyC+6b1yo045RLLgNGnlPhCDiNVwBQY=", true});
  options.idle_wait = std::chrono::milliseconds(20);
  {
    auto dispatcher = notifier::Dispatcher::Start(options);
    REQUIRE(dispatcher.ok());
    REQUIRE(WaitFor([&] { return CountRows(db, "SELECT COUNT(*) FROM outbox WHERE expanded_at IS NULL") == 0; }));
  }
  auto messages = [&](const char* about, UserId user, const char* channel) {
    return CountRows(db, std::string("SELECT COUNT(*) FROM messages m JOIN outbox o ON o.id = m.outbox_id WHERE o.") +
                             about + " IS NOT NULL AND m.user_id = " + std::to_string(user) + " AND m.channel = '" +
                             channel + "'");
  };
  CHECK(messages("alert_id", chair, "inbox") > 0);
  CHECK(messages("alert_id", chair, "email") == 0);
  CHECK(messages("digest_id", chair, "email") > 0);
  CHECK(messages("alert_id", unit, "email") > 0);  // immediate, the default
  CHECK(messages("digest_id", unit, "email") == 0);
  CHECK(messages("digest_id", viewer, "email") == messages("digest_id", chair, "email"));
  CHECK(messages("digest_id", viewer, "inbox") > 0);
  CHECK(messages("digest_id", agency, "email") == 0);  // an agency may not read the board's reviews
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages m JOIN outbox o ON o.id = m.outbox_id WHERE m.channel = "
                      "'webhook' AND o.alert_id IS NOT NULL AND o.recipient_role = 'chair'") > 0);
  // The chair's mailbox witnesses the histories: each daily digest carries the day's fingerprint.
  CHECK(CountRows(db, "SELECT COUNT(*) FROM messages m JOIN outbox o ON o.id = m.outbox_id JOIN digests d ON "
                      "d.id = o.digest_id WHERE d.kind = 'daily' AND m.channel = 'email' AND m.user_id = " +
                      std::to_string(chair) +
                      " AND instr(m.body, 'Fingerprint of the reviews'' histories') > 0 AND "
                      "instr(m.body, json_extract(d.body, '$.history_fingerprint')) > 0") ==
        messages("digest_id", chair, "email"));
}
