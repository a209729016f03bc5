// The one table from each kind of command to the function that runs it (command_table.cpp).
#pragma once

#include "engine/commands.h"
#include "service/command_context.h"

namespace scr {

// Runs `command` with its function from the table; what it decides and changes is in `result`.
Status RunCommand(const Command& command, CommandContext& context, CommandResult& result);

}  // namespace scr
