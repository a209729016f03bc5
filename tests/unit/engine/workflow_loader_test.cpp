// Review types as data: the project's workflows load, and every mistake in a workflow file is reported
// as "file:line: message" at the line that holds it (what `scr-tracker admin check-workflows` prints).
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/workflow.h"
#include "support/test_support.h"
#include "workflow/due_rule_parser.h"

namespace scr {
namespace {

using Catch::Contains;
using Catch::StartsWith;

// ---- A minimal valid workflow, changed one thing at a time -------------------------------------------

// One more checkpoint, in the file's own layout.
std::string Checkpoint(const std::string& key, const std::string& due, const std::string& more = "") {
  // clang-format off
  return "  - key: " + key + "\n" +
         "    title: The " + key + " checkpoint\n" +
         "    marker: 2\n" +
         "    phase: setting_up\n" +
         "    owner_role: business_unit\n" +
         "    due: " + due + "\n" + more;
  // clang-format on
}

// The smallest workflow the loader accepts: all ten phases labelled, two markers, defaults and two
// checkpoints. A test edits one part, so that the only problem in the file is the one it is about.
struct MiniWorkflow {
  std::string top =
      "name: mini\n"
      "title: Minimal review\n"
      "description: A review type small enough to read at a glance.\n";
  std::string phases =
      "phases:\n"
      "  decision_pending: { label: Decision pending, description: \"A case has been referred.\" }\n"
      "  not_proceeding: { label: Not proceeding }\n"
      "  setting_up: Setting up\n"
      "  commissioning: { label: Commissioning }\n"
      "  review_running: { label: Review under way }\n"
      "  report_qa: { label: Report quality assurance }\n"
      "  board_response: { label: Board response }\n"
      "  publication_pending: { label: Awaiting publication }\n"
      "  implementation: { label: Implementation }\n"
      "  closed: { label: Closed }\n";
  std::string markers =
      "markers:\n"
      "  - number: 1\n"
      "    name: Referral\n"
      "    statement: Cases reach the board promptly.\n"
      "    questions:\n"
      "      - { id: qm1-rationale, text: \"Does the referral say why?\" }\n"
      "  - number: 2\n"
      "    name: Decision-making\n"
      "    statement: The chair decides in good time.\n"
      "    questions:\n"
      "      - { id: qm2-information, text: \"Is there enough to decide on?\" }\n"
      "      - { id: qm2-delay, text: \"Is any delay justified?\" }\n";
  std::string defaults =
      "defaults:\n"
      "  reminders: [5 working days before, 1 working day before]\n"
      "  escalation:\n"
      "    - { after: 0 working days, to: owner }\n"
      "    - { after: 2 working days, to: business_unit }\n"
      "    - { after: 5 working days, to: chair }\n";
  std::string checkpoints =
      "checkpoints:\n"
      "  - key: chair_decision\n"
      "    title: The chair decides whether to hold a review\n"
      "    marker: 2\n"
      "    phase: decision_pending\n"
      "    owner_role: chair\n"
      "    due: 1 month after referral\n"
      "    blocks: [decide_to_review, decide_not_to_review]\n"
      "  - key: board_advised\n"
      "    title: Board members are told of the decision\n"
      "    marker: 1\n"
      "    phase: setting_up\n"
      "    owner_role: business_unit\n"
      "    due: 10 working days after decide_to_review or decide_not_to_review\n"
      "    condition: not child_died\n"
      "    blocks: [commission]\n"
      "    reminders: [2 working days before]\n";

  std::string Text() const { return top + phases + markers + defaults + checkpoints; }
};

// Replaces the only occurrence of `from` in `text` (a test that edits the wrong place fails loudly).
void ReplaceOnce(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  text.replace(at, from.size(), to);
}

// A workflow file written to a fresh folder, and what the loader said about it.
class WorkflowFile {
 public:
  explicit WorkflowFile(std::string text, const std::string& name = "mini.yaml")
      : path_(dir_.File(name)), text_(std::move(text)) {
    test::WriteFile(path_, text_);
  }

