// The delay register (QM8): every move of a deadline, with its reason; and the stored due dates of the
// dated items (information requests, actions, follow-ups) it moves. Used on one thread (the caller's
// connection), inside the caller's transaction; a storage failure throws (std::exception).
#pragma once

#include <cstdint>

#include "engine/date.h"
#include "engine/ids.h"
#include "engine/model.h"
#include "review/open_review.h"

namespace scr {

class DelayStore {
 public:
  virtual ~DelayStore() = default;

  // One entry in the register: `delay.checkpoint` (a checkpoint's key, or "action/12") moved from
  // previous_due to new_due, why, by whom and when (late_by_working_days is not read).
  virtual void RecordDelay(ReviewId review, const Delay& delay) = 0;
  // The stored due date of the dated item `item` of kind `kind`.
  virtual void SetItemDue(ItemKind kind, int64_t item, Date due) = 0;
};

}  // namespace scr
