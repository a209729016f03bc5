// Every mistake in a workflow file is reported as "file:line: message" at the line that holds it
// (what `scr-tracker admin check-workflows` prints).
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

using Catch::Contains;
using Catch::StartsWith;
using test::Checkpoint;
using test::MiniWorkflow;
using test::ReplaceOnce;
using test::WorkflowFile;

// ---- The minimal workflow ----------------------------------------------------------------------------

TEST_CASE("workflow file: the minimal workflow loads, with its defaults applied", "[engine][workflow]") {
  WorkflowFile file(MiniWorkflow().Text());
  Result<WorkflowDefinition> loaded = file.Load();
  REQUIRE(loaded.ok());
  const WorkflowDefinition& mini = *loaded;
  CHECK(mini.name == "mini");
  CHECK(mini.source_file == file.path());
  CHECK(mini.Label(Phase::kSettingUp).label == "Setting up");  // a label alone, without a mapping
  CHECK(mini.Label(Phase::kDecisionPending).description == "A case has been referred.");
  REQUIRE(mini.checkpoints.size() == 2u);

  const CheckpointDefinition& decision = mini.checkpoints[0];
  CHECK(decision.key == "chair_decision");
  CHECK(decision.reminders.size() == 2u);  // from defaults
  REQUIRE(decision.escalation.size() == 3u);
  CHECK_FALSE(decision.escalation[0].role.has_value());  // the owner
  CHECK(decision.escalation[2].role == std::optional<Role>(Role::kChair));
  CHECK_FALSE(decision.condition.has_value());

  const CheckpointDefinition& advised = mini.checkpoints[1];
  REQUIRE(advised.reminders.size() == 1u);  // its own
  CHECK(advised.reminders[0].before.amount == 2);
  REQUIRE(advised.condition.has_value());
  CHECK(advised.condition->negated);
  CHECK(advised.due.anchor.events ==
        std::vector<LifecycleEvent>{LifecycleEvent::kDecideToReview, LifecycleEvent::kDecideNotToReview});
}

// ---- Each problem a workflow file can have -----------------------------------------------------------

TEST_CASE("workflow file: an unknown top-level key is refused at its line",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.top += "colour: blue\n";
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("colour: blue")));
  CHECK_THAT(problem, Contains("unknown key 'colour' in the workflow"));
}

TEST_CASE("workflow file: an unknown key in a checkpoint is refused at its line",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "    owner_role: chair\n", "    owner_role: chair\n    ownr: chair\n");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("ownr: chair")));
  CHECK_THAT(problem, Contains("unknown key 'ownr' in a checkpoint"));
}

TEST_CASE("workflow file: a checkpoint that blocks an event the lifecycle does not have is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "blocks: [commission]", "blocks: [commission, publish_report]");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("publish_report")));
  CHECK_THAT(problem, Contains("checkpoint board_advised blocks 'publish_report'") &&
                          Contains("not an event of the lifecycle"));
}

TEST_CASE("workflow file: due rules that count from each other in a cycle are refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.checkpoints += Checkpoint("report_drafted", "10 working days after report_checked done");
  yaml.checkpoints += Checkpoint("report_checked", "5 working days after report_drafted done");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();  // one cycle, reported once
  // Reported at the due rule of the cycle's first key in alphabetical order.
  CHECK_THAT(problem, StartsWith(file.At("due: 5 working days after report_drafted done")));
  CHECK_THAT(problem, Contains("due rules form a cycle: report_checked -> report_drafted -> report_checked"));
}

TEST_CASE("workflow file: a due rule that counts from its own checkpoint is a cycle",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.checkpoints += Checkpoint("plan_agreed", "10 working days after plan_agreed done");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("plan_agreed done")));
  CHECK_THAT(problem, Contains("due rules form a cycle: plan_agreed -> plan_agreed"));
}

