// The engine's store on SQLite: each area's store over one connection, which it owns. Not thread-safe:
// one connection, one thread.
#pragma once

#include <memory>

#include "engine/workflow.h"
#include "store/sqlite/database.h"
#include "store/store.h"

namespace scr {

// The store over `database`; the workflows outlive it (a review's record points at its workflow).
std::unique_ptr<Store> MakeSqliteStore(std::unique_ptr<Database> database, const WorkflowRegistry& workflows);

}  // namespace scr
