// The ids of the engine's records, shared by every header that names them.
#pragma once

#include <cstdint>

namespace scr {

using BoardId = int64_t;
using ReviewId = int64_t;
using UserId = int64_t;

}  // namespace scr
