// The ids of the engine's records, shared by every header that names them.
#pragma once

#include <array>
#include <cstdint>

namespace scr {

using BoardId = int64_t;
using ReviewId = int64_t;
using UserId = int64_t;

// The keyed hash that chains a review's history events, each to the one before (the SQLite store's
// event_log.h).
using EventHash = std::array<uint8_t, 32>;

}  // namespace scr
