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

  scr::bench::FireOptions fire;
  CLI::App* fire_command = app.add_subcommand("fire", "Deadlines due at one moment, fired end to end");
  fire_command->add_option("--deadlines", fire.deadlines, "Deadlines due at the same moment")->capture_default_str();
  fire_command->add_option("--batch", fire.batch, "Alerts per transaction")->capture_default_str();
  fire_command->add_option("--runs", fire.runs, "Runs, each on a fresh database; the median is reported")
      ->capture_default_str();
  fire_command->add_option("--db", fire.database_path, "Database file (default: a fresh temporary one)");
  fire_command->callback([&] {
    scr::bench::ReferenceData reference;
    if (!LoadReference(workflows_dir, &reference)) return void(exit_code = 1);
    if (fire.batch == 0) fire.batch = 1;
    if (fire.runs < 1) fire.runs = 1;
    exit_code = scr::bench::RunFireBench(fire, reference);
  });

  scr::bench::StartupOptions startup;
  CLI::App* startup_command = app.add_subcommand("startup", "Start-up with many pending alerts: time to re-armed, memory");
  startup_command->add_option("--pending", startup.pending, "Pending alerts to hold")->capture_default_str();
  startup_command->add_option("--db", startup.database_path, "Database file (default: a fresh temporary one)");
  startup_command->callback([&] {
    scr::bench::ReferenceData reference;
    if (!LoadReference(workflows_dir, &reference)) return void(exit_code = 1);
    startup.workflows_dir = workflows_dir;
    exit_code = scr::bench::RunStartupBench(startup, reference);
  });

  scr::bench::NotifyOptions notify;
  CLI::App* notify_command = app.add_subcommand("notify", "Queued alerts emailed to a local SMTP sink by the notifier");
  notify_command->add_option("--messages", notify.messages, "Alerts to queue (each is one email to each user of its role)")
      ->capture_default_str();
  notify_command->add_option("--db", notify.database_path, "Database file (default: a fresh temporary one)");
  notify_command->add_option("--smtp", notify.smtp_url,
                             "SMTP server to send to, e.g. smtp://127.0.0.1:2525 (default: an aiosmtpd sink of its own)");
  notify_command->callback([&] {
    scr::bench::ReferenceData reference;
    if (!LoadReference(workflows_dir, &reference)) return void(exit_code = 1);
    exit_code = scr::bench::RunNotifyBench(notify, reference);
  });

  std::string probe_db, probe_now;
  CLI::App* probe = app.add_subcommand("open-probe", "");  // reopens a database in a fresh process, for the others
  probe->group("");
  probe->add_option("--db", probe_db)->required();
  probe->add_option("--now", probe_now);
  probe->callback([&] {
    scr::bench::ReferenceData reference;
    if (!LoadReference(workflows_dir, &reference)) return void(exit_code = 1);
    exit_code = scr::bench::RunOpenProbe(probe_db, probe_now, reference);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return exit_code;
}
