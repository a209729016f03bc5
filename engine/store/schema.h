// The database schema as an ordered list of migrations; the schema version is PRAGMA user_version.
#pragma once

#include <vector>

namespace scr {

const std::vector<const char*>& Migrations();

}  // namespace scr
