// The copy behind BackupDatabase, for a connection already open: used by `admin backup` and by the
// upgrade, which keeps a copy of the database as it was before migrating it.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "engine/backup.h"

namespace scr {

// Copies what `source` sees into a new file at `backup_path` (which must not exist). The caller holds a
// transaction on `source`, so that every page comes from one snapshot. On failure nothing is left behind.
Status WriteSnapshot(SQLite::Database& source, const std::string& backup_path,
                     const BackupProgress& progress);

}  // namespace scr
