// The subcommands of scr-bench. Each works on a fresh database in a temporary folder (or --db PATH),
// prints progress to stderr and, as the last line of stdout, one JSON object of figures.
#pragma once

#include <memory>
#include <string>

#include "engine/calendar.h"
#include "engine/workflow.h"

namespace scr::bench {

struct ReferenceData {
  std::unique_ptr<WorkflowRegistry> workflows;
  std::unique_ptr<BankHolidays> holidays;
};

struct EventsOptions {
  std::string database_path;
  std::string workflows_dir;
  size_t reviews = 100000;
  size_t events = 1000000;
  size_t batch = 1;
};

int RunEventsBench(const EventsOptions& options, const ReferenceData& reference);
// Opens the review service on an existing database and reports the time and memory it took.
int RunOpenProbe(const std::string& database_path, const ReferenceData& reference);

}  // namespace scr::bench
