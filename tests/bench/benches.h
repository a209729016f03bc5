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

struct FireOptions {
  std::string database_path;
  size_t deadlines = 100000;
  size_t batch = 1000;
  int runs = 3;
};

struct StartupOptions {
  std::string database_path;
  std::string workflows_dir;
  size_t pending = 2000000;
};

struct NotifyOptions {
  std::string database_path;
  size_t messages = 10000;
  std::string smtp_url;  // empty: a sink of its own (aiosmtpd) on loopback
};

int RunEventsBench(const EventsOptions& options, const ReferenceData& reference);
int RunFireBench(const FireOptions& options, const ReferenceData& reference);
int RunStartupBench(const StartupOptions& options, const ReferenceData& reference);
int RunNotifyBench(const NotifyOptions& options, const ReferenceData& reference);
// Opens the review service on an existing database (at `now`, if given) and reports the time until its
// next alert is known, the memory it took, and the reviews and alerts it holds.
int RunOpenProbe(const std::string& database_path, const std::string& now, const ReferenceData& reference);

}  // namespace scr::bench
