// Workflow definitions (YAML) as the service loads them at start: any file must be either loaded or
// refused with at least one `file:line: message`; never a crash.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "engine/workflow.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/scr-workflow-fuzz-" + std::to_string(getpid()) + ".yaml";
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::vector<std::string> errors;
  scr::Result<scr::WorkflowDefinition> loaded = scr::WorkflowLoader::LoadFile(path, &errors);
  if (!loaded.ok()) {
    Check(!loaded.status().message().empty());
    for (const std::string& error : errors) Check(!error.empty());
  } else {
    Check(!loaded->name.empty());
  }
  return 0;
}