TEST_CASE("workflow file: a chain of done anchors without a cycle is accepted", "[engine][workflow]") {
  MiniWorkflow yaml;
  yaml.checkpoints += Checkpoint("plan_agreed", "10 working days after chair_decision done");
  yaml.checkpoints += Checkpoint("plan_checked", "5 working days after plan_agreed done");
  WorkflowFile file(yaml.Text());
  Result<WorkflowDefinition> loaded = file.Load();
  REQUIRE(loaded.ok());
  const CheckpointDefinition* checked = loaded->FindCheckpoint("plan_checked");
  REQUIRE(checked != nullptr);
  CHECK(checked->due.anchor.kind == Anchor::Kind::kCheckpointDone);
  CHECK(checked->due.anchor.checkpoint == "plan_agreed");
}

TEST_CASE("workflow file: a due rule counting from a checkpoint the file does not have is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.checkpoints += Checkpoint("plan_agreed", "10 working days after lead_reviewer_appointed done");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("lead_reviewer_appointed done")));
  CHECK_THAT(problem, Contains("checkpoint plan_agreed counts from 'lead_reviewer_appointed done'") &&
                          Contains("no checkpoint has that key"));
}

TEST_CASE("workflow file: a due rule whose number is written in words is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "due: 1 month after referral", "due: ten working days after referral");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("due: ten working days after referral")));
  CHECK_THAT(problem, Contains("bad duration in 'ten working days after referral'"));
}

TEST_CASE("workflow file: a due rule in an unknown unit is refused", "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "due: 1 month after referral", "due: 5 fortnights after referral");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("due: 5 fortnights after referral")));
  CHECK_THAT(problem, Contains("bad duration in '5 fortnights after referral'") &&
                          Contains("working days, days, weeks or months"));
}

TEST_CASE("workflow file: a due rule counting from an unknown anchor is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "due: 1 month after referral", "due: 1 month after first_meeting");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("due: 1 month after first_meeting")));
  CHECK_THAT(problem, Contains("counts from 'first_meeting'") &&
                          Contains("not referral, incident, an event, or 'KEY done'"));
}

TEST_CASE("workflow file: a checkpoint owned by an unknown role is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "owner_role: chair", "owner_role: judge");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("owner_role: judge")));
  CHECK_THAT(problem, Contains("unknown role 'judge'"));
}

TEST_CASE("workflow file: an escalation to an unknown role is refused", "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.defaults, "to: chair", "to: ofsted");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("to: ofsted")));
  CHECK_THAT(problem, Contains("unknown role 'ofsted'"));
}

TEST_CASE("workflow file: a checkpoint in an unknown phase is refused", "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "phase: decision_pending", "phase: triage");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("phase: triage")));
  CHECK_THAT(problem, Contains("unknown phase 'triage'"));
}

TEST_CASE("workflow file: a label for a phase the lifecycle does not have is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.phases += "  triage: { label: Triage }\n";
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("triage: { label: Triage }")));
  CHECK_THAT(problem, Contains("unknown phase 'triage'"));
}

TEST_CASE("workflow file: a checkpoint naming a marker the file does not define is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "    marker: 1\n", "    marker: 7\n");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("marker: 7")));
  CHECK_THAT(problem, Contains("checkpoint board_advised names marker 7, which the file does not define"));
}

TEST_CASE("workflow file: a checkpoint key used twice is refused at the second",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.checkpoints += Checkpoint("chair_decision", "2 months after referral");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.AtSecond("- key: chair_decision")));
  CHECK_THAT(problem, Contains("checkpoint key 'chair_decision' is used twice"));
}

TEST_CASE("workflow file: a question id used twice is refused at the second",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.markers, "{ id: qm2-delay,", "{ id: qm1-rationale,");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("Is any delay justified?")));
  CHECK_THAT(problem, Contains("question id 'qm1-rationale' is used twice"));
}

TEST_CASE("workflow file: a marker with an empty list of questions is refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.markers,
              "    questions:\n      - { id: qm1-rationale, text: \"Does the referral say why?\" }\n",
              "    questions: []\n");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("questions: []")));
  CHECK_THAT(problem, Contains("marker 1 needs 'questions'"));
}

TEST_CASE("workflow file: a marker with no questions key is refused, not thrown",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.markers,
              "    questions:\n      - { id: qm1-rationale, text: \"Does the referral say why?\" }\n", "");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("- number: 1")));
  CHECK_THAT(problem, Contains("marker 1 needs 'questions'"));
}

