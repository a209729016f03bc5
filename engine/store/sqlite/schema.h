// The database schema as an ordered list of migrations; the schema version is PRAGMA user_version.
#pragma once

#include <vector>

namespace scr {

const std::vector<const char*>& Migrations();
// Migrations 9 onwards (schema_later.cpp); Migrations() ends with them.
const std::vector<const char*>& LaterMigrations();

}  // namespace scr
