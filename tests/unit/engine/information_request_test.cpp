// Information requested from agencies (QM5): chased by the same scheduler as checkpoints, with the
// workflow's chain for requests, until the agency answers; refused when it makes no sense.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

struct StoredAlert {
  std::string kind;
  std::string recipient;
  std::string scheduled_for;
  std::string status;
};

std::vector<StoredAlert> AlertsOf(const ServiceFixture& fixture, const std::string& subject) {
  SQLite::Database database(fixture.database_path(), SQLite::OPEN_READONLY);
  SQLite::Statement select(database, "SELECT kind, recipient_role, scheduled_for, status FROM alerts "
                                     "WHERE checkpoint = ? ORDER BY scheduled_for, level");
  select.bind(1, subject);
  std::vector<StoredAlert> alerts;
  while (select.executeStep()) {
    alerts.push_back({select.getColumn(0).getString(), select.getColumn(1).getString(),
                      select.getColumn(2).getString(), select.getColumn(3).getString()});
  }
  return alerts;
}

int64_t Ask(ServiceFixture& fixture, ReviewId review, const char* agency, Date due) {
  CommandResult asked = fixture.service().Execute(
      RequestInformationCommand{fixture.business_unit(), review, agency, "A chronology of contacts with the family", due});
  INFO(asked.status.message());
  REQUIRE(asked.status.ok());
  return asked.created_id;
}

}  // namespace

TEST_CASE("information requests: reminded before the date, overdue after it, escalated to the chair, each once, "
          "nothing more once answered",
          "[engine][scheduler][information_request]") {
  ServiceFixture fixture;  // Monday 2 March 2026
  ReviewId review = fixture.Refer();
  int64_t police = Ask(fixture, review, "Police", Date::FromYmd(2026, 3, 16));
  int64_t school = Ask(fixture, review, "School", Date::FromYmd(2026, 3, 16));
  std::string police_subject = "information_request/" + std::to_string(police);
  std::string school_subject = "information_request/" + std::to_string(school);

  fixture.AdvanceAndFire("2026-03-11T12:00:00Z");
  CHECK(AlertsOf(fixture, police_subject).empty());
  fixture.AdvanceAndFire("2026-03-12T09:00:00Z");  // two working days before Monday 16th
  std::vector<StoredAlert> alerts = AlertsOf(fixture, police_subject);
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].kind == "reminder");
  CHECK(alerts[0].recipient == "business_unit");
  CHECK(alerts[0].scheduled_for == "2026-03-12T00:00:00Z");

  fixture.AdvanceAndFire("2026-03-17T09:00:00Z");
  alerts = AlertsOf(fixture, police_subject);
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[1].kind == "overdue");
  CHECK(alerts[1].scheduled_for == "2026-03-17T00:00:00Z");  // when the due day has ended

  // The school answers; the police do not, and the chair hears of it five working days after the date.
  CommandResult answered = fixture.service().Execute(
      AnswerInformationRequestCommand{fixture.business_unit(), review, school, "received", ""});
  REQUIRE(answered.status.ok());
  fixture.Restart();  // nothing fired before is fired again, nothing answered is chased
  fixture.AdvanceAndFire("2026-03-24T09:00:00Z");
  alerts = AlertsOf(fixture, police_subject);
  REQUIRE(alerts.size() == 3);
  CHECK(alerts[2].kind == "escalation");
  CHECK(alerts[2].recipient == "chair");
  CHECK(alerts[2].scheduled_for == "2026-03-24T00:00:00Z");
  std::vector<StoredAlert> school_alerts = AlertsOf(fixture, school_subject);
  CHECK(school_alerts.size() == 2);  // the reminder and the overdue alert, both resolved by the answer
  for (const StoredAlert& alert : school_alerts) CHECK(alert.status == "resolved");

  std::vector<InformationRequest> requests = fixture.queries().InformationRequests(fixture.board(), review, std::nullopt).value();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].status == "overdue");
  CHECK(requests[1].status == "received");
  CHECK(requests[1].answered_on == Date::FromYmd(2026, 3, 17));
}

TEST_CASE("information requests: a declined request needs the agency's reason, an answer is given once, a date "
          "already passed is refused",
          "[engine][information_request]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  int64_t health = Ask(fixture, review, "Health visiting", Date::FromYmd(2026, 3, 20));
  CommandResult no_reason = fixture.service().Execute(
      AnswerInformationRequestCommand{fixture.business_unit(), review, health, "declined", ""});
  CHECK(no_reason.status.code() == Status::Code::kInvalidArgument);
  CommandResult declined = fixture.service().Execute(AnswerInformationRequestCommand{
      fixture.business_unit(), review, health, "declined", "Records held by another trust; referred there"});
  REQUIRE(declined.status.ok());
  CommandResult again = fixture.service().Execute(
      AnswerInformationRequestCommand{fixture.business_unit(), review, health, "received", ""});
  CHECK(again.status.code() == Status::Code::kConflict);
  CommandResult past = fixture.service().Execute(RequestInformationCommand{
      fixture.business_unit(), review, "Police", "Custody records", Date::FromYmd(2026, 2, 27)});
  CHECK(past.status.code() == Status::Code::kInvalidArgument);
  CommandResult nobody = fixture.service().Execute(
      RequestInformationCommand{fixture.business_unit(), review, "", "Custody records", Date::FromYmd(2026, 3, 27)});
  CHECK(nobody.status.code() == Status::Code::kInvalidArgument);
  CommandResult missing = fixture.service().Execute(
      AnswerInformationRequestCommand{fixture.business_unit(), review, 999, "received", ""});
  CHECK(missing.status.code() == Status::Code::kNotFound);

  std::vector<InformationRequest> requests = fixture.queries().InformationRequests(fixture.board(), review, std::nullopt).value();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].status == "declined");
  CHECK(requests[0].reason == "Records held by another trust; referred there");
  std::vector<HistoryEvent> history = fixture.queries().History(fixture.board(), review).value();
  CHECK(history.back().event == "information_declined");
  CHECK(history.back().reason == "Records held by another trust; referred there");
}
