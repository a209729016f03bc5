// What every subcommand of scr-tracker shares: logging, the workflows folder, the bank holidays.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/calendar.h"
#include "engine/status.h"
#include "engine/workflow.h"

namespace scr::cli {

// Where the review types live unless --workflows says otherwise.
std::string DefaultWorkflowsDir();
// spdlog to stderr, one line per event, at `level` (trace, debug, info, warn, error, off).
Status SetUpLogging(const std::string& level);

struct ReferenceData {
  std::unique_ptr<WorkflowRegistry> workflows;
  std::unique_ptr<BankHolidays> holidays;
};
// Loads and validates every workflow of `directory` and the bank holidays of `directory`/calendars.
// On failure, prints every problem (file:line: message) to stderr.
std::optional<ReferenceData> LoadReferenceData(const std::string& directory);

// Parses "HOST:PORT".
Result<std::pair<std::string, int>> ParseListen(const std::string& listen);

// Prints "scr-tracker: MESSAGE" to stderr and returns the exit code for a failure.
int Fail(const std::string& message);

}  // namespace scr::cli
