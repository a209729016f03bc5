#include "cli/runtime.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

namespace scr::cli {

std::string DefaultWorkflowsDir() {
  for (const char* candidate : {"/etc/scr-tracker/workflows", SCR_SOURCE_WORKFLOWS_DIR}) {
    if (std::filesystem::is_directory(candidate)) return candidate;
  }
  return SCR_SOURCE_WORKFLOWS_DIR;
}

Status SetUpLogging(const std::string& level) {
  spdlog::level::level_enum parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    return Status::InvalidArgument("unknown log level '" + level + "'; use trace, debug, info, warn, error or off");
  }
  auto logger = spdlog::stderr_color_mt("scr-tracker");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(parsed);
  return Status::Ok();
}

std::optional<ReferenceData> LoadReferenceData(const std::string& directory) {
  std::vector<std::string> errors;
  Result<std::vector<WorkflowDefinition>> workflows = WorkflowLoader::LoadDirectory(directory, &errors);
  if (!workflows.ok()) {
    for (const std::string& error : errors) std::cerr << error << "\n";
    std::cerr << "scr-tracker: the workflows in " << directory << " are not valid; fix the lines above\n";
    return std::nullopt;
  }
  Result<BankHolidays> holidays = BankHolidays::LoadDirectory(directory + "/calendars");
  if (!holidays.ok()) {
    std::cerr << holidays.status().message() << "\n";
    return std::nullopt;
  }
  ReferenceData data;
  data.workflows = std::make_unique<WorkflowRegistry>(std::move(workflows).value());
  data.holidays = std::make_unique<BankHolidays>(std::move(holidays).value());
  return data;
}

Result<std::pair<std::string, int>> ParseListen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Status::InvalidArgument("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string port_text = listen.substr(colon + 1);
  try {
    size_t used = 0;
    int port = std::stoi(port_text, &used);
    if (used != port_text.size() || port < 0 || port > 65535) throw std::out_of_range("port");
    return std::make_pair(listen.substr(0, colon), port);
  } catch (const std::exception&) {
    return Status::InvalidArgument("--listen port '" + port_text + "' must be a number from 0 to 65535");
  }
}

int Fail(const std::string& message) {
  std::cerr << "scr-tracker: " << message << "\n";
  return 1;
}

}  // namespace scr::cli
