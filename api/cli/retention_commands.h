// `scr-tracker admin retention` and `admin set-retention`, registered on the admin subcommand.
#pragma once

#include <CLI/CLI.hpp>

namespace scr::cli {

void AddRetentionCommands(CLI::App& admin, int& exit_code);

}  // namespace scr::cli
