// Every timescale of a workflow file says what it rests on: the published guidance that fixes it, or that
// it is the board's own choice where none does.
#include "workflow/source_reader.h"

namespace scr {

void ReadTimescaleSource(FileChecker& check, const YAML::Node& node, const YAML::Node& at, const std::string& rule,
                         std::string& source, bool& local_default) {
  int problems_before = check.count();
  source = check.Text(node, "source", rule, false).value_or("");
  local_default = false;
  if (YAML::Node local = node["local_default"]; local.IsDefined()) {
    if (local.IsScalar() && (local.Scalar() == "true" || local.Scalar() == "false")) {
      local_default = local.Scalar() == "true";
    } else {
      check.Error(local, "'local_default' of " + rule + " must be true or false");
    }
  }
  if (source.empty() && !local_default && check.count() == problems_before) {
    check.Error(at, rule + " needs 'source' (the guidance that fixes its timescale, with its chapter or paragraph) "
                           "or 'local_default: true' (where no public source fixes it)");
  }
}

}  // namespace scr
