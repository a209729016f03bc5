// Reading the conditions a workflow file declares, and a checkpoint's condition against them. Private to
// the workflow loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include "engine/workflow.h"
#include "workflow/file_checker.h"

namespace scr {

// `conditions:` a list of {key, label, question, source, required}; absent: the workflow asks for none.
void ReadConditions(FileChecker& check, const YAML::Node& node, WorkflowDefinition& workflow);
// A checkpoint's `condition:` text, parsed and resolved to one of the workflow's conditions; errors at `node`.
std::optional<Condition> ReadCheckpointCondition(FileChecker& check, const YAML::Node& node, const std::string& what,
                                                 const WorkflowDefinition& workflow);

}  // namespace scr