TEST_CASE("workflow file: a workflow without phases is refused", "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.phases.clear();
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.AtLine(1)));
  CHECK_THAT(problem, Contains("the workflow needs 'phases'"));
}

TEST_CASE("workflow file: a phase without a label is refused, naming the phase",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.phases, "  report_qa: { label: Report quality assurance }\n", "");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  // yaml-cpp places a block mapping at its first key: the line after "phases:".
  CHECK_THAT(problem, StartsWith(file.At("decision_pending: { label")));
  CHECK_THAT(problem, Contains("'phases' has no label for phase report_qa"));
}

TEST_CASE("workflow file: escalation steps out of order are refused", "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.defaults, "{ after: 5 working days, to: chair }", "{ after: 1 working day, to: chair }");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("after: 1 working day, to: chair")));
  CHECK_THAT(problem, Contains("escalation steps must come in increasing order of 'after'"));
}

TEST_CASE("workflow file: escalation steps in different units are compared by their length",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.checkpoints += Checkpoint("plan_agreed", "10 working days after decide_to_review",
                                 "    escalation:\n"
                                 "      - { after: 1 month, to: owner }\n"
                                 "      - { after: 1 week, to: chair }\n");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("after: 1 week, to: chair")));
  CHECK_THAT(problem, Contains("increasing order"));
}

TEST_CASE("workflow file: a phase with an empty label is refused", "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.phases, "setting_up: Setting up", "setting_up: \"\"");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("setting_up: \"\"")));
  CHECK_THAT(problem, Contains("phase setting_up needs a non-empty label"));
}

TEST_CASE("workflow file: two escalation steps at the same delay are refused",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.checkpoints += Checkpoint("plan_agreed", "10 working days after decide_to_review",
                                 "    escalation:\n"
                                 "      - { after: 3 working days, to: owner }\n"
                                 "      - { after: 3 working days, to: chair }\n");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("after: 3 working days, to: chair")));
  CHECK_THAT(problem, Contains("increasing order"));
}

TEST_CASE("workflow file: a YAML syntax error is refused at the line of the error",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "title: The chair decides whether to hold a review",
              "title: The chair decides: review or not");
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("The chair decides: review or not")));
  CHECK_THAT(problem, Contains("not valid YAML"));
}

TEST_CASE("workflow file: a file that is not a mapping is refused", "[engine][workflow][validation]") {
  WorkflowFile file("- just\n- a list\n");
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.AtLine(1)));
  CHECK_THAT(problem, Contains("must be a mapping"));
}

TEST_CASE("workflow file: a missing file is refused", "[engine][workflow][validation]") {
  test::TempDir dir;
  std::vector<std::string> errors;
  Result<WorkflowDefinition> loaded = WorkflowLoader::LoadFile(dir.File("absent.yaml"), &errors);
  CHECK_FALSE(loaded.ok());
  REQUIRE(errors.size() == 1u);
  CHECK_THAT(errors[0], StartsWith(dir.File("absent.yaml") + ":1: "));
}

TEST_CASE("workflow file: several problems in one file are all reported, in file order",
          "[engine][workflow][validation]") {
  MiniWorkflow yaml;
  yaml.top += "colour: blue\n";
  ReplaceOnce(yaml.checkpoints, "owner_role: chair", "owner_role: judge");
  ReplaceOnce(yaml.checkpoints, "due: 10 working days after decide_to_review or decide_not_to_review",
              "due: ten working days after decide_to_review");
  ReplaceOnce(yaml.checkpoints, "    marker: 1\n", "    marker: 7\n");
  WorkflowFile file(yaml.Text());
  const std::vector<std::string>& problems = file.Refused();
  INFO(WorkflowFile::Joined(problems));
  REQUIRE(problems.size() == 4u);
  CHECK_THAT(problems[0], StartsWith(file.At("colour: blue")) && Contains("unknown key 'colour'"));
  CHECK_THAT(problems[1], StartsWith(file.At("owner_role: judge")) && Contains("unknown role 'judge'"));
  CHECK_THAT(problems[2], StartsWith(file.At("marker: 7")) && Contains("names marker 7"));
  CHECK_THAT(problems[3], StartsWith(file.At("due: ten working days")) && Contains("bad duration"));
}

}  // namespace
}  // namespace scr
