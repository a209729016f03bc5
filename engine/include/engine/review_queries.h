// The read side: reviews, their checkpoints and history, read through a connection of its own so that
// HTTP workers can read beside the engine's writer (WAL). Statuses such as overdue are derived here
// from the due date and the clock, never stored stale.
// Ownership: owns one read-only connection. Thread-safety: none; one thread uses an instance at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/clock.h"
#include "engine/board_metrics.h"
#include "engine/model.h"
#include "engine/work_list.h"
#include "engine/workflow.h"

namespace scr {

struct ReviewFilter {
  std::optional<Phase> phase;
  std::optional<bool> overdue;
  std::optional<ReviewId> after;  // the cursor: the last id of the previous page
  int limit = 50;
};

struct ReviewPage {
  std::vector<ReviewSummary> items;
  std::optional<ReviewId> next_cursor;
};

class ReviewQueries {
 public:
  struct Options {
    std::string database_path;
    const WorkflowRegistry* workflows = nullptr;
    const BankHolidays* holidays = nullptr;
    const Clock* clock = nullptr;
  };
  static Result<std::unique_ptr<ReviewQueries>> Open(const Options& options);
  virtual ~ReviewQueries() = default;

  // NotFound for a review of another board: callers must not learn it exists.
  virtual Result<ReviewView> GetReview(BoardId board, ReviewId id) = 0;
  // The version of the review as GetReview would show it now (ReviewVersion): cheaper than the review.
  virtual Result<ReviewVersion> VersionOf(BoardId board, ReviewId id) = 0;
  virtual Result<ReviewPage> ListReviews(BoardId board, const ReviewFilter& filter) = 0;
  virtual Result<std::vector<HistoryEvent>> History(BoardId board, ReviewId id) = 0;
  virtual Result<Board> GetBoard(BoardId board) = 0;
  // The review's family members, in the order recorded; NotFound for another board's review. Callers
  // must check the role: only admins, the business unit and the lead reviewer may see them.
  virtual Result<std::vector<FamilyMember>> FamilyMembers(BoardId board, ReviewId review) = 0;
  // The other identifiers the privacy check looks for, in the order recorded; seen by the same roles.
  virtual Result<std::vector<PrivacyIdentifierRecord>> PrivacyIdentifiers(BoardId board, ReviewId review) = 0;
  // The review's documents register, in the order entered; NotFound for another board's review.
  virtual Result<std::vector<Document>> Documents(BoardId board, ReviewId review) = 0;
  // The review's information requests, oldest first; with `agency_scope` (AgencyScope, access.h), only
  // those addressed to that agency. NotFound for another board's review.
  virtual Result<std::vector<InformationRequest>> InformationRequests(
      BoardId board, ReviewId review, const std::optional<std::string>& agency_scope) = 0;
  // The board's improvement actions that pass `filter` (with their updates and follow-ups), by review then
  // id; NotFound when filter.review is another board's review.
  virtual Result<std::vector<ImprovementAction>> Actions(BoardId board, const ActionFilter& filter) = 0;
  // Every marker and question of the review's workflow, with every answer given; NotFound as above.
  virtual Result<SelfAssessment> GetSelfAssessment(BoardId board, ReviewId review) = 0;
  virtual Result<PrivacyCheckRecord> GetPrivacyCheck(BoardId board, ReviewId review, int64_t id) = 0;
  // The board's figures (board_metrics.cpp); `year` chooses the annual-report year (reviews started,
  // concluded, ongoing), the current one when absent.
  virtual Result<BoardMetrics> Metrics(BoardId board, std::optional<int> year) = 0;
  // The board's alerts, newest first; next_cursor as in ListReviews.
  virtual Result<std::pair<std::vector<Alert>, std::optional<int64_t>>> ListAlerts(BoardId board,
                                                                                   const AlertFilter& filter) = 0;
  // The board's open work that `filter` asks for (work_list.cpp): nothing of a closed review, only the
  // checkpoints of one not proceeding.
  virtual Result<WorkList> Work(BoardId board, const WorkFilter& filter) = 0;
  // Every review of the board that passes `filter`, the most urgent first (review_listings.cpp).
  virtual Result<ReviewListings> ListingsForExport(BoardId board, const ReviewListFilter& filter) = 0;
  // Where alerts, digests and the outbox stand now (every board), and what fired for `board` after that
  // mark, with the `first` alerts to fire.
  virtual Result<FiredMark> MarkFired() = 0;
  virtual Result<FiredSummary> FiredSince(BoardId board, const FiredMark& mark, int first) = 0;
};

// The RAG rating of an improvement action at `now`: green once completed or evidenced; red when not
// achieved, or still open after the end of its due day; amber when open from `amber_from` (the workflow's
// amber_within before the due day); green before that; "none" for a dropped action.
const char* RateAction(const std::string& status, Date due, Date amber_from, Instant now,
                       const WorkingCalendar& calendar);

// The status a checkpoint shows at `now`: done or waived once closed; otherwise overdue after the end of
// its due day, due soon from its first reminder, pending before that (or while it has no due date).
CheckpointStatus StatusAt(const CheckpointDefinition& definition, bool closed_done, bool closed_waived,
                          std::optional<Date> due, Instant now, const WorkingCalendar& calendar);

}  // namespace scr
