// The query parameters that lists of reviews share (GET /reviews and the exports): `state` and `overdue`.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

#include "engine/lifecycle.h"

namespace scr {

// Reads `state` (a phase name) and `overdue` (true or false), each optional; the detail of a 400 that
// says what to send instead when one is wrong.
std::optional<std::string> ReadStateAndOverdue(const httplib::Request& request, std::optional<Phase>* phase,
                                               std::optional<bool>* overdue);

}  // namespace scr
