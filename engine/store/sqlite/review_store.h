// ReviewStore on SQLite: the reviews and checkpoints tables. Borrows the caller's Database; not
// thread-safe (one connection, one thread).
#pragma once

#include "store/database.h"
#include "store/review_store.h"

namespace scr {

class SqliteReviewStore final : public ReviewStore {
 public:
  explicit SqliteReviewStore(Database& database) : database_(database) {}

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
  Database& database_;
};

}  // namespace scr
