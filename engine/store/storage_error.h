// A storage failure (an exception a store threw) turned into an error that says what to do, without the
// backend's words (SQL, file names): each backend implements it for its own errors.
#pragma once

#include <exception>
#include <string>

#include "engine/status.h"

namespace scr {

Status StorageError(const std::exception& error, const std::string& doing);

}  // namespace scr
