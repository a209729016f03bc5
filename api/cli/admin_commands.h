// `scr-tracker admin ...` and `scr-tracker calendar ...`: registered on the CLI11 app by main.
#pragma once

#include <CLI/CLI.hpp>

namespace scr::cli {

// Adds the admin subcommands to `app`; each runs when parsed and sets `exit_code`.
void AddAdminCommands(CLI::App& app, int& exit_code);
void AddCalendarCommand(CLI::App& app, int& exit_code);

}  // namespace scr::cli
