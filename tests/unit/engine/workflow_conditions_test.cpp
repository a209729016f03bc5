// What a workflow file declares rather than the code: the conditions a referral answers, each with the
// question the referral form asks, which a checkpoint's condition must name; and the Quality Markers of
// information requests and improvement actions.
#include <catch2/catch.hpp>

#include <string>

#include "engine/workflow.h"
#include "support/mini_workflow.h"
#include "support/test_support.h"

namespace scr {
namespace {

using Catch::Contains;
using Catch::StartsWith;
using test::MiniWorkflow;
using test::WorkflowFile;

TEST_CASE("workflow conditions: each is read with its label, question, source and whether it is required",
          "[engine][workflow][conditions]") {
  MiniWorkflow yaml;
  yaml.conditions +=
      "  - key: adult_died\n"
      "    label: The adult died\n"
      "    question: Did the adult die?\n"
      "    source: Care Act 2014, section 44\n";
  WorkflowFile file(yaml.Text());
  Result<WorkflowDefinition> loaded = file.Load();
  REQUIRE(loaded.ok());
  REQUIRE(loaded->conditions.size() == 2u);
  const ConditionDefinition* adult = loaded->FindCondition("adult_died");
  REQUIRE(adult != nullptr);
  CHECK(adult->label == "The adult died");
  CHECK(adult->question == "Did the adult die?");
  CHECK(adult->source == "Care Act 2014, section 44");
  CHECK_FALSE(adult->required);
  CHECK(loaded->FindCondition("child_died")->required);
  CHECK(loaded->ConditionKeys() == "child_died or adult_died");

  const CheckpointDefinition* advised = loaded->FindCheckpoint("board_advised");
  REQUIRE(advised->condition.has_value());
  CHECK(advised->condition->key == "child_died");
  CHECK(advised->condition->negated);
  CHECK(advised->condition->index == 0u);
}

TEST_CASE("workflow conditions: a checkpoint naming a condition the workflow does not declare is refused at its line",
          "[engine][workflow][conditions][validation]") {
  MiniWorkflow yaml;
  test::ReplaceOnce(yaml.checkpoints, "condition: not child_died", "condition: not adult_died");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("condition: not adult_died")));
  CHECK_THAT(problem, Contains("'adult_died', which is not one of the workflow's conditions (child_died)"));

  MiniWorkflow none;
  none.conditions.clear();
  WorkflowFile none_file(none.Text());
  CHECK_THAT(none_file.OnlyProblem(), Contains("not one of the workflow's conditions (it declares none)"));
}

TEST_CASE("workflow conditions: a key used twice, a missing question or a required flag that is not a yes or no is refused",
          "[engine][workflow][conditions][validation]") {
  MiniWorkflow twice;
  twice.conditions += "  - { key: child_died, label: Again, question: \"Did the child die?\" }\n";
  WorkflowFile twice_file(twice.Text());
  CHECK_THAT(twice_file.OnlyProblem(), Contains("condition key 'child_died' is used twice"));

  MiniWorkflow no_question;
  no_question.conditions += "  - { key: adult_died, label: The adult died }\n";
  WorkflowFile question_file(no_question.Text());
  CHECK_THAT(question_file.OnlyProblem(), Contains("condition adult_died needs 'question'"));

  MiniWorkflow bad_required;
  test::ReplaceOnce(bad_required.conditions, "required: true", "required: sometimes");
  WorkflowFile required_file(bad_required.Text());
  CHECK_THAT(required_file.OnlyProblem(), StartsWith(required_file.At("required: sometimes")));
}

TEST_CASE("workflow markers: information requests and improvement actions take the markers the file names",
          "[engine][workflow][markers]") {
  MiniWorkflow yaml;
  yaml.defaults += "information_requests:\n  marker: 2\n  marker_before_decision: 1\n"
                   "improvement_actions:\n  marker: 1\n";
  Result<WorkflowDefinition> loaded = WorkflowFile(yaml.Text()).Load();
  REQUIRE(loaded.ok());
  CHECK(loaded->InformationRequestMarker(false) == 2);
  CHECK(loaded->InformationRequestMarker(true) == 1);
  CHECK(loaded->action_chain.marker == 1);
  CHECK(loaded->follow_up_chain.marker == 1);

  Result<WorkflowDefinition> plain = WorkflowFile(MiniWorkflow().Text()).Load();
  REQUIRE(plain.ok());
  CHECK(plain->InformationRequestMarker(true) == 0);  // none named: none shown
  CHECK(plain->action_chain.marker == 0);

  MiniWorkflow undefined;
  undefined.defaults += "improvement_actions:\n  marker: 18\n";
  WorkflowFile undefined_file(undefined.Text());
  std::string problem = undefined_file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(undefined_file.At("marker: 18")));
  CHECK_THAT(problem, Contains("names marker 18, which the file does not define"));
}

TEST_CASE("workflow markers: the English children's reviews chase information requests under QM10, QM2 before the decision, and actions under QM18",
          "[engine][workflow][markers]") {
  for (const char* name : {"scr-2015", "lcspr-2023"}) {
    CAPTURE(name);
    const WorkflowDefinition* workflow = test::ProjectWorkflows().Find(name);
    REQUIRE(workflow);
    CHECK(workflow->InformationRequestMarker(false) == 10);
    CHECK(workflow->InformationRequestMarker(true) == 2);
    CHECK(workflow->action_chain.marker == 18);
    for (const char* condition : {"statutory_criteria_met", "child_died", "family_lived_elsewhere"}) {
      CAPTURE(condition);
      REQUIRE(workflow->FindCondition(condition) != nullptr);
      CHECK_FALSE(workflow->FindCondition(condition)->question.empty());
    }
  }
}

}  // namespace
}  // namespace scr
