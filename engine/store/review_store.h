// The review's own rows, read into the record the engine judges by (OpenReview) and the facts the views
// show: the one place a review is built from rows, for the commands and the queries alike. An interface;
// its SQLite implementation is sqlite/review_store.h. Used on one thread (the caller's connection),
// inside the caller's transaction or read snapshot; a storage failure throws (std::exception).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"
#include "review/open_review.h"
#include "store/review_store_writes.h"

namespace scr {

// One review as its rows hold it. `record` has everything but its due dates, which the caller plans with
// the board's calendar (OpenReview::PlanDueDates); its checkpoints, open dated items (information
// requests, actions, pending follow-ups, with their due dates) and holds are filled. When the workflow
// named is not loaded, `record.workflow` is null and the record has no checkpoints.
struct StoredReview {
  std::string workflow;         // the workflow's name as stored
  std::string lifecycle_state;  // the machine's state as stored ("review_running,paused")
  bool damaged_dates = false;   // the referral or incident date did not read as a date
  OpenReview record;
  ReviewSummary summary;  // as the row has it: the deadlines are the caller's to summarise
  Referral referral;
  std::string created_at;
  std::map<std::string, CheckpointClosure> closures;  // by checkpoint key
  std::string decision_outcome;
  std::optional<PublicationDecision> publication;
};

// Which of a board's reviews a list reads, in id order.
struct ReviewSelection {
  BoardId board = 0;
  ReviewId after = 0;                 // only reviews with a greater id
  std::optional<Phase> phase;         // only reviews in this phase
  bool running_only = false;          // not those closed
};

// What a review is called and where it stands, without its record.
struct ReviewHeading {
  std::string title;
  std::string workflow;
  Phase phase = Phase::kDecisionPending;
};

// The last entry of a review's history: its version.
struct HistoryHeadRow {
  int64_t last_seq = 0;  // 0 while the review has no history
  std::string last_hash;
  std::string last_at;
};

// An improvement action as its own deadline among the review's checkpoints.
struct ActionDeadlineRow {
  int64_t id = 0;
  std::string title;
  Date due;
  std::string status, status_reason, updated_at;
};

class ReviewStore {
 public:
  virtual ~ReviewStore() = default;

  // Every running review's record (not closed), in id order.
  virtual std::vector<std::pair<ReviewId, StoredReview>> ReadRunningReviews() = 0;
  // Review `id` of `board`, if it is one of the board's.
  virtual std::optional<StoredReview> ReadReview(BoardId board, ReviewId id) = 0;
  // Each selected review in turn, until `visit` answers false.
  virtual void VisitReviews(const ReviewSelection& selection, const std::function<bool(StoredReview&)>& visit) = 0;
  // The review's title, workflow and phase, if it is one of `board`'s.
  virtual std::optional<ReviewHeading> ReadHeading(BoardId board, ReviewId id) = 0;
  // The last entry of the history of review `id` of `board`, if it is one of the board's.
  virtual std::optional<HistoryHeadRow> ReadHistoryHeadRow(BoardId board, ReviewId id) = 0;
  virtual std::vector<HistoryEvent> ReadHistory(ReviewId id) = 0;
  // The review's parallel processes, its delay register and its improvement actions' deadlines, by id.
  virtual std::vector<ParallelProcess> ReadParallelProcesses(ReviewId id) = 0;
  virtual std::vector<Delay> ReadDelays(ReviewId id) = 0;
  virtual std::vector<ActionDeadlineRow> ReadActionDeadlines(ReviewId id) = 0;
  // The delay registers of every review of `board`, in the order they were recorded.
  virtual std::vector<std::pair<ReviewId, Delay>> ReadBoardDelays(BoardId board) = 0;

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
