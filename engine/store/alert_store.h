// What the commands change of the alerts the scheduler fired: resolved when what they chase is dealt with,
// acknowledged by the role told (and what acknowledging reads first). Used on one thread (the caller's
// connection), inside the caller's transaction; a storage failure throws (std::exception), a lookup that
// misses gives nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/date.h"
#include "engine/ids.h"
#include "review/open_review.h"

namespace scr {

// An alert as acknowledging it reads it.
struct AlertToAcknowledge {
  ReviewId review = 0;
  std::string status;   // open, acknowledged, resolved
  std::string subject;  // the checkpoint's key, or the item's ("action/12")
  std::string kind;
  int level = 0;
  std::string recipient;  // the role it was sent to
};

class AlertStore {
 public:
  virtual ~AlertStore() = default;

  // Resolves, `at`, every alert of `subject` of `review` not resolved yet whose due date is `due` (none:
  // only the dates it was moved from) or one it was moved from (the delay register).
  virtual void ResolveAlerts(ReviewId review, const std::string& subject, std::optional<Date> due,
                             const std::string& at) = 0;
  // The alert `alert` of `board`.
  virtual std::optional<AlertToAcknowledge> ReadAlert(BoardId board, int64_t alert) = 0;
  // The agency the dated item belongs to: an action's (or its follow-up's action's) owner agency, or the
  // agency a request is addressed to; empty when there is no such item.
  virtual std::string ReadItemAgency(ItemKind kind, int64_t item) = 0;
  virtual void AcknowledgeAlert(int64_t alert, const std::string& acknowledged_by, const std::string& at) = 0;
};

}  // namespace scr
