#include "workflow/lifecycle_rules_reader.h"

#include <algorithm>
#include <set>

#include "workflow/due_rule_parser.h"

namespace scr {
namespace {

const std::set<std::string> kNotBeforeKeys = {"event", "rule", "source"};

// `not_before: [{event: publish, rule: "7 working days after publication_to_panel done", source: "..."}]`
void ReadNotBefore(FileChecker& check, const YAML::Node& node, WorkflowDefinition& workflow) {
  if (!node.IsSequence()) {
    check.Error(node, "'not_before' must be a list of {event, rule, source}");
    return;
  }
  for (const YAML::Node& item : node) {
    const std::string what = "a not_before rule";
    if (!check.IsMapWithKnownKeys(item, kNotBeforeKeys, what)) continue;
    NotBeforeRule rule;
    if (std::optional<std::string> event = check.Text(item, "event", what)) {
      if (std::optional<LifecycleEvent> e = EventFromName(*event)) rule.event = *e;
      else check.Error(item["event"], "unknown event '" + *event + "'");
    }
    if (std::optional<std::string> text = check.Text(item, "rule", what)) {
      Result<DueRule> parsed = ParseDueRule(*text);
      if (!parsed.ok()) {
        check.Error(item["rule"], parsed.status().message());
      } else {
        rule.rule = *parsed;
        Anchor& anchor = rule.rule.anchor;
        if (anchor.kind == Anchor::Kind::kCheckpointDone) {
          std::optional<size_t> index = workflow.CheckpointIndex(anchor.checkpoint);
          if (!index) check.Error(item["rule"], "the rule counts from '" + anchor.checkpoint + "', which is no checkpoint of this workflow");
          anchor.checkpoint_index = index.value_or(0);
        }
      }
    }
    rule.source = check.Text(item, "source", what).value_or("");
    workflow.not_before.push_back(std::move(rule));
  }
}

// `family_involvement: [family_involvement_decided, family_comment_on_report]`
void ReadFamilyInvolvement(FileChecker& check, const YAML::Node& node, WorkflowDefinition& workflow) {
  if (!node.IsSequence()) {
    check.Error(node, "'family_involvement' must be a list of checkpoint keys");
    return;
  }
  for (const YAML::Node& item : node) {
    std::optional<size_t> index = item.IsScalar() ? workflow.CheckpointIndex(item.Scalar()) : std::nullopt;
    if (!index) {
      check.Error(item, "'family_involvement' names '" + (item.IsScalar() ? item.Scalar() : std::string()) +
                            "', which is no checkpoint of this workflow");
      continue;
    }
    workflow.family_involvement.push_back(*index);
  }
}

}  // namespace

void ReadLifecycleRules(FileChecker& check, const YAML::Node& root, WorkflowDefinition& workflow) {
  if (YAML::Node node = root["not_before"]; node.IsDefined()) ReadNotBefore(check, node, workflow);
  if (YAML::Node node = root["family_involvement"]; node.IsDefined()) ReadFamilyInvolvement(check, node, workflow);
}

bool WorkflowDefinition::IsFamilyInvolvement(size_t checkpoint) const {
  return std::find(family_involvement.begin(), family_involvement.end(), checkpoint) != family_involvement.end();
}

}  // namespace scr
