// The review's own rows: the review, its lifecycle state, pause, decisions and references, and its
// checkpoints' rows. Used on one thread (the caller's connection), inside the caller's transaction; a
// storage failure throws (std::exception), a lookup that misses gives nothing.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/date.h"
#include "engine/ids.h"
#include "engine/lifecycle.h"
#include "store/review_store_writes.h"

namespace scr {

class ReviewStore {
 public:
  virtual ~ReviewStore() = default;

  // Writes of the review's own rows (commands).
  // Stores a referred review; its id.
  virtual ReviewId InsertReview(const NewReview& review) = 0;
  // The review's phase, the machine's saved state and the first day of each event (EncodeFirstEvents).
  virtual void SaveLifecycle(ReviewId review, Phase phase, const std::string& lifecycle_state,
                             const std::string& first_events) = 0;
  // A pause begun `since` (on the board-local day `on`), and why; ended, with the working days paused so far.
  virtual void SavePause(ReviewId review, const std::string& since, Date on, const std::string& reason) = 0;
  virtual void EndPause(ReviewId review, int working_days_paused) = 0;
  // The outcome of a decision not to review (none: reconsidered, no outcome stands).
  virtual void SaveDecisionOutcome(ReviewId review, const std::optional<std::string>& outcome) = 0;
  // Published, or not (with whether a summary of the learning is published).
  virtual void SavePublicationDecision(ReviewId review, bool published, std::optional<bool> summary_published) = 0;
  // The day the report was reopened (its quality assurance counts again from it).
  virtual void SaveReportReopened(ReviewId review, Date on) = 0;
  // The review's references (national_notification, panel, ...); none when there is no review `review`.
  virtual std::optional<std::map<std::string, std::string>> ReadReferences(ReviewId review) = 0;
  virtual void SaveReferences(ReviewId review, const std::map<std::string, std::string>& references) = 0;
  // A checkpoint completed or waived.
  virtual void CloseCheckpoint(ReviewId review, const CheckpointClosure& closure) = 0;
  // An open checkpoint's due date moved to `due` (an extension, or a pause's end).
  virtual void ExtendCheckpoint(ReviewId review, const std::string& key, Date due) = 0;
  // A closed checkpoint open again, as if never extended or closed (the report reopened).
  virtual void ReopenCheckpoint(ReviewId review, const std::string& key) = 0;
};

}  // namespace scr
