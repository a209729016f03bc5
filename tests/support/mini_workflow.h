// A minimal valid workflow file, changed one thing at a time by the workflow tests, and a way to load
// it and read back its problems.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/workflow.h"
#include "support/test_support.h"

namespace scr::test {

// ---- A minimal valid workflow, changed one thing at a time -------------------------------------------

// One more checkpoint, in the file's own layout.
inline std::string Checkpoint(const std::string& key, const std::string& due, const std::string& more = "") {
  // clang-format off
  return "  - key: " + key + "\n" +
         "    title: The " + key + " checkpoint\n" +
         "    marker: 2\n" +
         "    phase: setting_up\n" +
         "    owner_role: business_unit\n" +
         "    due: " + due + "\n" +
         "    local_default: true\n" + more;
  // clang-format on
}

// The smallest workflow the loader accepts: all ten phases labelled, two markers, a condition, defaults and
// two checkpoints. A test edits one part, so that the only problem in the file is the one it is about.
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
  std::string conditions =
      "conditions:\n"
      "  - key: child_died\n"
      "    label: The child died\n"
      "    question: Did the child die?\n"
      "    required: true\n";
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
      "    local_default: true\n"
      "    blocks: [decide_to_review, decide_not_to_review]\n"
      "  - key: board_advised\n"
      "    title: Board members are told of the decision\n"
      "    marker: 1\n"
      "    phase: setting_up\n"
      "    owner_role: business_unit\n"
      "    due: 10 working days after decide_to_review or decide_not_to_review\n"
      "    local_default: true\n"
      "    condition: not child_died\n"
      "    blocks: [commission]\n"
      "    reminders: [2 working days before]\n";

  std::string Text() const { return top + phases + markers + conditions + defaults + checkpoints; }
};

// Replaces the only occurrence of `from` in `text` (a test that edits the wrong place fails loudly).
inline void ReplaceOnce(std::string& text, const std::string& from, const std::string& to) {
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

}  // namespace scr::test
