// The privacy check of a report (QM14): the family's recorded names, dates of birth, addresses and other
// identifiers are found whatever their case and spacing, unrelated words are left alone, and only a clean
// check of the text completes privacy_check_passed, which blocks publish.
#include <catch2/catch.hpp>

#include "engine/privacy_check.h"
#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

namespace {

FamilyMember Mother() {
  FamilyMember mother;
  mother.name = "Jane Smith-Okoro";
  mother.relationship = "mother";
  mother.date_of_birth = Date::FromYmd(1990, 3, 4);
  mother.involvement = "involved";
  mother.address = "12 Acacia Avenue, Northtown, NT1 2AB";
  mother.other_identifiers = {"St Wilfrid's Primary"};
  return mother;
}

// The words found, in text order.
std::vector<std::string> Found(const std::string& text) {
  std::vector<std::string> words;
  for (const PrivacyFinding& finding : FindIdentifiers(text, IdentifiersOf({Mother()}))) {
    words.push_back(text.substr(finding.byte_start, finding.byte_end - finding.byte_start));
  }
  return words;
}

}  // namespace

TEST_CASE("privacy check: names are found in any case, spacing or line break, and in part", "[engine][privacy]") {
  CHECK(Found("Jane Smith-Okoro attended.") == std::vector<std::string>{"Jane Smith-Okoro"});
  CHECK(Found("JANE   SMITH-OKORO attended.") == std::vector<std::string>{"JANE   SMITH-OKORO"});
  CHECK(Found("jane\nsmith okoro") == std::vector<std::string>{"jane\nsmith okoro"});
  CHECK(Found("Ms Okoro said that Jane had...") == std::vector<std::string>{"Okoro", "Jane"});
  CHECK(Found("The mother (J. Smith) was seen.") == std::vector<std::string>{"Smith"});
  CHECK(Found("S m i t h") == std::vector<std::string>{"S m i t h"});
}

TEST_CASE("privacy check: unrelated words that contain a name are not flagged", "[engine][privacy]") {
  CHECK(Found("Janet, the blacksmith, met Smithson in Janeway.").empty());
  CHECK(Found("The review considered the mother's account; no one is named.").empty());
}

TEST_CASE("privacy check: a date of birth is found however it is written", "[engine][privacy]") {
  for (const char* date : {"4/3/1990", "04/03/1990", "04.03.1990", "1990-03-04", "4 March 1990", "4th March 1990",
                           "March 4, 1990", "4 Mar 1990"}) {
    INFO(date);
    CHECK(Found(std::string("born ") + date + ".") == std::vector<std::string>{date});
  }
  CHECK(Found("in 14/3/1990 and 4/3/19901").empty());
}

TEST_CASE("privacy check: the address, each of its lines, and other identifiers", "[engine][privacy]") {
  CHECK(Found("They lived at 12 Acacia Avenue.") == std::vector<std::string>{"12 Acacia Avenue"});
  CHECK(Found("a flat in northtown (postcode nt1 2ab)") == std::vector<std::string>{"northtown", "nt1 2ab"});
  CHECK(Found("Her son attended St. Wilfrid's Primary.") == std::vector<std::string>{"St. Wilfrid's Primary"});
}

TEST_CASE("privacy check: positions count characters, not bytes", "[engine][privacy]") {
  std::string text = "Café report: née Jane Smith-Okoro.";
  std::vector<PrivacyFinding> findings = FindIdentifiers(text, IdentifiersOf({Mother()}));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == "name");
  CHECK(findings[0].start == 17);  // two accented letters before it take two bytes each
  CHECK(findings[0].end == 33);
  CHECK(findings[0].byte_start == 19);
  CHECK(text.substr(findings[0].byte_start, findings[0].byte_end - findings[0].byte_start) == "Jane Smith-Okoro");
}

