// The implementation of ReviewService. Handlers decide on a copy of the review's in-memory record, then
// write, then store the record back (CheckIn), remembering the one it replaced: if the transaction (or,
// on the careful path, the command's savepoint) is rolled back, the undo log puts the records back too.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/review_service.h"
#include "scheduler/alert_plan.h"
#include "scheduler/scheduler.h"
#include "review/open_review.h"
#include "store/store.h"

namespace scr {

// Owns the open reviews' records, the boards' calendars and the Scheduler, which reads those records
// (ScheduledReviews) to plan and fire their alerts; commands hand it each review they change once their
// transaction has committed. Thread-safety: none; the engine's thread calls it.
class ReviewServiceImpl final : public ReviewService, private ScheduledReviews {
 public:
  explicit ReviewServiceImpl(const Options& options, std::unique_ptr<Store> store);
  Status LoadOpenReviews();

  CommandResult Execute(const Command& command) override;
  std::vector<CommandResult> ExecuteBatch(const std::vector<Command>& commands) override;
  size_t open_review_count() const override { return open_.size(); }
  Result<size_t> FireDueAlerts(size_t batch, size_t max_transactions) override {
    return scheduler_.FireDueAlerts(batch, max_transactions);
  }
  std::optional<Instant> NextAlertAt() override { return scheduler_.NextAlertAt(); }
  size_t pending_alert_count() const override { return scheduler_.pending_count(); }
  size_t CountPlannedAlerts() override { return scheduler_.CountPlannedAlerts(); }

 private:
  // What every command of one transaction shares: the moment it happens.
  struct Context {
    Instant now;
    std::string at;
  };

  // One transaction for all of `commands`; with `isolate`, each command in a savepoint of its own.
  // Without it, returns nothing when a command failed after writing: the caller retries with isolation.
  std::optional<std::vector<CommandResult>> TryBatch(const std::vector<Command>& commands, bool isolate);
  CommandResult RunIsolated(const Command& command, const Context& context);
  // Puts back the records replaced since `undo_mark`, newest first.
  void RestoreRecords(size_t undo_mark);
  Status Handle(const ReferCommand& command, const Context& context, CommandResult& result);
  Status Handle(const ApplyEventCommand& command, const Context& context, CommandResult& result);
  Status Handle(const CompleteCheckpointCommand& command, const Context& context, CommandResult& result);
  Status Handle(const WaiveCheckpointCommand& command, const Context& context, CommandResult& result);
  Status Handle(const ExtendCheckpointCommand& command, const Context& context, CommandResult& result);
  Status Handle(const AddParallelProcessCommand& command, const Context& context, CommandResult& result);
  Status Handle(const UpdateParallelProcessCommand& command, const Context& context, CommandResult& result);
  Status Handle(const RequestInformationCommand& command, const Context& context, CommandResult& result);
  Status Handle(const AnswerInformationRequestCommand& command, const Context& context, CommandResult& result);
  // The business unit's change of an open request's due date or agency (AnswerInformationRequestCommand).
  Status ChangeInformationRequest(const AnswerInformationRequestCommand& command, OpenReview& review,
                                  const std::string& agency, Date due, const Context& context);
  Status Handle(const RecordFamilyMemberCommand& command, const Context& context, CommandResult& result);
  Status Handle(const UpdateFamilyMemberCommand& command, const Context& context, CommandResult& result);
  Status Handle(const RegisterDocumentCommand& command, const Context& context, CommandResult& result);
  Status Handle(const UpdateDocumentCommand& command, const Context& context, CommandResult& result);
  Status Handle(const AddActionCommand& command, const Context& context, CommandResult& result);
  Status Handle(const UpdateActionCommand& command, const Context& context, CommandResult& result);
  Status Handle(const CloseFollowUpCommand& command, const Context& context, CommandResult& result);
  Status Handle(const AnswerSelfAssessmentCommand& command, const Context& context, CommandResult& result);
  Status Handle(const CheckPrivacyCommand& command, const Context& context, CommandResult& result);
  Status Handle(const RecordPrivacyIdentifierCommand& command, const Context& context, CommandResult& result);
  Status Handle(const RemovePrivacyIdentifierCommand& command, const Context& context, CommandResult& result);
  Status Handle(const AcknowledgeAlertCommand& command, const Context& context, CommandResult& result);
  Status Handle(const SetReferencesCommand& command, const Context& context, CommandResult& result);

  // The open review `id` of the actor's board, copied for changing; NotFound for another board's review,
  // InvalidArgument for a review that has ended.
  Result<OpenReview> CheckOut(const Actor& actor, ReviewId id);
  // Stores the changed record (or drops it when the review has ended), remembering the old one.
  void CheckIn(ReviewId id, OpenReview review);
  Result<const WorkingCalendar*> CalendarFor(BoardId board) override;
  // ScheduledReviews: what the scheduler reads of the open reviews.
  OpenReview* Find(ReviewId id) override {
    auto it = open_.find(id);
    return it == open_.end() ? nullptr : &it->second;
  }
  void ForEachOpenReview(const std::function<void(ReviewId, const OpenReview&)>& visit) override {
    for (const auto& [id, review] : open_) visit(id, review);
  }

