#include "support/service_fixture.h"

#include <catch2/catch.hpp>

#include "engine/history.h"

namespace scr::test {

ServiceFixture::ServiceFixture(const std::string& start, Nation nation)
    : database_path_(dir_.File("reviews.db")), clock_(ParseInstant(start).value()) {
  directory_ = std::move(Directory::Open(database_path_)).value();
  BoardId board = directory_->CreateBoard("Test board", nation, "Europe/London").value();
  business_unit_ = Actor{board, Role::kBusinessUnit, "Test business unit", std::nullopt};
  Restart();
}

void ServiceFixture::Restart() {
  queries_.reset();
  service_.reset();
  Result<std::unique_ptr<ReviewService>> service =
      ReviewService::Open({database_path_, &ProjectWorkflows(), &ProjectBankHolidays(), &clock_});
  REQUIRE(service.ok());
  service_ = std::move(service).value();
  Result<std::unique_ptr<ReviewQueries>> queries =
      ReviewQueries::Open({database_path_, &ProjectWorkflows(), &ProjectBankHolidays(), &clock_});
  REQUIRE(queries.ok());
  queries_ = std::move(queries).value();
}

std::string ServiceFixture::VerifyHistory() {
  Result<std::unique_ptr<History>> history = History::Open(database_path_, "");
  INFO(history.status().message());
  REQUIRE(history.ok());
  Result<std::string> problem = (*history)->Verify();
  INFO(problem.status().message());
  REQUIRE(problem.ok());
  return *problem;
}

void ServiceFixture::AdvanceDays(int days) { REQUIRE(clock_.AdvanceBy(std::chrono::hours(24 * days)).ok()); }

void ServiceFixture::AdvanceAndFire(const char* when) {
  REQUIRE(clock_.AdvanceTo(ParseInstant(when).value()).ok());
  Result<size_t> fired = service_->FireDueAlerts();
  INFO(fired.status().message());
  REQUIRE(fired.ok());
}

Referral ServiceFixture::MakeReferral(const std::string& workflow, bool child_died) const {
  Referral referral;
  referral.workflow = workflow;
  referral.title = "Child A (test)";
  referral.incident_date = Date::FromYmd(2026, 2, 20);
  referral.referral_date = Date::FromYmd(2026, 3, 2);
  referral.rationale = "Serious harm; several agencies involved.";
  referral.conditions = {{"statutory_criteria_met", true}, {"child_died", child_died}};
  return referral;
}

ReviewId ServiceFixture::Refer(const std::string& workflow, bool child_died) {
  CommandResult result = service_->Execute(ReferCommand{business_unit_, MakeReferral(workflow, child_died)});
  INFO(result.status.message());
  REQUIRE(result.status.ok());
  return result.review;
}

CommandResult ServiceFixture::Apply(ReviewId review, const std::string& event, const std::string& reason) {
  return service_->Execute(ApplyEventCommand{business_unit_, review, event, reason, "{}"});
}

namespace {

bool HeldByDate(const Status& status) {
  for (const std::string& key : status.items()) {
    if (key.rfind("not_before:", 0) == 0) return true;
  }
  return false;
}

}  // namespace

CommandResult ServiceFixture::Walk(ReviewId review, const std::string& event) {
  CommandResult result = Apply(review, event);
  if (result.status.code() == Status::Code::kBlocked) {
    for (const std::string& key : result.status.items()) {
      if (key.rfind("parallel_process:", 0) == 0 || key.rfind("not_before:", 0) == 0) continue;
      CommandResult done = Complete(review, key);
      INFO(key << ": " << done.status.message());
      REQUIRE(done.status.ok());
    }
    result = Apply(review, event);
    // A not-before date (publication a week or so after the report went to the national bodies): wait for it.
    for (int day = 0; day < 30 && result.status.code() == Status::Code::kBlocked && HeldByDate(result.status); ++day) {
      AdvanceDays(1);
      result = Apply(review, event);
    }
  }
  INFO(event << ": " << result.status.message());
  REQUIRE(result.status.ok());
  return result;
}

CommandResult ServiceFixture::Complete(ReviewId review, const std::string& key) {
  // The privacy checkpoint is completed by a clean privacy check of the report's text, as in life.
  // The check looks for what is recorded about the family, and refuses to run with nothing recorded.
  if (key == "privacy_check_passed") {
    CommandResult recorded =
        service_->Execute(RecordPrivacyIdentifierCommand{business_unit_, review, "name", "Jordan Example", ""});
    if (!recorded.status.ok()) return recorded;
    return service_->Execute(CheckPrivacyCommand{business_unit_, review, "The report names no one in the family."});
  }
  return service_->Execute(CompleteCheckpointCommand{business_unit_, review, key, "done in the test", ""});
}

ReviewView ServiceFixture::Get(ReviewId review) {
  Result<ReviewView> view = queries_->GetReview(board(), review);
  INFO(view.status().message());
  REQUIRE(view.ok());
  return std::move(view).value();
}

const CheckpointView& ServiceFixture::Checkpoint(const ReviewView& view, const std::string& key) {
  for (const CheckpointView& checkpoint : view.checkpoints) {
    if (checkpoint.key == key) return checkpoint;
  }
  FAIL("the review has no checkpoint " << key);
  throw std::logic_error("unreachable");
}

}  // namespace scr::test
