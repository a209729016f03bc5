// The project's review types: scr-2015 and lcspr-2023 load, with every marker, phase and checkpoint
// the contract promises.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine/workflow.h"
#include "support/mini_workflow.h"
#include "support/test_support.h"
#include "workflow/due_rule_parser.h"

namespace scr {
namespace {

using Catch::StartsWith;
using test::WorkflowFile;

const WorkflowDefinition& ProjectWorkflow(const std::string& name) {
  const WorkflowDefinition* workflow = test::ProjectWorkflows().Find(name);
  REQUIRE(workflow != nullptr);
  return *workflow;
}

// ---- The project's workflows -------------------------------------------------------------------------

TEST_CASE("workflows: the project's review types load without a single problem", "[engine][workflow]") {
  std::vector<std::string> errors;
  Result<std::vector<WorkflowDefinition>> loaded =
      WorkflowLoader::LoadDirectory(test::WorkflowsDir(), &errors);
  INFO(WorkflowFile::Joined(errors));
  REQUIRE(loaded.ok());
  CHECK(errors.empty());
  std::vector<std::string> names;
  for (const WorkflowDefinition& workflow : *loaded) names.push_back(workflow.name);
  CHECK(std::count(names.begin(), names.end(), "scr-2015") == 1);
  CHECK(std::count(names.begin(), names.end(), "lcspr-2023") == 1);
}

TEST_CASE("workflows: scr-2015 follows all eighteen Quality Markers, each with its own questions",
          "[engine][workflow]") {
  const WorkflowDefinition& scr = ProjectWorkflow("scr-2015");
  CHECK(scr.title == "Serious Case Review");
  REQUIRE(scr.markers.size() == 18u);
  std::set<std::string> question_ids;
  for (size_t i = 0; i < scr.markers.size(); ++i) {
    const Marker& marker = scr.markers[i];
    CAPTURE(marker.number);
    CHECK(marker.number == static_cast<int>(i) + 1);
    CHECK_FALSE(marker.name.empty());
    CHECK_FALSE(marker.statement.empty());
    CHECK_FALSE(marker.questions.empty());
    for (const MarkerQuestion& question : marker.questions) {
      CAPTURE(question.id);
      CHECK_FALSE(question.text.empty());
      CHECK(question_ids.insert(question.id).second);  // no id used twice
      CHECK_THAT(question.id, StartsWith("qm" + std::to_string(marker.number) + "-"));
    }
  }
}

TEST_CASE("workflows: every phase of scr-2015 and lcspr-2023 has a label users see", "[engine][workflow]") {
  for (const char* name : {"scr-2015", "lcspr-2023"}) {
    const WorkflowDefinition& workflow = ProjectWorkflow(name);
    for (Phase phase : AllPhases()) {
      CAPTURE(name, PhaseName(phase));
      if (phase == Phase::kExternalAssurance) {  // their reports go to no outside body before publication
        CHECK_FALSE(workflow.used_phases.Has(phase));
        continue;
      }
      CHECK_FALSE(workflow.Label(phase).label.empty());
    }
  }
  CHECK(ProjectWorkflow("scr-2015").Label(Phase::kDecisionPending).label == "Decision pending");
}

TEST_CASE("workflows: scr-2015 has every checkpoint the contract promises", "[engine][workflow]") {
  const WorkflowDefinition& scr = ProjectWorkflow("scr-2015");
  for (const char* key : {"chair_decision", "board_advised", "family_informed", "coroner_notified",
                          "terms_of_reference_agreed", "lead_reviewer_appointed", "family_comment_on_report",
                          "response_drafted", "professionals_informed_before_publication"}) {
    CAPTURE(key);
    CHECK(scr.FindCheckpoint(key) != nullptr);
  }
  const CheckpointDefinition* coroner = scr.FindCheckpoint("coroner_notified");
  REQUIRE(coroner != nullptr);
  REQUIRE(coroner->condition.has_value());
  CHECK(coroner->condition->key == "child_died");
  REQUIRE(scr.FindCondition("child_died") != nullptr);
  CHECK(scr.conditions[coroner->condition->index].key == "child_died");
  CHECK_FALSE(coroner->condition->negated);

  const CheckpointDefinition* decision = scr.FindCheckpoint("chair_decision");
  REQUIRE(decision != nullptr);
  CHECK(decision->owner_role == Role::kChair);
  CHECK(decision->due.text == "1 month after referral");
  CHECK(decision->blocks ==
        std::vector<LifecycleEvent>{LifecycleEvent::kDecideToReview, LifecycleEvent::kDecideNotToReview});
  CHECK_FALSE(decision->reminders.empty());  // the file's defaults
  CHECK(decision->escalation.size() == 3u);

  // Keys are unique and in file order.
  std::set<std::string> keys;
  for (const CheckpointDefinition& checkpoint : scr.checkpoints) CHECK(keys.insert(checkpoint.key).second);
  CHECK(scr.CheckpointIndex("national_notification") == std::optional<size_t>(0));
  CHECK_FALSE(scr.CheckpointIndex("no_such_checkpoint").has_value());
}

TEST_CASE("workflows: lcspr-2023 calls the first phase a rapid review, due 15 working days after the notification",
          "[engine][workflow]") {
  const WorkflowDefinition& lcspr = ProjectWorkflow("lcspr-2023");
  const WorkflowDefinition& scr = ProjectWorkflow("scr-2015");
  CHECK(lcspr.Label(Phase::kDecisionPending).label != scr.Label(Phase::kDecisionPending).label);
  CHECK(lcspr.Label(Phase::kDecisionPending).label == "Rapid review");

  const CheckpointDefinition* rapid_review = lcspr.FindCheckpoint("rapid_review_completed");
  REQUIRE(rapid_review != nullptr);
  CHECK(rapid_review->due.text == "15 working days after panel_notified done");
  CHECK(rapid_review->due.kind == DueRule::Kind::kAfterAnchor);
  CHECK(rapid_review->due.offset.amount == 15);
  CHECK(rapid_review->due.offset.unit == Duration::Unit::kWorkingDays);
  CHECK(rapid_review->due.anchor.kind == Anchor::Kind::kCheckpointDone);
  CHECK(rapid_review->due.anchor.checkpoint == "panel_notified");
  const CheckpointDefinition* decision = lcspr.FindCheckpoint("chair_decision");
  REQUIRE(decision != nullptr);
  CHECK(decision->due.anchor.checkpoint == "panel_notified");
  CHECK(rapid_review->phase == Phase::kDecisionPending);
  CHECK(lcspr.markers.size() == 18u);
}

}  // namespace
}  // namespace scr
