// The implementation of ReviewService. Commands (service/commands/, through CommandContext) decide on a copy of
// the review's in-memory record, then write, then store the record back (CheckIn), remembering the one it replaced: if
// the transaction (or, on the careful path, the command's savepoint) is rolled back, the undo log puts the records back too.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/review_service.h"
#include "scheduler/scheduler.h"
#include "review/open_review.h"
#include "service/command_context.h"
#include "service/board_calendars.h"
#include "store/store.h"

namespace scr {

// Owns the open reviews' records, the boards' calendars and the Scheduler, which reads those records
// (ScheduledReviews) to plan and fire their alerts; commands hand it each review they change once their
// transaction has committed. Thread-safety: none; the engine's thread calls it.
class ReviewServiceImpl final : public ReviewService, private CommandContext, private ScheduledReviews {
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
  using Context = Moment;

  // One transaction for all of `commands`; with `isolate`, each command in a savepoint of its own.
  // Without it, returns nothing when a command failed after writing: the caller retries with isolation.
  std::optional<std::vector<CommandResult>> TryBatch(const std::vector<Command>& commands, bool isolate);
  CommandResult RunIsolated(const Command& command, const Context& context);
  // Puts back the records replaced since `undo_mark`, newest first.
  void RestoreRecords(size_t undo_mark);
  // CommandContext: what the commands work with (command_context.h).
  Result<OpenReview> CheckOut(const Actor& actor, ReviewId id) override;
  // Stores the changed record (or drops it when the review has ended), remembering the old one.
  void CheckIn(ReviewId id, OpenReview review) override;
  bool IsOpen(ReviewId id) const override { return open_.count(id) > 0; }
  Store& store() override { return *store_; }
  Scheduler& scheduler() override { return scheduler_; }
  const WorkflowRegistry& workflows() const override { return *options_.workflows; }
  // CommandContext and ScheduledReviews: the board's calendar, kept once read.
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
                       const std::string& event, const std::string& reason, const std::string& data) override;
  // Moves the stored due date of every open information request, action and follow-up that falls on a
  // day that is not a working day of its board (dates stored before such dates were refused or rolled)
  // to the next working day, in one transaction at start; each move is logged.
  Status RollStoredDueDates();

  Options options_;
  std::unique_ptr<Store> store_;
  std::unordered_map<ReviewId, OpenReview> open_;
  BoardCalendars calendars_;  // on store_'s boards
  std::vector<std::pair<ReviewId, std::optional<OpenReview>>> undo_;  // records replaced in this transaction
  int64_t events_appended_ = 0;  // in this transaction; added to the ledger before it commits

  Scheduler scheduler_;  // reads open_ (ScheduledReviews); declared after store_, which it writes to
};

}  // namespace scr
