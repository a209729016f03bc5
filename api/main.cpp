// scr-tracker: one binary with subcommands. Thin: the libraries hold the logic.
#include <CLI/CLI.hpp>

#include "cli/admin_commands.h"
#include "cli/runtime.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  CLI::App app{"scr-tracker: tracks Serious Case Reviews, their deadlines and their history"};
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")->capture_default_str();
  int exit_code = 0;

  scr::cli::ServeOptions serve;
  CLI::App* serve_command = app.add_subcommand("serve", "Run the service");
  serve_command->add_option("--db", serve.database_path, "SQLite database file (created and migrated if new)")->required();
  serve_command->add_option("--listen", serve.listen, "HOST:PORT to listen on")->capture_default_str();
  serve_command->add_option("--config", serve.config_path, "YAML config file");
  serve_command->add_option("--workflows", serve.workflows_dir, "Folder of review types");
  serve_command->add_option("--clock", serve.clock, "system, or simulated (moved through the API)")->capture_default_str();
  serve_command->callback([&] { exit_code = scr::cli::RunServe(serve); });

  std::string demo_listen = "127.0.0.1:8080";
  std::string demo_workflows;
  CLI::App* demo = app.add_subcommand("demo", "Serve a fresh demo board on a simulated clock");
  demo->add_option("--listen", demo_listen, "HOST:PORT to listen on")->capture_default_str();
  demo->add_option("--workflows", demo_workflows, "Folder of review types");
  demo->callback([&] { exit_code = scr::cli::RunDemo(demo_listen, demo_workflows); });

  CLI::App* routes = app.add_subcommand("routes", "");  // the route table as JSON, for tests
  routes->group("");
  routes->callback([&] { exit_code = scr::cli::PrintRoutes(); });

  scr::cli::AddAdminCommands(app, exit_code);
  scr::cli::AddCalendarCommand(app, exit_code);

  app.parse_complete_callback([&] {
    if (scr::Status logging = scr::cli::SetUpLogging(log_level); !logging.ok()) {
      throw CLI::ValidationError("--log-level", logging.message());
    }
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return exit_code;
}
