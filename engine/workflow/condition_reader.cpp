// The conditions a workflow asks for at referral (child_died, ...): declared in the file, each with the
// question the referral form puts, and named by the checkpoints that apply only when one holds.
#include "workflow/condition_reader.h"

#include <regex>

#include "workflow/due_rule_parser.h"

namespace scr {
namespace {

const std::set<std::string> kConditionKeys = {"key", "label", "question", "source", "required"};

}  // namespace

void ReadConditions(FileChecker& check, const YAML::Node& node, WorkflowDefinition& workflow) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsSequence()) {
    check.Error(node, "'conditions' must be a list of {key, label, question}");
    return;
  }
  static const std::regex kKeyPattern("[a-z][a-z0-9_]{0,63}");
  for (const YAML::Node& item : node) {
    if (!check.IsMapWithKnownKeys(item, kConditionKeys, "a condition")) continue;
    ConditionDefinition condition;
    condition.key = check.Text(item, "key", "a condition").value_or("");
    std::string what = condition.key.empty() ? "a condition" : "condition " + condition.key;
    if (!condition.key.empty() && !std::regex_match(condition.key, kKeyPattern)) {
      check.Error(item["key"], "condition key '" + condition.key + "' must be snake_case, at most 64 characters");
    } else if (condition.key == "not") {
      check.Error(item["key"], "'not' cannot be a condition's key");
    } else if (workflow.FindCondition(condition.key)) {
      check.Error(item["key"], "condition key '" + condition.key + "' is used twice");
    }
    condition.label = check.Text(item, "label", what).value_or("");
    condition.question = check.Text(item, "question", what).value_or("");
    condition.source = check.Text(item, "source", what, false).value_or("");
    if (YAML::Node required = item["required"]; required.IsDefined()) {
      if (required.IsScalar() && (required.Scalar() == "true" || required.Scalar() == "false")) {
        condition.required = required.Scalar() == "true";
      } else {
        check.Error(required, "'required' of " + what + " must be true or false");
      }
    }
    workflow.conditions.push_back(std::move(condition));
  }
  if (workflow.conditions.size() > WorkflowDefinition::kMaxConditions) {
    check.Error(node, "a workflow may declare at most " + std::to_string(WorkflowDefinition::kMaxConditions) +
                          " conditions");
  }
}

std::optional<Condition> ReadCheckpointCondition(FileChecker& check, const YAML::Node& node, const std::string& what,
                                                 const WorkflowDefinition& workflow) {
  Result<Condition> parsed = ParseCondition(node.Scalar());
  if (!parsed.ok()) {
    check.Error(node, parsed.status().message());
    return std::nullopt;
  }
  for (size_t i = 0; i < workflow.conditions.size(); ++i) {
    if (workflow.conditions[i].key != parsed->key) continue;
    parsed->index = i;
    return *parsed;
  }
  check.Error(node, what + " applies when '" + parsed->key + "', which is not one of the workflow's conditions (" +
                        workflow.ConditionKeys() + "); declare it under 'conditions'");
  return std::nullopt;
}

const ConditionDefinition* WorkflowDefinition::FindCondition(const std::string& key) const {
  for (const ConditionDefinition& condition : conditions) {
    if (condition.key == key) return &condition;
  }
  return nullptr;
}

std::string WorkflowDefinition::ConditionKeys() const {
  if (conditions.empty()) return "it declares none";
  std::string keys;
  for (size_t i = 0; i < conditions.size(); ++i) {
    if (i > 0) keys += i + 1 == conditions.size() ? " or " : ", ";
    keys += conditions[i].key;
  }
  return keys;
}

int WorkflowDefinition::InformationRequestMarker(bool before_decision) const {
  if (before_decision && information_marker_before_decision != 0) return information_marker_before_decision;
  return information_request_chain.marker;
}

}  // namespace scr
