// What each timescale of a workflow file rests on: a checkpoint's and the follow-ups' `source` and
// `local_default` read, a rule with neither refused at its line, and every timescale of every shipped file
// carrying one or the other.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/workflow.h"
#include "support/mini_workflow.h"
#include "support/test_support.h"
#include "support/unsourced_checkpoint.h"

namespace scr {
namespace {

using Catch::Contains;
using Catch::StartsWith;
using test::MiniWorkflow;
using test::ReplaceOnce;
using test::WorkflowFile;

const char kFollowUps[] =
    "improvement_actions:\n"
    "  follow_ups:\n"
    "    after_completion: [3 months, 12 months]\n";

bool HasSource(const std::string& source, bool local_default) { return !source.empty() || local_default; }

std::vector<std::string> ShippedFiles() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(test::WorkflowsDir())) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  }
  return paths;
}

TEST_CASE("workflow sources: a checkpoint's source and local_default are read, and both may be given",
          "[engine][workflow][sources]") {
  MiniWorkflow yaml;
  ReplaceOnce(yaml.checkpoints, "    due: 1 month after referral\n    local_default: true\n",
              "    due: 1 month after referral\n    source: Working Together 2015, chapter 4\n");
  ReplaceOnce(yaml.checkpoints, "decide_not_to_review\n    local_default: true\n",
              "decide_not_to_review\n    source: QM3, within a month\n    local_default: true\n");
  yaml.top += std::string(kFollowUps) + "    source: SCR Quality Markers (2016), QM18\n";
  WorkflowFile file(yaml.Text());
  Result<WorkflowDefinition> loaded = file.Load();
  REQUIRE(loaded.ok());
  const CheckpointDefinition* decision = loaded->FindCheckpoint("chair_decision");
  REQUIRE(decision);
  CHECK(decision->source == "Working Together 2015, chapter 4");
  CHECK_FALSE(decision->local_default);
  const CheckpointDefinition* advised = loaded->FindCheckpoint("board_advised");
  REQUIRE(advised);
  CHECK(advised->source == "QM3, within a month");
  CHECK(advised->local_default);
  CHECK(loaded->follow_up_chain.source == "SCR Quality Markers (2016), QM18");
  CHECK_FALSE(loaded->follow_up_chain.local_default);
}

TEST_CASE("workflow sources: a checkpoint with neither a source nor local_default true is refused at its line",
          "[engine][workflow][sources][validation]") {
  for (const char* replacement : {"", "    local_default: false\n"}) {
    MiniWorkflow yaml;
    ReplaceOnce(yaml.checkpoints, "    due: 1 month after referral\n    local_default: true\n",
                "    due: 1 month after referral\n" + std::string(replacement));
    WorkflowFile file(yaml.Text());
    std::string problem = file.OnlyProblem();
    CHECK_THAT(problem, StartsWith(file.At("- key: chair_decision")));
    CHECK_THAT(problem, Contains("checkpoint chair_decision (due 1 month after referral) needs 'source'"));
    CHECK_THAT(problem, Contains("or 'local_default: true'"));
  }

  MiniWorkflow unclear;
  ReplaceOnce(unclear.checkpoints, "    due: 1 month after referral\n    local_default: true\n",
              "    due: 1 month after referral\n    local_default: sometimes\n");
  WorkflowFile unclear_file(unclear.Text());
  std::string problem = unclear_file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(unclear_file.At("local_default: sometimes")));
  CHECK_THAT(problem, Contains("must be true or false"));
}

TEST_CASE("workflow sources: follow-ups with neither a source nor local_default true are refused at their line",
          "[engine][workflow][sources][validation]") {
  MiniWorkflow yaml;
  yaml.top += kFollowUps;
  WorkflowFile file(yaml.Text());
  std::string problem = file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(file.At("after_completion:")));
  CHECK_THAT(problem, Contains("improvement_actions.follow_ups (after_completion) needs 'source'"));

  MiniWorkflow local;
  local.top += std::string(kFollowUps) + "    local_default: true\n";
  Result<WorkflowDefinition> loaded = WorkflowFile(local.Text()).Load();
  REQUIRE(loaded.ok());
  CHECK(loaded->follow_up_chain.local_default);
  CHECK(loaded->follow_up_chain.source.empty());
}

TEST_CASE("workflow sources: a timescale the board chose itself needs no source when marked local_default true",
          "[engine][workflow][sources]") {
  MiniWorkflow yaml;
  yaml.top += "timescale:\n  due: 6 months after decide_to_review\n  met_by: sign_off_report\n  local_default: true\n";
  Result<WorkflowDefinition> loaded = WorkflowFile(yaml.Text()).Load();
  REQUIRE(loaded.ok());
  REQUIRE(loaded->timescale);
  CHECK(loaded->timescale->local_default);
  CHECK(loaded->timescale->source.empty());
}

TEST_CASE("workflow sources: every timescale of every shipped workflow file has a source or local_default true",
          "[engine][workflow][sources]") {
  std::vector<std::string> errors;
  Result<std::vector<WorkflowDefinition>> workflows = WorkflowLoader::LoadDirectory(test::WorkflowsDir(), &errors);
  INFO(WorkflowFile::Joined(errors));
  REQUIRE(workflows.ok());
  REQUIRE(workflows->size() == ShippedFiles().size());
  for (const WorkflowDefinition& workflow : *workflows) {
    INFO(workflow.name);
    REQUIRE(workflow.timescale);
    CHECK(HasSource(workflow.timescale->source, workflow.timescale->local_default));
    REQUIRE_FALSE(workflow.checkpoints.empty());
    for (const CheckpointDefinition& checkpoint : workflow.checkpoints) {
      INFO("checkpoint " << checkpoint.key << ", due " << checkpoint.due.text);
      CHECK(HasSource(checkpoint.source, checkpoint.local_default));
    }
    if (!workflow.follow_ups_after_completion.empty()) {
      CHECK(HasSource(workflow.follow_up_chain.source, workflow.follow_up_chain.local_default));
    }
    for (const NotBeforeRule& rule : workflow.not_before) {
      INFO("not_before " << rule.rule.text);
      CHECK_FALSE(rule.source.empty());
    }
  }
}

TEST_CASE("workflow sources: a shipped file with any one checkpoint's source and local_default taken out is "
          "refused with the file and that checkpoint's line",
          "[engine][workflow][sources][validation]") {
  for (const std::string& path : ShippedFiles()) {
    std::vector<std::string> errors;
    Result<WorkflowDefinition> shipped = WorkflowLoader::LoadFile(path, &errors);
    REQUIRE(shipped.ok());
    std::string text = test::FileText(path);
    for (const CheckpointDefinition& checkpoint : shipped->checkpoints) {
      test::UnsourcedCheckpoint copy = test::WithoutSource(text, checkpoint.key);
      INFO(path << ", checkpoint " << checkpoint.key);
      REQUIRE(copy.line > 0);
      REQUIRE(copy.removed > 0);
      WorkflowFile file(copy.text, std::filesystem::path(path).filename().string());
      std::string problem = file.OnlyProblem();
      CHECK_THAT(problem, StartsWith(file.AtLine(copy.line)));
      CHECK_THAT(problem, Contains("checkpoint " + checkpoint.key + " (due " + checkpoint.due.text + ") needs 'source'"));
    }
  }
}

}  // namespace
}  // namespace scr
