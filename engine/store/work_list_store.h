// The dated items of a board's running reviews, as the work list reads them. An interface; its SQLite
// implementation is sqlite/read_stores.h. Used on one thread (the caller's connection), inside the
// caller's read; a storage failure throws (std::exception).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"

namespace scr {

// An open information request, open improvement action or pending follow-up check, with its review.
struct DatedWorkRow {
  enum class Kind { kInformationRequest, kAction, kFollowUp };
  Kind kind = Kind::kInformationRequest;
  int64_t id = 0;
  ReviewId review = 0;
  std::string review_title;
  std::string workflow;
  std::string agency;  // the request's agency, the action's owner (a follow-up's: its action's)
  std::string title;
  Date due;
  std::string status;
  std::optional<PauseView> paused;  // the review's pause
};

class WorkListStore {
 public:
  virtual ~WorkListStore() = default;

  // The dated items of `board`'s reviews still running (not closed, not proceeding) due by `horizon`;
  // with `agency`, only that agency's requests and actions (and no follow-ups).
  virtual std::vector<DatedWorkRow> ReadDatedWork(BoardId board, Date horizon,
                                                  const std::optional<std::string>& agency) = 0;
};

}  // namespace scr
