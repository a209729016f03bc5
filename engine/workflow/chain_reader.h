// Reading the reminders and escalation chains of a workflow file. Private to the workflow loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/workflow.h"
#include "workflow/file_checker.h"

namespace scr {

// The file's defaults, for checkpoints and items that give no chain of their own.
struct Chains {
  std::vector<ReminderStep> reminders;
  std::vector<EscalationStep> escalation;
};

// A duration's rough length in calendar days, only to check that steps come in order.
double NominalDays(const Duration& duration);
std::vector<ReminderStep> ReadReminders(FileChecker& check, const YAML::Node& node, const std::string& what);
std::vector<EscalationStep> ReadEscalation(FileChecker& check, const YAML::Node& node, const std::string& what);
// A duration written as text under `key` of `node`, e.g. "20 working days".
std::optional<Duration> ReadDurationText(FileChecker& check, const YAML::Node& node, const char* key,
                                         const std::string& what);
// The owner, reminders and escalation of a kind of dated item; `node` may be absent.
void ReadChain(FileChecker& check, const YAML::Node& node, const std::set<std::string>& keys, const std::string& what,
               const Chains& defaults, CheckpointDefinition& chain);
// The chains of information requests, improvement actions and follow-ups, with amber_within and the
// follow-ups' intervals. `root` is taken by value: yaml-cpp's const lookup of a missing key gives a node
// that throws when asked anything but IsDefined().
void ReadItemChains(FileChecker& check, YAML::Node root, const Chains& defaults, WorkflowDefinition& workflow);

}  // namespace scr
