// ReviewStore on SQLite: the review's rows of the engine's connection. Not thread-safe: used on the thread
// that owns `database`, which outlives it, as do the workflows.
#pragma once

#include "engine/workflow.h"
#include "store/sqlite/database.h"
#include "store/review_store.h"

namespace scr {

class SqliteReviewStore final : public ReviewStore {
 public:
  SqliteReviewStore(Database& database, const WorkflowRegistry& workflows)
      : database_(database), workflows_(workflows) {}

  std::vector<std::pair<ReviewId, StoredReview>> ReadRunningReviews() override;
  std::optional<StoredReview> ReadReview(BoardId board, ReviewId id) override;
  void VisitReviews(const ReviewSelection& selection, const std::function<bool(StoredReview&)>& visit) override;
  std::optional<ReviewHeading> ReadHeading(BoardId board, ReviewId id) override;
  std::optional<HistoryHeadRow> ReadHistoryHeadRow(BoardId board, ReviewId id) override;
  std::vector<HistoryEvent> ReadHistory(ReviewId id) override;
  std::vector<ParallelProcess> ReadParallelProcesses(ReviewId id) override;
  std::vector<Delay> ReadDelays(ReviewId id) override;
  std::vector<ActionDeadlineRow> ReadActionDeadlines(ReviewId id) override;
  std::vector<std::pair<ReviewId, Delay>> ReadBoardDelays(BoardId board) override;

  // Writes of the review's own rows (commands).
  ReviewId InsertReview(const NewReview& review) override;
  void SaveLifecycle(ReviewId review, Phase phase, const std::string& lifecycle_state,
                     const std::string& first_events) override;
  void SavePause(ReviewId review, const std::string& since, Date on, const std::string& reason) override;
  void EndPause(ReviewId review, int working_days_paused) override;
  void SaveDecisionOutcome(ReviewId review, const std::optional<std::string>& outcome) override;
  void SavePublicationDecision(ReviewId review, bool published, std::optional<bool> summary_published) override;
  void SaveReportReopened(ReviewId review, Date on) override;
  std::optional<std::map<std::string, std::string>> ReadReferences(ReviewId review) override;
  void SaveReferences(ReviewId review, const std::map<std::string, std::string>& references) override;
  void CloseCheckpoint(ReviewId review, const CheckpointClosure& closure) override;
  void ExtendCheckpoint(ReviewId review, const std::string& key, Date due) override;
  void ReopenCheckpoint(ReviewId review, const std::string& key) override;

 private:
  // The review's checkpoints, open dated items and holds, added to its record from its own rows.
  void ReadRecordRows(ReviewId id, StoredReview& review);

  Database& database_;
  const WorkflowRegistry& workflows_;
};

}  // namespace scr
