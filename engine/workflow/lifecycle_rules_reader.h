// Reads what a review type adds to the shared lifecycle's guards: `not_before` (dates before which an
// event may not happen) and `family_involvement` (the checkpoints a hold on family involvement holds).
// Private to the workflow loader; runs after the checkpoints are read.
#pragma once

#include <yaml-cpp/yaml.h>

#include "engine/workflow.h"
#include "workflow/file_checker.h"

namespace scr {

void ReadLifecycleRules(FileChecker& check, const YAML::Node& root, WorkflowDefinition& workflow);

}  // namespace scr
