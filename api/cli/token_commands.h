// `scr-tracker admin create-token`, `list-tokens`, `revoke-token` and `disable-user`: handing out API and
// calendar tokens and taking them back, registered on the admin subcommand. Safe while the service runs:
// they write the database, which the service reads on every request.
#pragma once

#include <CLI/CLI.hpp>

namespace scr::cli {

void AddTokenCommands(CLI::App& admin, int& exit_code);

}  // namespace scr::cli
