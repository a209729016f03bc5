// Erasing the free text of one review everywhere the database keeps a copy of it: its registers, its
// history (texts and salts blanked, digests kept: event_log.h), the chair's digests that list it and the
// messages (email, webhook, inbox) made from its alerts and from those digests. Runs inside the caller's
// write transaction; throws on a storage error, so that the caller rolls everything back.
#pragma once

#include <cstdint>

#include "engine/model.h"
#include "store/sqlite/database.h"

namespace scr {

struct ErasureCounts {
  int64_t register_rows = 0;  // rows of the registers with free text blanked
  int64_t history_events = 0;
  int64_t digests = 0;
  int64_t messages = 0;
};

ErasureCounts EraseReviewText(Database& database, ReviewId review, BoardId board);

}  // namespace scr
