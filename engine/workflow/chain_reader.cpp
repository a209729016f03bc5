// Reminders and escalation chains of a workflow file: the defaults, each checkpoint's own, and those of the
// dated items that are not checkpoints (information requests, improvement actions, follow-ups).
#include "workflow/chain_reader.h"

#include "workflow/due_rule_parser.h"
#include "workflow/source_reader.h"

namespace scr {
namespace {

const std::set<std::string> kEscalationKeys = {"after", "to"};
const std::set<std::string> kRequestKeys = {"owner_role", "reminders", "escalation", "marker", "marker_before_decision"};
const std::set<std::string> kActionKeys = {"owner_role", "reminders", "escalation", "marker", "amber_within",
                                           "follow_ups"};
const std::set<std::string> kFollowUpKeys = {"after_completion", "source", "local_default", "owner_role", "reminders",
                                             "escalation"};

// The Quality Marker under `key` of a section (0 when absent), which the file must define.
int ReadSectionMarker(FileChecker& check, const YAML::Node& section, const char* key, const std::string& what,
                      const WorkflowDefinition& workflow) {
  if (!section.IsMap() || !section[key].IsDefined()) return 0;
  std::optional<int> marker = check.Integer(section, key, what);
  if (!marker) return 0;
  for (const Marker& defined : workflow.markers) {
    if (defined.number == *marker) return *marker;
  }
  check.Error(section[key], "'" + std::string(key) + "' of " + what + " names marker " + std::to_string(*marker) +
                                ", which the file does not define");
  return 0;
}

}  // namespace

// A duration's rough length in calendar days, only to check that escalation steps come in order.
double NominalDays(const Duration& duration) {
  switch (duration.unit) {
    case Duration::Unit::kWorkingDays: return duration.amount * 7.0 / 5.0;
    case Duration::Unit::kDays: return duration.amount;
    case Duration::Unit::kWeeks: return duration.amount * 7.0;
    case Duration::Unit::kMonths: return duration.amount * 30.4;
  }
  return duration.amount;
}

std::vector<ReminderStep> ReadReminders(FileChecker& check, const YAML::Node& node, const std::string& what) {
  std::vector<ReminderStep> steps;
  if (!node.IsSequence()) {
    check.Error(node, "'reminders' of " + what + " must be a list such as [5 working days before]");
    return steps;
  }
  for (const YAML::Node& item : node) {
    Result<ReminderStep> step = item.IsScalar() ? ParseReminder(item.Scalar())
                                                : Result<ReminderStep>(Status::InvalidArgument("a reminder must be a text"));
    if (!step.ok()) check.Error(item, step.status().message());
    else steps.push_back(*step);
  }
  return steps;
}

std::vector<EscalationStep> ReadEscalation(FileChecker& check, const YAML::Node& node, const std::string& what) {
  std::vector<EscalationStep> steps;
  if (!node.IsSequence()) {
    check.Error(node, "'escalation' of " + what + " must be a list of {after: ..., to: ROLE}");
    return steps;
  }
  for (const YAML::Node& item : node) {
    std::string step_what = "an escalation step of " + what;
    if (!check.IsMapWithKnownKeys(item, kEscalationKeys, step_what)) continue;
    std::optional<std::string> after = check.Text(item, "after", step_what);
    std::optional<std::string> to = check.Text(item, "to", step_what);
    if (!after || !to) continue;
    Result<Duration> delay = ParseDuration(*after);
    if (!delay.ok()) {
      check.Error(item["after"], delay.status().message());
      continue;
    }
    EscalationStep step{*delay, std::nullopt};
    if (*to != "owner") {
      step.role = RoleFromName(*to);
      if (!step.role) {
        check.Error(item["to"], "unknown role '" + *to +
                                    "'; use owner, admin, business_unit, chair, lead_reviewer, agency or viewer");
        continue;
      }
    }
    if (!steps.empty() && NominalDays(steps.back().after) >= NominalDays(*delay)) {
      check.Error(item["after"], "escalation steps must come in increasing order of 'after'");
    }
    steps.push_back(step);
  }
  return steps;
}

// A duration written as text under `key` of `node`, e.g. "20 working days".
std::optional<Duration> ReadDurationText(FileChecker& check, const YAML::Node& node, const char* key,
                                         const std::string& what) {
  std::optional<std::string> text = check.Text(node, key, what);
  if (!text) return std::nullopt;
  Result<Duration> duration = ParseDuration(*text);
  if (!duration.ok()) {
    check.Error(node[key], duration.status().message());
    return std::nullopt;
  }
  return *duration;
}

// The owner, reminders and escalation of a kind of dated item (a section such as information_requests),
// each falling back on the business unit and the defaults; `node` may be absent.
void ReadChain(FileChecker& check, const YAML::Node& node, const std::set<std::string>& keys, const std::string& what,
               const Chains& defaults, CheckpointDefinition& chain) {
  chain.owner_role = Role::kBusinessUnit;
  chain.reminders = defaults.reminders;
  chain.escalation = defaults.escalation;
  if (!node.IsDefined() || node.IsNull() || !check.IsMapWithKnownKeys(node, keys, what)) return;
  if (std::optional<std::string> role = check.Text(node, "owner_role", what, false)) {
    if (std::optional<Role> r = RoleFromName(*role)) chain.owner_role = *r;
    else check.Error(node["owner_role"], "unknown role '" + *role + "'; use admin, business_unit, chair, lead_reviewer, agency or viewer");
  }
  if (node["reminders"].IsDefined()) chain.reminders = ReadReminders(check, node["reminders"], what);
  if (node["escalation"].IsDefined()) chain.escalation = ReadEscalation(check, node["escalation"], what);
}

// Information requests, improvement actions and their follow-ups are chased like checkpoints, by the
// chains given in their sections or the defaults.
void ReadItemChains(FileChecker& check, YAML::Node root, const Chains& defaults, WorkflowDefinition& workflow) {
  YAML::Node requests = root["information_requests"];
  ReadChain(check, requests, kRequestKeys, "information_requests", defaults, workflow.information_request_chain);
  workflow.information_request_chain.key = "information_request";
  workflow.information_request_chain.title = "Information requested from an agency";
  workflow.information_request_chain.marker = ReadSectionMarker(check, requests, "marker", "information_requests", workflow);
  workflow.information_marker_before_decision =
      ReadSectionMarker(check, requests, "marker_before_decision", "information_requests", workflow);
  YAML::Node actions = root["improvement_actions"];
  ReadChain(check, actions, kActionKeys, "improvement_actions", defaults, workflow.action_chain);
  workflow.action_chain.key = "action";
  workflow.action_chain.title = "Improvement action";
  workflow.action_chain.marker = ReadSectionMarker(check, actions, "marker", "improvement_actions", workflow);
  YAML::Node follow_ups = actions.IsMap() ? actions["follow_ups"] : YAML::Node();
  ReadChain(check, follow_ups, kFollowUpKeys, "improvement_actions.follow_ups", defaults, workflow.follow_up_chain);
  workflow.follow_up_chain.key = "follow_up";
  workflow.follow_up_chain.title = "Follow-up check of an improvement action";
  workflow.follow_up_chain.marker = workflow.action_chain.marker;  // a follow-up checks its action (QM18)
  if (actions.IsMap() && actions["amber_within"].IsDefined()) {
    if (std::optional<Duration> amber = ReadDurationText(check, actions, "amber_within", "improvement_actions")) {
      workflow.action_amber_within = *amber;
    }
  }
  if (follow_ups.IsMap() && follow_ups["after_completion"].IsDefined()) {
    YAML::Node list = follow_ups["after_completion"];
    if (!list.IsSequence()) {
      check.Error(list, "'after_completion' must be a list such as [3 months, 6 months, 12 months]");
    } else {
      for (const YAML::Node& item : list) {
        Result<Duration> after = item.IsScalar() ? ParseDuration(item.Scalar())
                                                 : Result<Duration>(Status::InvalidArgument("a follow-up must be a duration"));
        if (!after.ok()) check.Error(item, after.status().message());
        else if (!workflow.follow_ups_after_completion.empty() &&
                 NominalDays(workflow.follow_ups_after_completion.back()) >= NominalDays(*after)) {
          check.Error(item, "follow-ups must come in increasing order");
        } else {
          workflow.follow_ups_after_completion.push_back(*after);
        }
      }
    }
    ReadTimescaleSource(check, follow_ups, follow_ups, "improvement_actions.follow_ups (after_completion)",
                        workflow.follow_up_chain.source, workflow.follow_up_chain.local_default);
  }
}

}  // namespace scr
