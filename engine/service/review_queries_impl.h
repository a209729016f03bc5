// The implementation of ReviewQueries, shared by its source files: review_queries.cpp (reviews, history),
// alert_queries.cpp (alerts), review_registers.cpp (information requests, family members, documents),
// action_queries.cpp (improvement actions, the self-assessment, privacy checks) and board_metrics.cpp.
#pragma once

#include <map>
#include <memory>

#include "engine/review_queries.h"
#include "review/open_review.h"
#include "store/database.h"

namespace scr {

// The columns of a review row that the record and the views are built from.
struct ReviewRow {
  ReviewSummary summary;
  Referral referral;
  std::string first_events;
  // The pause, working days paused, the day the report was reopened, and the recorded decisions.
  std::optional<Date> paused_on;
  int working_days_paused = 0;
  std::optional<Date> report_reopened_on;
  std::string decision_outcome;
  std::optional<PublicationDecision> publication;
};

// The columns ReadReviewRow reads, in its order: "SELECT " + kReviewColumns + " FROM reviews ...".
extern const char* const kReviewColumns;
ReviewRow ReadReviewRow(SQLite::Statement& select, std::string* created_at);

class ReviewQueriesImpl final : public ReviewQueries {
 public:
  ReviewQueriesImpl(const Options& options, std::unique_ptr<Database> database)
      : options_(options), database_(std::move(database)) {}

  Result<ReviewView> GetReview(BoardId board, ReviewId id) override;
  Result<ReviewVersion> VersionOf(BoardId board, ReviewId id) override;
  Result<ReviewPage> ListReviews(BoardId board, const ReviewFilter& filter) override;
  Result<std::vector<HistoryEvent>> History(BoardId board, ReviewId id) override;
  Result<Board> GetBoard(BoardId board) override;
  Result<std::vector<InformationRequest>> InformationRequests(
      BoardId board, ReviewId review, const std::optional<std::string>& agency_scope) override;
  Result<std::vector<FamilyMember>> FamilyMembers(BoardId board, ReviewId review) override;
  Result<std::vector<PrivacyIdentifierRecord>> PrivacyIdentifiers(BoardId board, ReviewId review) override;
  Result<std::vector<Document>> Documents(BoardId board, ReviewId review) override;
  Result<std::pair<std::vector<Alert>, std::optional<int64_t>>> ListAlerts(BoardId board,
                                                                           const AlertFilter& filter) override;
  Result<FiredMark> MarkFired() override;
  Result<FiredSummary> FiredSince(BoardId board, const FiredMark& mark, int first) override;
  Result<std::vector<ImprovementAction>> Actions(BoardId board, const ActionFilter& filter) override;
  Result<SelfAssessment> GetSelfAssessment(BoardId board, ReviewId review) override;
  Result<PrivacyCheckRecord> GetPrivacyCheck(BoardId board, ReviewId review, int64_t id) override;
  Result<BoardMetrics> Metrics(BoardId board, std::optional<int> year) override;
  Result<WorkList> Work(BoardId board, const WorkFilter& filter) override;
  Result<ReviewListings> ListingsForExport(BoardId board, const ReviewListFilter& filter) override;

 private:
  // NotFound unless review `review` belongs to `board`: another board's reviews do not exist for the caller.
  Status CheckReviewOfBoard(BoardId board, ReviewId review);
  // VersionOf, and the time of the review's last change (its `updated_at`) when `last_change_at` is given.
  Result<ReviewVersion> ReadVersion(BoardId board, ReviewId id, std::string* last_change_at);
  Result<const WorkingCalendar*> CalendarFor(BoardId board);
  // The review's record (its guard facts and due dates) and its checkpoints as shown, from its rows.
  Status ReadCheckpoints(ReviewId id, const ReviewRow& row, OpenReview* record, std::vector<CheckpointView>* views);
  // Appends each improvement action's deadline to `views`, as a checkpoint of its own.
  Status AddActionDeadlines(ReviewId id, const WorkflowDefinition& workflow, bool ended, Instant now,
                            const WorkingCalendar& calendar, std::vector<CheckpointView>* views);
  // The work list's parts (work_list.cpp): the checkpoints and decisions of each review, then the dated
  // items (information requests, actions, follow-ups) of the board's reviews that are still running.
  Status AddReviewWork(const ReviewRow& row, const WorkFilter& filter, const WorkingCalendar& calendar,
                       Date horizon, std::vector<WorkItem>* items);
  Status AddDatedWork(BoardId board, const WorkFilter& filter, const WorkingCalendar& calendar, Date horizon,
                      std::vector<WorkItem>* items);
  // What the list and the view say of the review's deadlines: the next due date still to come and its step,
  // the steps missed and by how much, the count of overdue ones, and the overall timescale
  // (review_summary.cpp).
  Status Summarise(const OpenReview& record, const std::vector<CheckpointView>& views, ReviewSummary* summary);

  Options options_;
  std::unique_ptr<Database> database_;
  std::map<BoardId, WorkingCalendar> calendars_;
};

// The delay register as the review shows it: beside the moved deadlines, each step completed late, from its
// due day to the day it was done, with its note as the reason; in the order they were recorded.
void AddLateCompletions(OpenReview& record, const std::vector<CheckpointView>& checkpoints, std::vector<Delay>* delays);

// A date as stored; the empty date for a damaged one.
Date ParseStoredDate(const std::string& text);

}  // namespace scr
