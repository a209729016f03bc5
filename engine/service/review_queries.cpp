#include <algorithm>

#include "engine/review_references.h"
#include "service/review_queries_impl.h"
#include "store/sqlite/sqlite_store.h"

namespace scr {

ReviewQueriesImpl::ReviewQueriesImpl(const Options& options, std::unique_ptr<Store> store)
    : options_(options), store_(std::move(store)), calendars_(store_->boards(), *options.holidays) {}

Status ReviewQueriesImpl::CheckReviewOfBoard(BoardId board, ReviewId review) {
  if (!store_->reviews().ReadHeading(board, review)) return Status::NotFound("no review " + std::to_string(review));
  return Status::Ok();
}

const char* CheckpointStatusName(CheckpointStatus status) {
  switch (status) {
    case CheckpointStatus::kPending: return "pending";
    case CheckpointStatus::kDueSoon: return "due_soon";
    case CheckpointStatus::kOverdue: return "overdue";
    case CheckpointStatus::kDone: return "done";
    case CheckpointStatus::kWaived: return "waived";
  }
  return "pending";
}

CheckpointStatus StatusAt(const CheckpointDefinition& definition, bool closed_done, bool closed_waived,
                          std::optional<Date> due, Instant now, const WorkingCalendar& calendar) {
  if (closed_done) return CheckpointStatus::kDone;
  if (closed_waived) return CheckpointStatus::kWaived;
  if (!due) return CheckpointStatus::kPending;
  if (now >= calendar.EndOfDay(*due)) return CheckpointStatus::kOverdue;
  Date today = calendar.LocalDate(now);
  for (const ReminderStep& reminder : definition.reminders) {
    Result<Date> from = AddDuration(*due, Duration{-reminder.before.amount, reminder.before.unit}, calendar);
    if (from.ok() && today >= *from) return CheckpointStatus::kDueSoon;
  }
  return CheckpointStatus::kPending;
}

Result<std::unique_ptr<ReviewQueries>> ReviewQueries::Open(const Options& options) {
  if (!options.workflows || !options.holidays || !options.clock) {
    return Status::InvalidArgument("the review queries need workflows, bank holidays and a clock");
  }
  Result<std::unique_ptr<Database>> database = Database::Open(options.database_path, Database::Mode::kReadOnly);
  if (!database.ok()) return database.status();
  return std::unique_ptr<ReviewQueries>(
      new ReviewQueriesImpl(options, MakeSqliteStore(std::move(database).value(), *options.workflows)));
}

Result<Board> ReviewQueriesImpl::GetBoard(BoardId board) {
  try {
    std::optional<StoredBoard> found = store_->boards().ReadBoard(board);
    if (!found) return Status::NotFound("no board " + std::to_string(board));
    return found->board;
  } catch (const std::exception& e) {
    return StorageError(e, "reading a board");
  }
}

Result<const WorkingCalendar*> ReviewQueriesImpl::CalendarFor(BoardId board) { return calendars_.For(board); }

Status ReviewQueriesImpl::ReadCheckpoints(StoredReview& review, std::vector<CheckpointView>* views) {
  ReviewId id = review.summary.id;
  OpenReview* record = &review.record;
  const WorkflowDefinition* workflow = record->workflow;
  if (!workflow) return Status::NotFound("review " + std::to_string(id) + " follows an unknown workflow");
  Result<const WorkingCalendar*> calendar = CalendarFor(review.summary.board_id);
  if (!calendar.ok()) return calendar.status();
  if (Status planned = record->PlanDueDates(**calendar); !planned.ok()) return planned;

  Instant now = options_.clock->Now();
  bool ended = IsEndPhase(review.summary.phase);  // nothing falls due in a review that has ended
  views->clear();
  for (const CheckpointSlot& slot : record->checkpoints) {
    const CheckpointDefinition& definition = workflow->checkpoints[slot.definition];
    CheckpointView view;
    view.key = definition.key;
    view.title = definition.title;
    view.marker = definition.marker;
    view.phase = definition.phase;
    view.owner_role = definition.owner_role;
    view.due_rule = definition.due.text;
    view.blocks = definition.blocks;
    if (slot.has_due()) view.due = slot.due();
    if (view.due && slot.state == CheckpointState::kOpen && !ended) {
      Date today = (*calendar)->LocalDate(now);
      Result<int> left = *view.due >= today ? (*calendar)->WorkingDaysBetween(today, *view.due)
                                            : (*calendar)->WorkingDaysBetween(*view.due, today);
      if (left.ok()) view.working_days_left = *view.due >= today ? *left : -*left;
    }
    view.status = StatusAt(definition, slot.state == CheckpointState::kDone, slot.state == CheckpointState::kWaived,
                           ended ? std::nullopt : view.due, now, **calendar);
    if (auto closure = review.closures.find(definition.key); closure != review.closures.end()) {
      view.closed_at = closure->second.closed_at;
      view.closed_by = closure->second.closed_by;
      view.note = closure->second.note;
      view.evidence = closure->second.evidence;
      view.late_by_working_days = closure->second.late_by_working_days;
    }
    views->push_back(std::move(view));
  }
  AddActionDeadlines(id, *workflow, ended, now, **calendar, views);
  return Status::Ok();
}

// Each improvement action's own deadline, shown among the checkpoints as "action/ID" (QM18): chased by the
// workflow's action chain, done once the action is completed or evidenced, closed without being done
// (waived) when dropped or not achieved; an open one holds back close.
void ReviewQueriesImpl::AddActionDeadlines(ReviewId id, const WorkflowDefinition& workflow, bool ended, Instant now,
                                           const WorkingCalendar& calendar, std::vector<CheckpointView>* views) {
  const CheckpointDefinition& chain = workflow.action_chain;
  Date today = calendar.LocalDate(now);
  for (const ActionDeadlineRow& action : store_->reviews().ReadActionDeadlines(id)) {
    bool done = action.status == "completed" || action.status == "evidenced";
    bool waived = action.status == "dropped" || action.status == "not_achieved";
    CheckpointView view;
    view.key = "action/" + std::to_string(action.id);
    view.title = "Improvement action: " + action.title;
    view.marker = chain.marker;
    view.phase = Phase::kImplementation;
    view.owner_role = chain.owner_role;
    view.due_rule = "the date agreed for the action";
    view.due = action.due;
    view.blocks = {LifecycleEvent::kClose};
    view.status = StatusAt(chain, done, waived, ended ? std::nullopt : view.due, now, calendar);
    if (!done && !waived && !ended) {
      Result<int> left = *view.due >= today ? calendar.WorkingDaysBetween(today, *view.due)
                                            : calendar.WorkingDaysBetween(*view.due, today);
      if (left.ok()) view.working_days_left = *view.due >= today ? *left : -*left;
    }
    if (done || waived) {
      view.closed_at = action.updated_at;
      view.closed_by = "";
      view.note = action.status + (waived ? ": " + action.status_reason : "");
    }
    views->push_back(std::move(view));
  }
}

void AddLateCompletions(OpenReview& record, const std::vector<CheckpointView>& checkpoints, std::vector<Delay>* delays) {
  for (const CheckpointView& checkpoint : checkpoints) {
    const CheckpointSlot* slot = record.FindSlot(checkpoint.key);
    if (checkpoint.late_by_working_days == 0 || !slot || !checkpoint.due || slot->closed_days == kNoDate) continue;
    delays->push_back(Delay{checkpoint.key, *checkpoint.due, Date::FromDays(slot->closed_days), checkpoint.note,
                            checkpoint.closed_by.value_or(""), checkpoint.closed_at.value_or(""),
                            checkpoint.late_by_working_days});
  }
  std::stable_sort(delays->begin(), delays->end(),
                   [](const Delay& a, const Delay& b) { return a.recorded_at < b.recorded_at; });
}

Result<ReviewVersion> ReviewQueriesImpl::VersionOf(BoardId board, ReviewId id) {
  return ReadVersion(board, id, nullptr);
}

Result<ReviewVersion> ReviewQueriesImpl::ReadVersion(BoardId board, ReviewId id, std::string* last_change_at) {
  try {
    std::optional<HistoryHeadRow> head = store_->reviews().ReadHistoryHeadRow(board, id);
    if (!head) return Status::NotFound("no review " + std::to_string(id));
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    ReviewVersion version;
    version.last_seq = head->last_seq;
    version.last_hash = head->last_hash;
    version.today = (*calendar)->LocalDate(options_.clock->Now());
    if (last_change_at) *last_change_at = head->last_at;
    return version;
  } catch (const std::exception& e) {
    return StorageError(e, "reading the version of review " + std::to_string(id));
  }
}

Result<ReviewView> ReviewQueriesImpl::GetReview(BoardId board, ReviewId id) {
  try {
    std::unique_ptr<ReadScope> snapshot = store_->BeginRead();  // the version and everything shown, from one state of the review
    ReviewView view;
    Result<ReviewVersion> version = ReadVersion(board, id, &view.updated_at);  // updated: its last change
    if (!version.ok()) return version.status();
    view.version = *version;
    std::optional<StoredReview> review = store_->reviews().ReadReview(board, id);
    if (!review) return Status::NotFound("no review " + std::to_string(id));
    view.created_at = review->created_at;
    view.summary = review->summary;
    view.referral = review->referral;
    OpenReview& record = review->record;
    if (Status read = ReadCheckpoints(*review, &view.checkpoints); !read.ok()) return read;
    if (Status summarised = Summarise(record, view.checkpoints, &view.summary); !summarised.ok()) return summarised;
    view.parallel_processes = store_->reviews().ReadParallelProcesses(id);
    view.delays = store_->reviews().ReadDelays(id);
    AddLateCompletions(record, view.checkpoints, &view.delays);
    // The same judgement the engine makes, on the same record.
    view.next_events = record.NextEvents(view.version.today);
    for (const NextEvent& next : view.next_events) {
      if (next.blocked_by.empty()) view.allowed_events.push_back(next.event);
    }
    view.decision_outcome = review->decision_outcome;
    view.publication = review->publication;
    return view;
  } catch (const std::exception& e) {
    return StorageError(e, "reading review " + std::to_string(id));
  }
}

Result<std::vector<HistoryEvent>> ReviewQueriesImpl::History(BoardId board, ReviewId id) {
  try {
    if (Status owned = CheckReviewOfBoard(board, id); !owned.ok()) return owned;
    return store_->reviews().ReadHistory(id);
  } catch (const std::exception& e) {
    return StorageError(e, "reading the history of review " + std::to_string(id));
  }
}

}  // namespace scr
