// A review type's overall timescale in its workflow file: read as the schema says, refused with its line
// when it does not, and set in the project's English review types from their guidance.
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

TEST_CASE("workflow timescale: its due rule, the event that meets it and its source are read",
          "[engine][workflow][timescale]") {
  MiniWorkflow yaml;
  yaml.top += "timescale:\n  due: 6 months after decide_to_review\n  met_by: sign_off_report\n"
              "  source: Working Together 2015, chapter 4\n";
  WorkflowFile file(yaml.Text());
  Result<WorkflowDefinition> loaded = file.Load();
  REQUIRE(loaded.ok());
  REQUIRE(loaded->timescale);
  CHECK(loaded->timescale->due.text == "6 months after decide_to_review");
  CHECK(loaded->timescale->met_by == LifecycleEvent::kSignOffReport);
  CHECK(loaded->timescale->source == "Working Together 2015, chapter 4");
  CHECK_FALSE(loaded->timescale->local_default);
  CHECK_FALSE(WorkflowFile(MiniWorkflow().Text()).Load()->timescale);  // optional
}

TEST_CASE("workflow timescale: an unknown event, a rule counting from a checkpoint or no source is refused at its line",
          "[engine][workflow][timescale][validation]") {
  MiniWorkflow unknown;
  unknown.top += "timescale:\n  due: 6 months after decide_to_review\n  met_by: report_signed\n  source: guidance\n";
  WorkflowFile unknown_file(unknown.Text());
  std::string problem = unknown_file.OnlyProblem();
  CHECK_THAT(problem, StartsWith(unknown_file.At("report_signed")));
  CHECK_THAT(problem, Contains("unknown event 'report_signed'"));

  MiniWorkflow from_checkpoint;
  from_checkpoint.top += "timescale:\n  due: 6 months after chair_decision done\n  met_by: sign_off_report\n"
                         "  source: guidance\n";
  WorkflowFile checkpoint_file(from_checkpoint.Text());
  CHECK_THAT(checkpoint_file.OnlyProblem(), Contains("not from a checkpoint"));

  MiniWorkflow no_source;
  no_source.top += "timescale:\n  due: 6 months after decide_to_review\n  met_by: sign_off_report\n";
  WorkflowFile source_file(no_source.Text());
  CHECK_THAT(source_file.OnlyProblem(), Contains("the timescale needs 'source'"));
}

TEST_CASE("workflow timescale: the English children's reviews run six months from the decision to sign-off",
          "[engine][workflow][timescale]") {
  for (const char* name : {"scr-2015", "lcspr-2023"}) {
    const WorkflowDefinition* workflow = test::ProjectWorkflows().Find(name);
    REQUIRE(workflow);
    REQUIRE(workflow->timescale);
    CHECK(workflow->timescale->due.text == "6 months after decide_to_review");
    CHECK(workflow->timescale->met_by == LifecycleEvent::kSignOffReport);
    CHECK_THAT(workflow->timescale->source, Contains("Working Together to Safeguard Children"));
  }
}

}  // namespace
}  // namespace scr