  Result<WorkflowDefinition> Load() {
    errors_.clear();
    return WorkflowLoader::LoadFile(path_, &errors_);
  }
  // Loads the file, expecting it refused; returns every problem reported.
  const std::vector<std::string>& Refused() {
    Result<WorkflowDefinition> loaded = Load();
    CHECK_FALSE(loaded.ok());
    CHECK(loaded.status().code() == Status::Code::kInvalidArgument);
    REQUIRE_FALSE(errors_.empty());
    return errors_;
  }
  // Loads the file, expecting exactly one problem; returns it.
  std::string OnlyProblem() {
    const std::vector<std::string>& errors = Refused();
    INFO(Joined(errors));
    REQUIRE(errors.size() == 1u);
    return errors.front();
  }
  // "path:N: " where N is the (only) line of the file that contains `needle`.
  std::string At(const std::string& needle) const {
    std::vector<int> lines = LinesWith(needle);
    REQUIRE(lines.size() == 1u);  // the needle must name one line
    return AtLine(lines.front());
  }
  // "path:N: " where N is the second line of the file that contains `needle`.
  std::string AtSecond(const std::string& needle) const {
    std::vector<int> lines = LinesWith(needle);
    REQUIRE(lines.size() == 2u);
    return AtLine(lines[1]);
  }
  std::string AtLine(int line) const { return path_ + ":" + std::to_string(line) + ": "; }
  const std::string& path() const { return path_; }

  std::vector<int> LinesWith(const std::string& needle) const {
    std::istringstream in(text_);
    std::vector<int> lines;
    int number = 1;
    for (std::string line; std::getline(in, line); ++number) {
      if (line.find(needle) != std::string::npos) lines.push_back(number);
    }
    return lines;
  }

  static std::string Joined(const std::vector<std::string>& lines) {
    std::string all;
    for (const std::string& line : lines) all += line + "\n";
    return all;
  }

