#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <regex>
#include <set>

#include "engine/workflow.h"
#include "workflow/chain_reader.h"
#include "workflow/condition_reader.h"
#include "workflow/due_rule_parser.h"
#include "workflow/file_checker.h"
#include "workflow/lifecycle_rules_reader.h"
#include "workflow/source_reader.h"

namespace scr {
namespace {

const std::set<std::string> kTopKeys = {"name",     "title",    "description",          "phases",
                                        "markers",  "defaults", "information_requests", "improvement_actions",
                                        "checkpoints", "timescale", "conditions", "not_before", "family_involvement"};
const std::set<std::string> kTimescaleKeys = {"due", "met_by", "source", "local_default"};
const std::set<std::string> kPhaseKeys = {"label", "description"};
const std::set<std::string> kMarkerKeys = {"number", "name", "statement", "questions"};
const std::set<std::string> kQuestionKeys = {"id", "text"};
const std::set<std::string> kDefaultsKeys = {"reminders", "escalation"};
const std::set<std::string> kCheckpointKeys = {"key",       "title",     "marker",    "phase",      "owner_role",
                                               "due",       "source",    "local_default", "condition", "blocks",
                                               "reminders", "escalation"};

void ReadPhases(FileChecker& check, const YAML::Node& node, WorkflowDefinition& workflow) {
  if (!node.IsDefined()) {
    check.Error(node, "the workflow needs 'phases', a label for each phase");
    return;
  }
  if (!node.IsMap()) {
    check.Error(node, "'phases' must map each phase to its label");
    return;
  }
  std::set<Phase> seen;
  for (const auto& entry : node) {
    std::optional<Phase> phase = PhaseFromName(entry.first.Scalar());
    if (!phase) {
      check.Error(entry.first, "unknown phase '" + entry.first.Scalar() + "'");
      continue;
    }
    seen.insert(*phase);
    workflow.used_phases.Add(*phase);
    PhaseLabel& label = workflow.phases[static_cast<size_t>(*phase)];
    std::string what = "phase " + entry.first.Scalar();
    if (entry.second.IsScalar()) {
      label.label = entry.second.Scalar();
      if (label.label.empty()) check.Error(entry.second, what + " needs a non-empty label");
    } else if (check.IsMapWithKnownKeys(entry.second, kPhaseKeys, what)) {
      label.label = check.Text(entry.second, "label", what).value_or("");
      label.description = check.Text(entry.second, "description", what, false).value_or("");
    }
  }
  for (Phase phase : AllPhases()) {
    if (phase == Phase::kExternalAssurance) continue;  // only for reports that go to an outside body first
    if (!seen.count(phase)) check.Error(node, std::string("'phases' has no label for phase ") + PhaseName(phase));
  }
}

void ReadMarkers(FileChecker& check, const YAML::Node& node, WorkflowDefinition& workflow) {
  if (!node.IsSequence()) {
    check.Error(node, "'markers' must be a list of Quality Markers");
    return;
  }
  std::set<std::string> question_ids;
  for (const YAML::Node& item : node) {
    if (!check.IsMapWithKnownKeys(item, kMarkerKeys, "a marker")) continue;
    Marker marker;
    marker.number = check.Integer(item, "number", "a marker").value_or(0);
    std::string what = "marker " + std::to_string(marker.number);
    marker.name = check.Text(item, "name", what).value_or("");
    marker.statement = check.Text(item, "statement", what).value_or("");
    for (const Marker& other : workflow.markers) {
      if (other.number == marker.number && marker.number != 0) check.Error(item["number"], what + " is defined twice");
    }
    YAML::Node questions = item["questions"];
    if (!questions.IsDefined() || !questions.IsSequence() || questions.size() == 0) {
      check.Error(questions.IsDefined() ? questions : item, what + " needs 'questions', a list of {id, text}");
    } else {
      for (const YAML::Node& q : questions) {
        if (!check.IsMapWithKnownKeys(q, kQuestionKeys, "a question of " + what)) continue;
        MarkerQuestion question;
        question.id = check.Text(q, "id", "a question of " + what).value_or("");
        question.text = check.Text(q, "text", "a question of " + what).value_or("");
        if (!question.id.empty() && !question_ids.insert(question.id).second) {
          check.Error(q["id"], "question id '" + question.id + "' is used twice");
        }
        marker.questions.push_back(std::move(question));
      }
    }
    workflow.markers.push_back(std::move(marker));
  }
}

void ReadCheckpoint(FileChecker& check, const YAML::Node& item, const Chains& defaults, WorkflowDefinition& workflow,
                    std::map<std::string, YAML::Node>& due_nodes) {
  if (!check.IsMapWithKnownKeys(item, kCheckpointKeys, "a checkpoint")) return;
  CheckpointDefinition checkpoint;
  checkpoint.key = check.Text(item, "key", "a checkpoint").value_or("");
  std::string what = checkpoint.key.empty() ? "a checkpoint" : "checkpoint " + checkpoint.key;
  static const std::regex kKeyPattern("[a-z][a-z0-9_]*");
  if (!checkpoint.key.empty() && !std::regex_match(checkpoint.key, kKeyPattern)) {
    check.Error(item["key"], "checkpoint key '" + checkpoint.key + "' must be snake_case");
  }
  if (!checkpoint.key.empty() && workflow.FindCheckpoint(checkpoint.key)) {
    check.Error(item["key"], "checkpoint key '" + checkpoint.key + "' is used twice");
  }
  checkpoint.title = check.Text(item, "title", what).value_or("");
  if (std::optional<int> marker = check.Integer(item, "marker", what)) {
    checkpoint.marker = *marker;
    bool known = std::any_of(workflow.markers.begin(), workflow.markers.end(),
                             [&](const Marker& m) { return m.number == *marker; });
    if (!known) check.Error(item["marker"], what + " names marker " + std::to_string(*marker) + ", which the file does not define");
  }
  if (std::optional<std::string> phase = check.Text(item, "phase", what)) {
    if (std::optional<Phase> p = PhaseFromName(*phase)) checkpoint.phase = *p;
    else check.Error(item["phase"], "unknown phase '" + *phase + "'");
  }
  if (std::optional<std::string> role = check.Text(item, "owner_role", what)) {
    if (std::optional<Role> r = RoleFromName(*role)) checkpoint.owner_role = *r;
    else check.Error(item["owner_role"], "unknown role '" + *role + "'; use admin, business_unit, chair, lead_reviewer, agency or viewer");
  }
  if (std::optional<std::string> due = check.Text(item, "due", what)) {
    Result<DueRule> rule = ParseDueRule(*due);
    if (rule.ok()) {
      checkpoint.due = *rule;
      due_nodes[checkpoint.key] = item["due"];
    } else {
      check.Error(item["due"], rule.status().message());
    }
    ReadTimescaleSource(check, item, item, what + " (due " + *due + ")", checkpoint.source, checkpoint.local_default);
  }
  if (check.Text(item, "condition", what, false)) {
    checkpoint.condition = ReadCheckpointCondition(check, item["condition"], what, workflow);
  }
  if (YAML::Node blocks = item["blocks"]; blocks.IsDefined()) {
    if (!blocks.IsSequence()) {
      check.Error(blocks, "'blocks' of " + what + " must be a list of events");
    } else {
      for (const YAML::Node& event_node : blocks) {
        std::optional<LifecycleEvent> event = EventFromName(event_node.Scalar());
        if (!event) {
          check.Error(event_node, what + " blocks '" + event_node.Scalar() + "', which is not an event of the lifecycle");
        } else {
          checkpoint.blocks.push_back(*event);
        }
      }
    }
  }
  YAML::Node reminders = item["reminders"];
  checkpoint.reminders = reminders.IsDefined() ? ReadReminders(check, reminders, what) : defaults.reminders;
  YAML::Node escalation = item["escalation"];
  checkpoint.escalation = escalation.IsDefined() ? ReadEscalation(check, escalation, what) : defaults.escalation;
  workflow.checkpoints.push_back(std::move(checkpoint));
}

// Checks that every "KEY done" anchor names a checkpoint and that such anchors form no cycle.
void CheckDueRuleGraph(FileChecker& check, const WorkflowDefinition& workflow,
                       const std::map<std::string, YAML::Node>& due_nodes) {
  std::map<std::string, std::string> depends_on;
  for (const CheckpointDefinition& c : workflow.checkpoints) {
    if (c.due.kind != DueRule::Kind::kAfterAnchor || c.due.anchor.kind != Anchor::Kind::kCheckpointDone) continue;
    auto node = due_nodes.find(c.key);
    if (node == due_nodes.end()) continue;
    if (!workflow.FindCheckpoint(c.due.anchor.checkpoint)) {
      check.Error(node->second, "checkpoint " + c.key + " counts from '" + c.due.anchor.checkpoint +
                                    " done', but no checkpoint has that key");
    } else {
      depends_on[c.key] = c.due.anchor.checkpoint;
    }
  }
  std::set<std::string> reported;
  for (const auto& start : depends_on) {
    std::vector<std::string> path{start.first};
    std::set<std::string> on_path{start.first};
    for (auto next = depends_on.find(start.first); next != depends_on.end(); next = depends_on.find(next->second)) {
      if (on_path.count(next->second)) {
        if (next->second == start.first && !reported.count(start.first)) {
          std::string cycle;
          for (const std::string& key : path) {
            cycle += key + " -> ";
            reported.insert(key);
          }
          check.Error(due_nodes.at(start.first), "due rules form a cycle: " + cycle + start.first);
        }
        break;
      }
      path.push_back(next->second);
      on_path.insert(next->second);
    }
  }
}

}  // namespace

const CheckpointDefinition* WorkflowDefinition::FindCheckpoint(const std::string& key) const {
  std::optional<size_t> index = CheckpointIndex(key);
  return index ? &checkpoints[*index] : nullptr;
}

std::optional<size_t> WorkflowDefinition::CheckpointIndex(const std::string& key) const {
  for (size_t i = 0; i < checkpoints.size(); ++i) {
    if (checkpoints[i].key == key) return i;
  }
  return std::nullopt;
}

namespace {

// `timescale: {due: 6 months after decide_to_review, met_by: sign_off_report, source: ...}` (or
// `local_default: true` where no public source fixes it); a rule
// counted from a checkpoint's completion is refused: the timescale is the review's, not a step's.
void ReadTimescale(FileChecker& check, const YAML::Node& node, WorkflowDefinition& workflow) {
  if (!check.IsMapWithKnownKeys(node, kTimescaleKeys, "the timescale")) return;
  TimescaleDefinition timescale;
  if (std::optional<std::string> due = check.Text(node, "due", "the timescale")) {
    Result<DueRule> rule = ParseDueRule(*due);
    if (!rule.ok()) check.Error(node["due"], rule.status().message());
    else if (rule->kind == DueRule::Kind::kAfterAnchor && rule->anchor.kind == Anchor::Kind::kCheckpointDone) {
      check.Error(node["due"], "the timescale counts from the referral, the incident or an event, not from a checkpoint");
    } else {
      timescale.due = *rule;
    }
  }
  if (std::optional<std::string> met_by = check.Text(node, "met_by", "the timescale")) {
    if (std::optional<LifecycleEvent> event = EventFromName(*met_by)) timescale.met_by = *event;
    else check.Error(node["met_by"], "unknown event '" + *met_by + "': the timescale is met when an event happens");
  }
  ReadTimescaleSource(check, node, node, "the timescale", timescale.source, timescale.local_default);
  workflow.timescale = timescale;
}

}  // namespace

Result<WorkflowDefinition> WorkflowLoader::LoadFile(const std::string& path, std::vector<std::string>* errors) {
  FileChecker check(path, errors);
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    errors->push_back(path + ":1: cannot read the file");
    return Status::InvalidArgument(errors->back());
  } catch (const YAML::Exception& e) {
    errors->push_back(path + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    return Status::InvalidArgument(errors->back());
  }
  WorkflowDefinition workflow;
  workflow.source_file = path;
  if (!check.IsMapWithKnownKeys(root, kTopKeys, "the workflow")) return Status::InvalidArgument(errors->back());

  workflow.name = check.Text(root, "name", "the workflow").value_or("");
  static const std::regex kNamePattern("[a-z][a-z0-9-]*");
  if (!workflow.name.empty() && !std::regex_match(workflow.name, kNamePattern)) {
    check.Error(root["name"], "workflow name '" + workflow.name + "' must be lowercase letters, digits and dashes");
  }
  workflow.title = check.Text(root, "title", "the workflow").value_or("");
  workflow.description = check.Text(root, "description", "the workflow", false).value_or("");
  ReadPhases(check, root["phases"], workflow);
  ReadMarkers(check, root["markers"], workflow);
  ReadConditions(check, root["conditions"], workflow);

  Chains defaults;
  if (YAML::Node node = root["defaults"]; node.IsDefined() && check.IsMapWithKnownKeys(node, kDefaultsKeys, "defaults")) {
    if (node["reminders"].IsDefined()) defaults.reminders = ReadReminders(check, node["reminders"], "defaults");
    if (node["escalation"].IsDefined()) defaults.escalation = ReadEscalation(check, node["escalation"], "defaults");
  }

  ReadItemChains(check, root, defaults, workflow);
  if (YAML::Node node = root["timescale"]; node.IsDefined()) ReadTimescale(check, node, workflow);

  std::map<std::string, YAML::Node> due_nodes;
  YAML::Node checkpoints = root["checkpoints"];
  if (!checkpoints.IsSequence()) {
    check.Error(checkpoints.IsDefined() ? checkpoints : root, "the workflow needs 'checkpoints', a list");
  } else {
    for (const YAML::Node& item : checkpoints) ReadCheckpoint(check, item, defaults, workflow, due_nodes);
  }
  CheckDueRuleGraph(check, workflow, due_nodes);
  if (workflow.checkpoints.size() > 255) check.Error(checkpoints, "a workflow may have at most 255 checkpoints");
  for (CheckpointDefinition& checkpoint : workflow.checkpoints) {
    Anchor& anchor = checkpoint.due.anchor;
    if (anchor.kind == Anchor::Kind::kCheckpointDone) anchor.checkpoint_index = workflow.CheckpointIndex(anchor.checkpoint).value_or(0);
  }

  ReadLifecycleRules(check, root, workflow);

  if (check.count() > 0) return Status::InvalidArgument(errors->back());
  return workflow;
}

Result<std::vector<WorkflowDefinition>> WorkflowLoader::LoadDirectory(const std::string& directory,
                                                                       std::vector<std::string>* errors) {
  std::vector<std::string> paths;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  }
  if (error) {
    errors->push_back(directory + ":1: cannot read the workflows folder: " + error.message());
    return Status::InvalidArgument(errors->back());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<WorkflowDefinition> workflows;
  std::set<std::string> names;
  for (const std::string& path : paths) {
    Result<WorkflowDefinition> workflow = LoadFile(path, errors);
    if (!workflow.ok()) continue;
    if (!names.insert(workflow->name).second) {
      errors->push_back(path + ":1: another file already defines the workflow '" + workflow->name + "'");
      continue;
    }
    workflows.push_back(std::move(workflow).value());
  }
  if (paths.empty()) errors->push_back(directory + ":1: the folder holds no workflow (*.yaml) file");
  if (!errors->empty()) return Status::InvalidArgument(errors->front());
  return workflows;
}

WorkflowRegistry::WorkflowRegistry(std::vector<WorkflowDefinition> workflows) {
  for (WorkflowDefinition& workflow : workflows) {
    workflows_.push_back(std::make_shared<const WorkflowDefinition>(std::move(workflow)));
  }
}

const WorkflowDefinition* WorkflowRegistry::Find(const std::string& name) const {
  for (const auto& workflow : workflows_) {
    if (workflow->name == name) return workflow.get();
  }
  return nullptr;
}

}  // namespace scr