TEST_CASE("privacy check: only a clean check of the text completes privacy_check_passed, and publish waits for it",
          "[engine][privacy]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  FamilyMember mother = Mother();
  REQUIRE(fixture.service().Execute(RecordFamilyMemberCommand{fixture.business_unit(), review, mother}).status.ok());
  for (const char* event : {"decide_to_review", "commission", "start_review", "submit_report", "sign_off_report",
                            "agree_response"}) {
    fixture.Walk(review, event);
  }
  CHECK(fixture.Checkpoint(fixture.Get(review), "privacy_check_passed").status != CheckpointStatus::kDone);
  CommandResult by_hand = fixture.service().Execute(
      CompleteCheckpointCommand{fixture.business_unit(), review, "privacy_check_passed", "looked fine", ""});
  CHECK(by_hand.status.code() == Status::Code::kConflict);

  CommandResult found = fixture.service().Execute(
      CheckPrivacyCommand{fixture.business_unit(), review, "Child A's mother, jane smith-okoro, was not told."});
  REQUIRE(found.status.ok());
  Result<PrivacyCheckRecord> check = fixture.queries().GetPrivacyCheck(fixture.board(), review, found.created_id);
  REQUIRE(check.ok());
  CHECK(check->findings.size() == 1);
  CHECK(fixture.Checkpoint(fixture.Get(review), "privacy_check_passed").status != CheckpointStatus::kDone);
  CommandResult refused = fixture.Apply(review, "publish");
  REQUIRE(refused.status.code() == Status::Code::kBlocked);
  CHECK(std::find(refused.status.items().begin(), refused.status.items().end(), "privacy_check_passed") !=
        refused.status.items().end());

  CommandResult clean = fixture.service().Execute(
      CheckPrivacyCommand{fixture.business_unit(), review, "Child A's mother was not told."});
  REQUIRE(clean.status.ok());
  CHECK(fixture.queries().GetPrivacyCheck(fixture.board(), review, clean.created_id)->findings.empty());
  ReviewView checked = fixture.Get(review);
  const CheckpointView& passed = fixture.Checkpoint(checked, "privacy_check_passed");
  CHECK(passed.status == CheckpointStatus::kDone);
  CHECK(passed.evidence.size() == 64);  // the hash of the text checked
  CHECK(fixture.Walk(review, "publish").phase == Phase::kImplementation);

  // The history says a check ran and what it found, never the words.
  Result<std::vector<HistoryEvent>> history = fixture.queries().History(fixture.board(), review);
  REQUIRE(history.ok());
  int checks = 0;
  for (const HistoryEvent& event : *history) {
    CHECK(event.data.find("Okoro") == std::string::npos);
    if (event.event == "privacy_check_run") ++checks;
  }
  CHECK(checks == 2);
}

TEST_CASE("privacy check: recorded names, addresses and places are looked for, an address also by its street",
          "[engine][privacy]") {
  std::vector<PrivacyIdentifierRecord> recorded = {{0, "name", "Kerry Doyle", "", "", ""},
                                                   {0, "address", "4 Mill Lane, Eastbrook", "", "", ""},
                                                   {0, "place", "Riverside Nursery", "", "", ""}};
  auto found = [&recorded](const std::string& text) {
    std::vector<std::string> words;
    for (const PrivacyFinding& finding : FindIdentifiers(text, IdentifiersOf({}, recorded))) {
      words.push_back(text.substr(finding.byte_start, finding.byte_end - finding.byte_start) + "=" + finding.kind);
    }
    return words;
  };
  CHECK(found("Ms DOYLE said so.") == std::vector<std::string>{"DOYLE=name"});
  CHECK(found("They moved to Mill Lane.") == std::vector<std::string>{"Mill Lane=address"});
  CHECK(found("at 4 mill lane") == std::vector<std::string>{"4 mill lane=address"});
  CHECK(found("She went to riverside  nursery.") == std::vector<std::string>{"riverside  nursery=place"});
  CHECK(found("Kerrying on; the doyley; a millstone.").empty());
}

TEST_CASE("privacy check: refused while nothing about the family is recorded, and the history never holds an "
          "identifier", "[engine][privacy]") {
  ServiceFixture fixture;
  ReviewId review = fixture.Refer();
  CommandResult refused = fixture.service().Execute(CheckPrivacyCommand{fixture.business_unit(), review, "Any text."});
  CHECK(refused.status.code() == Status::Code::kUnprocessable);
  CHECK(refused.status.message().find("record the family members' names and the addresses") != std::string::npos);

  CHECK(fixture.service()
            .Execute(RecordPrivacyIdentifierCommand{fixture.business_unit(), review, "street", "Mill Lane", ""})
            .status.code() == Status::Code::kInvalidArgument);
  CommandResult recorded = fixture.service().Execute(
      RecordPrivacyIdentifierCommand{fixture.business_unit(), review, "address", "4 Mill Lane", "first home"});
  REQUIRE(recorded.status.ok());
  CommandResult found = fixture.service().Execute(CheckPrivacyCommand{fixture.business_unit(), review, "At Mill Lane."});
  REQUIRE(found.status.ok());
  CHECK(fixture.queries().GetPrivacyCheck(fixture.board(), review, found.created_id)->findings.size() == 1);

  CHECK(fixture.service()
            .Execute(RemovePrivacyIdentifierCommand{fixture.business_unit(), review, recorded.created_id + 1})
            .status.code() == Status::Code::kNotFound);
  REQUIRE(fixture.service()
              .Execute(RemovePrivacyIdentifierCommand{fixture.business_unit(), review, recorded.created_id})
              .status.ok());
  CHECK(fixture.queries().PrivacyIdentifiers(fixture.board(), review)->empty());
  CHECK(fixture.service().Execute(CheckPrivacyCommand{fixture.business_unit(), review, "At Mill Lane."}).status.code() ==
        Status::Code::kUnprocessable);

  Result<std::vector<HistoryEvent>> history = fixture.queries().History(fixture.board(), review);
  REQUIRE(history.ok());
  std::vector<std::string> events;
  for (const HistoryEvent& event : *history) {
    CHECK(event.data.find("Mill") == std::string::npos);
    CHECK(event.data.find("first home") == std::string::npos);
    if (event.event.rfind("privacy_identifier_", 0) == 0) events.push_back(event.event);
  }
  CHECK(events == std::vector<std::string>{"privacy_identifier_recorded", "privacy_identifier_removed"});
}
