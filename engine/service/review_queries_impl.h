// The implementation of ReviewQueries, shared by its source files: review_queries.cpp (reviews, history),
// alert_queries.cpp (alerts), review_registers.cpp (information requests, family members, documents),
// action_queries.cpp (improvement actions, the self-assessment, privacy checks) and board_metrics.cpp.
#pragma once

#include <map>
#include <memory>

#include "engine/review_queries.h"
#include "review/open_review.h"
#include "service/board_calendars.h"
#include "store/store.h"

namespace scr {

class ReviewQueriesImpl final : public ReviewQueries {
 public:
  ReviewQueriesImpl(const Options& options, std::unique_ptr<Store> store);

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
  // Plans the stored review's due dates with its board's calendar, and its checkpoints as shown.
  Status ReadCheckpoints(StoredReview& review, std::vector<CheckpointView>* views);
  // Appends each improvement action's deadline to `views`, as a checkpoint of its own.
  void AddActionDeadlines(ReviewId id, const WorkflowDefinition& workflow, bool ended, Instant now,
                            const WorkingCalendar& calendar, std::vector<CheckpointView>* views);
  // The work list's parts (work_list.cpp): the checkpoints and decisions of each review, then the dated
  // items (information requests, actions, follow-ups) of the board's reviews that are still running.
  Status AddReviewWork(StoredReview& review, const WorkFilter& filter, const WorkingCalendar& calendar,
                       Date horizon, std::vector<WorkItem>* items);
  Status AddDatedWork(BoardId board, const WorkFilter& filter, const WorkingCalendar& calendar, Date horizon,
                      std::vector<WorkItem>* items);
  // What the list and the view say of the review's deadlines: the next due date still to come and its step,
  // the steps missed and by how much, the count of overdue ones, and the overall timescale
  // (review_summary.cpp).
  Status Summarise(const OpenReview& record, const std::vector<CheckpointView>& views, ReviewSummary* summary);

  Options options_;
  std::unique_ptr<Store> store_;
  BoardCalendars calendars_;  // on store_'s boards
};

// The delay register as the review shows it: beside the moved deadlines, each step completed late, from its
// due day to the day it was done, with its note as the reason; in the order they were recorded.
void AddLateCompletions(OpenReview& record, const std::vector<CheckpointView>& checkpoints, std::vector<Delay>* delays);

}  // namespace scr
