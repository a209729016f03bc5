// scr-bench: the benchmarks of the engine (see CONTRACT.md, "Benchmarks").
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "benches.h"

namespace {

bool LoadReference(const std::string& directory, scr::bench::ReferenceData* data) {
  std::vector<std::string> errors;
  scr::Result<std::vector<scr::WorkflowDefinition>> workflows = scr::WorkflowLoader::LoadDirectory(directory, &errors);
  if (!workflows.ok()) {
    for (const std::string& error : errors) std::cerr << error << "\n";
    return false;
  }
  scr::Result<scr::BankHolidays> holidays = scr::BankHolidays::LoadDirectory(directory + "/calendars");
  if (!holidays.ok()) {
    std::cerr << holidays.status().message() << "\n";
    return false;
  }
  data->workflows = std::make_unique<scr::WorkflowRegistry>(std::move(workflows).value());
  data->holidays = std::make_unique<scr::BankHolidays>(std::move(holidays).value());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"scr-bench: benchmarks of scr-tracker's engine"};
  app.require_subcommand(1);
  std::string workflows_dir = std::string(SCR_SOURCE_DIR) + "/workflows";
  app.add_option("--workflows", workflows_dir, "Folder of review types")->capture_default_str();
  int exit_code = 0;
  spdlog::set_pattern("%H:%M:%S.%e %v");
  spdlog::set_default_logger(spdlog::stderr_color_mt("bench"));

  scr::bench::EventsOptions events;
  CLI::App* events_command = app.add_subcommand("events", "Reviews and events through ReviewService; reopen time");
  events_command->add_option("--reviews", events.reviews, "Reviews to create")->capture_default_str();
  events_command->add_option("--events", events.events, "Events to apply across them")->capture_default_str();
  events_command->add_option("--batch", events.batch, "Commands per transaction (1: one each)")->capture_default_str();
  events_command->add_option("--db", events.database_path, "Database file (default: a fresh temporary one)");
  events_command->callback([&] {
    scr::bench::ReferenceData reference;
    if (!LoadReference(workflows_dir, &reference)) return void(exit_code = 1);
    if (events.batch == 0) events.batch = 1;
    events.workflows_dir = workflows_dir;
    exit_code = scr::bench::RunEventsBench(events, reference);
  });

  std::string probe_db;
  CLI::App* probe = app.add_subcommand("open-probe", "");  // used by `events` to measure a reopen in a fresh process
  probe->group("");
  probe->add_option("--db", probe_db)->required();
  probe->callback([&] {
    scr::bench::ReferenceData reference;
    if (!LoadReference(workflows_dir, &reference)) return void(exit_code = 1);
    exit_code = scr::bench::RunOpenProbe(probe_db, reference);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return exit_code;
}