 private:
  test::TempDir dir_;
  std::string path_;
  std::string text_;
  std::vector<std::string> errors_;
};

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
  CHECK(coroner->condition->fact == Fact::kChildDied);
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

TEST_CASE("workflows: lcspr-2023 calls the first phase a rapid review, due 15 working days after referral",
          "[engine][workflow]") {
  const WorkflowDefinition& lcspr = ProjectWorkflow("lcspr-2023");
  const WorkflowDefinition& scr = ProjectWorkflow("scr-2015");
  CHECK(lcspr.Label(Phase::kDecisionPending).label != scr.Label(Phase::kDecisionPending).label);
  CHECK(lcspr.Label(Phase::kDecisionPending).label == "Rapid review");

  const CheckpointDefinition* rapid_review = lcspr.FindCheckpoint("rapid_review_completed");
  REQUIRE(rapid_review != nullptr);
  CHECK(rapid_review->due.text == "15 working days after referral");
  CHECK(rapid_review->due.kind == DueRule::Kind::kAfterAnchor);
  CHECK(rapid_review->due.offset.amount == 15);
  CHECK(rapid_review->due.offset.unit == Duration::Unit::kWorkingDays);
  CHECK(rapid_review->due.anchor.kind == Anchor::Kind::kReferral);
  CHECK(rapid_review->phase == Phase::kDecisionPending);
  CHECK(lcspr.markers.size() == 18u);
}

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

// ---- A folder of workflows ---------------------------------------------------------------------------

TEST_CASE("workflow folder: problems in several files are all reported", "[engine][workflow][validation]") {
  test::TempDir dir;
  MiniWorkflow good;
  MiniWorkflow bad_role;
  bad_role.top = "name: bad-role\ntitle: A review with a bad role\n";
  ReplaceOnce(bad_role.checkpoints, "owner_role: chair", "owner_role: judge");
  MiniWorkflow bad_phase;
  bad_phase.top = "name: bad-phase\ntitle: A review with a bad phase\n";
  ReplaceOnce(bad_phase.checkpoints, "phase: decision_pending", "phase: triage");
  test::WriteFile(dir.File("a-good.yaml"), good.Text());
  test::WriteFile(dir.File("b-bad-role.yaml"), bad_role.Text());
  test::WriteFile(dir.File("c-bad-phase.yaml"), bad_phase.Text());
  test::WriteFile(dir.File("notes.txt"), "not a workflow: ignored\n");

  std::vector<std::string> errors;
  Result<std::vector<WorkflowDefinition>> loaded = WorkflowLoader::LoadDirectory(dir.path(), &errors);
  INFO(WorkflowFile::Joined(errors));
  REQUIRE_FALSE(loaded.ok());
  REQUIRE(errors.size() == 2u);
  CHECK_THAT(errors[0], StartsWith(dir.File("b-bad-role.yaml") + ":") && Contains("unknown role 'judge'"));
  CHECK_THAT(errors[1], StartsWith(dir.File("c-bad-phase.yaml") + ":") && Contains("unknown phase 'triage'"));
}

TEST_CASE("workflow folder: two files defining the same workflow name are refused",
          "[engine][workflow][validation]") {
  test::TempDir dir;
  test::WriteFile(dir.File("mini.yaml"), MiniWorkflow().Text());
  test::WriteFile(dir.File("mini-copy.yaml"), MiniWorkflow().Text());
  std::vector<std::string> errors;
  Result<std::vector<WorkflowDefinition>> loaded = WorkflowLoader::LoadDirectory(dir.path(), &errors);
  REQUIRE_FALSE(loaded.ok());
  REQUIRE(errors.size() == 1u);
  // Files are read in name order: "mini-copy.yaml" first, so "mini.yaml" is the second definition.
  CHECK_THAT(errors[0], StartsWith(dir.File("mini.yaml") + ":1: "));
  CHECK_THAT(errors[0], Contains("another file already defines the workflow 'mini'"));
}

TEST_CASE("workflow folder: a folder without workflows, or no folder at all, is refused",
          "[engine][workflow][validation]") {
  test::TempDir dir;
  std::vector<std::string> errors;
  CHECK_FALSE(WorkflowLoader::LoadDirectory(dir.path(), &errors).ok());
  REQUIRE(errors.size() == 1u);
  CHECK_THAT(errors[0], Contains("holds no workflow"));

  errors.clear();
  CHECK_FALSE(WorkflowLoader::LoadDirectory(dir.File("missing"), &errors).ok());
  REQUIRE(errors.size() == 1u);
  CHECK_THAT(errors[0], StartsWith(dir.File("missing") + ":1: "));
}

TEST_CASE("workflow registry: finds a review type by name", "[engine][workflow]") {
  CHECK(test::ProjectWorkflows().Find("scr-2015") != nullptr);
  CHECK(test::ProjectWorkflows().Find("no-such-type") == nullptr);
  CHECK(test::ProjectWorkflows().Find("scr-2015")->name == "scr-2015");
}

// ---- The language of due rules -----------------------------------------------------------------------

DueRule ParsedRule(const std::string& text) {
  Result<DueRule> rule = ParseDueRule(text);
  INFO(rule.status().message());
  REQUIRE(rule.ok());
  CHECK(rule->text == text);
  return *rule;
}

TEST_CASE("due rule: N working days after an event", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("10 working days after decide_to_review");
  CHECK(rule.kind == DueRule::Kind::kAfterAnchor);
  CHECK(rule.offset.amount == 10);
  CHECK(rule.offset.unit == Duration::Unit::kWorkingDays);
  CHECK(rule.anchor.kind == Anchor::Kind::kEvent);
  CHECK(rule.anchor.events == std::vector<LifecycleEvent>{LifecycleEvent::kDecideToReview});
}

TEST_CASE("due rule: a calendar month after referral", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("1 month after referral");
  CHECK(rule.offset.amount == 1);
  CHECK(rule.offset.unit == Duration::Unit::kMonths);
  CHECK(rule.anchor.kind == Anchor::Kind::kReferral);
}

TEST_CASE("due rule: weeks after the incident", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("2 weeks after incident");
  CHECK(rule.offset.amount == 2);
  CHECK(rule.offset.unit == Duration::Unit::kWeeks);
  CHECK(rule.anchor.kind == Anchor::Kind::kIncident);
}

TEST_CASE("due rule: on a fixed date", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("on 2027-01-31");
  CHECK(rule.kind == DueRule::Kind::kFixedDate);
  CHECK(rule.fixed == Date::FromYmd(2027, 1, 31));
}

TEST_CASE("due rule: working days after another checkpoint is done", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("5 working days after chair_decision done");
  CHECK(rule.offset.amount == 5);
  CHECK(rule.offset.unit == Duration::Unit::kWorkingDays);
  CHECK(rule.anchor.kind == Anchor::Kind::kCheckpointDone);
  CHECK(rule.anchor.checkpoint == "chair_decision");
  CHECK(rule.anchor.events.empty());
}

TEST_CASE("due rule: days after whichever of two events came first", "[engine][workflow][due-rule]") {
  DueRule rule = ParsedRule("10 days after decide_to_review or decide_not_to_review");
  CHECK(rule.offset.amount == 10);
  CHECK(rule.offset.unit == Duration::Unit::kDays);
  CHECK(rule.anchor.kind == Anchor::Kind::kEvent);
  CHECK(rule.anchor.events ==
        std::vector<LifecycleEvent>{LifecycleEvent::kDecideToReview, LifecycleEvent::kDecideNotToReview});
}

TEST_CASE("due rule: singular units and zero are accepted", "[engine][workflow][due-rule]") {
  CHECK(ParsedRule("1 working day after referral").offset.unit == Duration::Unit::kWorkingDays);
  CHECK(ParsedRule("1 day after referral").offset.unit == Duration::Unit::kDays);
  CHECK(ParsedRule("1 week after referral").offset.unit == Duration::Unit::kWeeks);
  CHECK(ParsedRule("6 months after decide_to_review").offset.unit == Duration::Unit::kMonths);
  CHECK(ParsedRule("0 working days after publish").offset.amount == 0);
}

TEST_CASE("due rule: rules that do not read as the schema says are refused", "[engine][workflow][due-rule]") {
  for (const char* text :
       {"", "soon", "10 working days", "10 working days after", "10 working days before referral",
        "ten working days after referral", "5 fortnights after referral", "10 working after referral",
        "-5 days after referral", "10 days after breakfast", "10 days after decide_to_review or",
        "10 days after decide_to_review and publish", "10 days after referral or incident",
        "10 days after decide_to_review or referral", "on 2027-02-30", "on tomorrow", "on",
        "on 2027-01-31 or later", "10 days after chair_decision done twice"}) {
    CAPTURE(text);
    Result<DueRule> rule = ParseDueRule(text);
    CHECK_FALSE(rule.ok());
    CHECK(rule.status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("durations, reminders and conditions: read as the schema says", "[engine][workflow][due-rule]") {
  Result<Duration> duration = ParseDuration("2 working days");
  REQUIRE(duration.ok());
  CHECK(duration->amount == 2);
  CHECK(duration->unit == Duration::Unit::kWorkingDays);
  CHECK(DescribeDuration(*duration) == "2 working days");
  CHECK(DescribeDuration(Duration{1, Duration::Unit::kWorkingDays}) == "1 working day");
  CHECK(DescribeDuration(Duration{3, Duration::Unit::kMonths}) == "3 months");
  CHECK_FALSE(ParseDuration("2 working days later").ok());
  CHECK_FALSE(ParseDuration("two days").ok());

  Result<ReminderStep> reminder = ParseReminder("5 working days before");
  REQUIRE(reminder.ok());
  CHECK(reminder->before.amount == 5);
  CHECK_FALSE(ParseReminder("5 working days after").ok());
  CHECK_FALSE(ParseReminder("5 working days").ok());

  Result<Condition> condition = ParseCondition("not statutory_criteria_met");
  REQUIRE(condition.ok());
  CHECK(condition->negated);
  CHECK(condition->fact == Fact::kStatutoryCriteriaMet);
  CHECK(ParseCondition("family_lived_elsewhere")->fact == Fact::kFamilyLivedElsewhere);
  CHECK_FALSE(ParseCondition("child_harmed").ok());
  CHECK_FALSE(ParseCondition("not").ok());
  CHECK_FALSE(ParseCondition("not not child_died").ok());
}

}  // namespace
}  // namespace scr
