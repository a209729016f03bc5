// A folder of workflows: problems across files, duplicate names, the registry.
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
using test::MiniWorkflow;
using test::ReplaceOnce;
using test::WorkflowFile;

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

}  // namespace
}  // namespace scr
