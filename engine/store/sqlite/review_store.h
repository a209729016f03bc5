// ReviewStore on SQLite: the review's rows of the engine's connection. Not thread-safe: used on the thread
// that owns `database`, which outlives it, as do the workflows.
#pragma once

#include "engine/workflow.h"
#include "store/database.h"
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

 private:
  // The review's checkpoints, open dated items and holds, added to its record from its own rows.
  void ReadRecordRows(ReviewId id, StoredReview& review);

  Database& database_;
  const WorkflowRegistry& workflows_;
};

}  // namespace scr
