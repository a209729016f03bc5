// Reading where a timescale comes from (`source`, `local_default`) in a workflow file. Private to the
// workflow loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "workflow/file_checker.h"

namespace scr {

// `source: TEXT` and `local_default: true|false` of `node`, a map. Refuses, at `at` (the line of the rule's
// owner), a rule with neither a source nor `local_default: true`; `rule` says what the timescale is, e.g.
// "checkpoint chair_decision (due 1 month after referral)".
void ReadTimescaleSource(FileChecker& check, const YAML::Node& node, const YAML::Node& at, const std::string& rule,
                         std::string& source, bool& local_default);

}  // namespace scr
