// `scr-tracker admin verify`, `admin fingerprint` and `admin key-history`, registered on the admin
// subcommand: checking the keyed history chains, and the fingerprint kept outside the service.
#pragma once

#include <CLI/CLI.hpp>

namespace scr::cli {

void AddHistoryCommands(CLI::App& admin, int& exit_code);

}  // namespace scr::cli