  // Appends the event to the history and moves the review's chain forward.
  void AppendToHistory(ReviewId id, OpenReview& review, const Actor& actor, const Context& context,
                       const std::string& event, const std::string& reason, const std::string& data);
  // Who closes a checkpoint: a user's command, held to the checkpoint's owner role (ActingFor, access.h),
  // or a privacy check that found nothing in the text (its route says who may run one).
  enum class ClosedBy { kCommand, kPrivacyCheck };
  // Completes or waives the open checkpoint `key` of review `id`.
  Status CloseCheckpoint(ReviewId id, const std::string& key, CheckpointState state, ClosedBy closed_by,
                         const Actor& actor, const Context& context, const std::string& note,
                         const std::string& evidence, CommandResult& result);

  // Marks every alert of the item `subject` ("action/12") of review `id` resolved: it has been dealt with.
  // Resolves the open and acknowledged alerts of a checkpoint or dated item: those of its due date and of
  // every date it was moved from.
  void ResolveAlerts(ReviewId id, const std::string& subject, std::optional<Date> due, const Context& context);
  // As ResolveAlerts, for one of the review's dated items.
  void ResolveItemAlerts(ReviewId id, const OpenReview& review, ItemKind kind, int64_t item, const Context& context);
  // Moves the open dated item's due date from `previous` to `due`: an entry in the delay register with the
  // reason, the old date's alerts resolved, and every reminder planned again from the new date.
  void MoveItemDue(ReviewId id, OpenReview& review, ItemKind kind, int64_t item, Date previous, Date due,
                   const std::string& reason, const Actor& actor, const Context& context);
  // One entry in the delay register (QM8): `subject` (a checkpoint's key, or "action/12") moved from
  // `previous` to `due`, and why.
  void RecordDelay(ReviewId id, const std::string& subject, Date previous, Date due, const std::string& reason,
                   const Actor& actor, const Context& context);
  // Moves the open checkpoint's due date to `due` (an extension, or a pause's end): kept as its extended
  // date, with an entry in the delay register with the reason; every reminder is planned again.
  void MoveCheckpointDue(ReviewId id, CheckpointSlot& slot, const std::string& key, Date due,
                         const std::string& reason, const Actor& actor, const Context& context);
  // The effects of an applied lifecycle event beyond the phase (lifecycle_effects.cpp): the pause kept or
  // ended (every deadline moved on), the report's quality assurance reopened, the decisions recorded.
  // `data` is the event's data, completed with its defaults for the history.
  Status ApplyEventEffects(ReviewId id, OpenReview& review, LifecycleEvent event, const ApplyEventCommand& command,
                           nlohmann::json& data, const WorkingCalendar& calendar, const Context& context);
  Status ResumeReview(ReviewId id, OpenReview& review, const Actor& actor, Date today,
                      const WorkingCalendar& calendar, const Context& context, nlohmann::json& data);
  void ReopenReportQa(ReviewId id, OpenReview& review, Date today, nlohmann::json& data);
  // Plans the follow-up checks of an action completed on `completed_on`.
  Status PlanFollowUps(ReviewId id, OpenReview& review, int64_t action, Date completed_on, const Context& context);

  // Moves the stored due date of every open information request, action and follow-up that falls on a
  // day that is not a working day of its board (dates stored before such dates were refused or rolled)
  // to the next working day, in one transaction at start; each move is logged.
  Status RollStoredDueDates();
  // The alerts a command stores (an extension's, to the chair): the scheduler's (Scheduler::StoreAlert).
  void StoreAlert(const PlannedAlert& alert, BoardId board, const WorkflowDefinition& workflow, Instant now,
                  bool hold = false) {
    scheduler_.StoreAlert(alert, board, workflow, now, hold);
  }
  void QueueNewAlerts(int64_t alerts_after) { scheduler_.QueueNewAlerts(alerts_after); }
  int64_t LastAlertId() { return scheduler_.LastAlertId(); }

  Options options_;
  std::unique_ptr<Store> store_;
  std::unordered_map<ReviewId, OpenReview> open_;
  std::map<BoardId, WorkingCalendar> calendars_;
  std::vector<std::pair<ReviewId, std::optional<OpenReview>>> undo_;  // records replaced in this transaction
  int64_t events_appended_ = 0;  // in this transaction; added to the ledger before it commits

  Scheduler scheduler_;  // reads open_ (ScheduledReviews); declared after store_, which it writes to
};

// The checkpoint a clean privacy check completes, and nothing else does.
extern const char* const kPrivacyCheckpoint;

// "Name (role)": how an actor appears in the history.
std::string DescribeActor(const Actor& actor);

}  // namespace scr
