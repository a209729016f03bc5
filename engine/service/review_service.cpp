#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>

#include "engine/history_key.h"
#include "service/command_table.h"
#include "service/review_service_impl.h"
#include "store/sqlite/history_keying.h"
#include "store/sqlite/sqlite_store.h"

namespace scr {

std::string DescribeActor(const Actor& actor) { return actor.name + " (" + RoleName(actor.role) + ")"; }

Result<std::unique_ptr<ReviewService>> ReviewService::Open(const Options& options) {
  if (!options.workflows || !options.holidays || !options.clock) {
    return Status::InvalidArgument("the review service needs workflows, bank holidays and a clock");
  }
  Result<std::unique_ptr<Database>> database = Database::Open(options.database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  Result<HistoryKey> key = LoadHistoryKey(HistoryKeyFile(options.history_key_file, options.database_path));
  if (!key.ok()) return key.status();
  if (Status keyed = AttachHistoryKey(**database, *key, Keying::kWhenSafe); !keyed.ok()) return keyed;
  // The writer of every review keeps more pages warm than a reader, but not many more: every commit costs
  // in proportion to the cache (scr-bench fire: 130k alerts/s with 64 MiB, 152k/s with 16 MiB; the events
  // bench the same with either).
  (*database)->SetCacheKib(16 * 1024);
  auto service = std::make_unique<ReviewServiceImpl>(options, MakeSqliteStore(std::move(database).value(), *options.workflows));
  if (Status status = service->LoadOpenReviews(); !status.ok()) return status;
  return std::unique_ptr<ReviewService>(std::move(service));
}

ReviewServiceImpl::ReviewServiceImpl(const Options& options, std::unique_ptr<Store> store)
    : options_(options),
      store_(std::move(store)),
      calendars_(store_->boards(), *options.holidays),
      scheduler_(store_->scheduler(), *this, *options.clock, options.digest_time) {}

Status ReviewServiceImpl::LoadOpenReviews() {
  try {
    for (auto& [id, stored] : store_->reviews().ReadRunningReviews()) {
      OpenReview& review = stored.record;
      if (!review.workflow) {
        return Status::InvalidArgument("review " + std::to_string(id) + " follows the workflow '" + stored.workflow +
                                       "', which is not loaded; add its file to the workflows folder");
      }
      // Restoring the machine proves the stored state is one it knows; no entry action runs.
      Result<Lifecycle> machine = Lifecycle::Restore(stored.lifecycle_state, BlockerQuery());
      if (!machine.ok()) return Status::Storage("review " + std::to_string(id) + ": " + machine.status().message());
      review.phase = machine->phase();
      review.paused = machine->paused();
      if (stored.damaged_dates) return Status::Storage("review " + std::to_string(id) + " has a damaged date");
      open_.emplace(id, std::move(review));
    }
  } catch (const std::exception& e) {
    return StorageError(e, "loading the open reviews");
  }
  for (auto& [id, review] : open_) {
    Result<const WorkingCalendar*> calendar = CalendarFor(review.board_id);
    if (!calendar.ok()) return calendar.status();
    if (Status planned = review.PlanDueDates(**calendar); !planned.ok()) {
      return Status::InvalidArgument("review " + std::to_string(id) + ": " + planned.message());
    }
  }
  if (Status rolled = RollStoredDueDates(); !rolled.ok()) return rolled;
  if (Status fired = scheduler_.LoadFiredAlerts(); !fired.ok()) return fired;
  for (auto& [id, review] : open_) scheduler_.Schedule(id, review);
  try {  // every board's daily digest, whether or not it has open reviews
    for (BoardId board : store_->boards().ReadBoardIds()) {
      if (Result<const WorkingCalendar*> calendar = CalendarFor(board); !calendar.ok()) {
        spdlog::warn("board {}: {}", board, calendar.status().message());
      }
    }
  } catch (const std::exception& e) {
    return StorageError(e, "planning the daily digests");
  }
  spdlog::info("loaded {} open reviews from {} ({} with alerts to come)", open_.size(), store_->location(),
               scheduler_.pending_count());
  return Status::Ok();
}

Status ReviewServiceImpl::RollStoredDueDates() {
  try {
    std::unique_ptr<WriteScope> transaction;  // begun at the first date to move: usually none
    for (auto& [id, review] : open_) {
      const WorkingCalendar& calendar = *CalendarFor(review.board_id).value();
      for (DatedItem& item : review.items) {
        Result<Date> working = calendar.WorkingDayOnOrAfter(item.due());
        if (!working.ok() || *working == item.due()) continue;
        if (!transaction) transaction = store_->BeginWrite();
        store_->delays().SetItemDue(item.kind, item.id, *working);
        spdlog::info("review {}: {} was due on {}, not a working day; now due on {}", id, item.Subject(),
                     item.due().ToString(), working->ToString());
        item.due_days = working->days_since_epoch();
      }
    }
    if (transaction) transaction->Commit();
  } catch (const std::exception& e) {
    return StorageError(e, "moving stored due dates to working days");
  }
  return Status::Ok();
}

CommandResult ReviewServiceImpl::Execute(const Command& command) { return ExecuteBatch({command}).front(); }

std::vector<CommandResult> ReviewServiceImpl::ExecuteBatch(const std::vector<Command>& commands) {
  // Optimistic first: one transaction, no savepoint per command. Handlers decide before they write, so a
  // command refused for a reason of the domain has written nothing. Only a command that fails after
  // writing (a storage error) sends the batch down the careful path, where each command has a savepoint.
  if (std::optional<std::vector<CommandResult>> results = TryBatch(commands, /*isolate=*/false)) return *results;
  return *TryBatch(commands, /*isolate=*/true);
}

std::optional<std::vector<CommandResult>> ReviewServiceImpl::TryBatch(const std::vector<Command>& commands,
                                                                      bool isolate) {
  std::vector<CommandResult> results;
  results.reserve(commands.size());
  undo_.clear();
  events_appended_ = 0;
  try {
    std::unique_ptr<WriteScope> transaction = store_->BeginWrite();
    Context context{options_.clock->Now(), {}};
    context.at = FormatInstant(context.now);
    for (const Command& command : commands) {
      if (isolate) {
        results.push_back(RunIsolated(command, context));
        continue;
      }
      int64_t writes_before = store_->WriteCount();
      CommandResult result;
      result.status = RunCommand(command, At(context), result);
      if (!result.status.ok() && store_->WriteCount() != writes_before) {
        throw std::runtime_error("a command failed after writing: " + result.status.message());
      }
      results.push_back(std::move(result));
    }
    if (events_appended_ > 0) store_->history().AddToLedger(events_appended_);
    transaction->Commit();
    // The reviews this transaction changed: their next alert is planned again; one that has ended has none.
    std::unordered_set<ReviewId> rescheduled;
    for (const auto& [id, previous] : undo_) {
      if (!rescheduled.insert(id).second) continue;  // the first entry holds the record as it was before
      auto review = open_.find(id);
      if (review != open_.end()) {
        scheduler_.Schedule(id, review->second);
      } else if (previous) {
        scheduler_.Ended(*previous);
      }
    }
  } catch (const std::exception& e) {
    RestoreRecords(0);  // nothing of the batch was stored: the records go back as they were
    if (!isolate) return std::nullopt;
    Status failed = StorageError(e, "saving " + std::to_string(commands.size()) + " command(s)");
    results.assign(commands.size(), CommandResult{failed, 0, 0, Phase::kDecisionPending});
  }
  undo_.clear();
  return results;
}

CommandResult ReviewServiceImpl::RunIsolated(const Command& command, const Context& context) {
  CommandResult result;
  size_t undo_mark = undo_.size();
  int64_t appended_mark = events_appended_;
  try {
    std::unique_ptr<CommandScope> scope = store_->BeginCommand();
    result.status = RunCommand(command, At(context), result);
    if (result.status.ok()) {
      scope->Keep();
      return result;
    }
  } catch (const std::exception& e) {
    result.status = StorageError(e, "saving a command");
  }
  RestoreRecords(undo_mark);  // the command's writes were undone; do the same for the records
  events_appended_ = appended_mark;
  return result;
}

void ReviewServiceImpl::RestoreRecords(size_t undo_mark) {
  while (undo_.size() > undo_mark) {
    auto& [id, previous] = undo_.back();
    if (previous) open_[id] = std::move(*previous);
    else open_.erase(id);
    undo_.pop_back();
  }
}

Result<OpenReview> ReviewServiceImpl::CheckOut(const Actor& actor, ReviewId id) {
  auto it = open_.find(id);
  if (it != open_.end()) {
    if (it->second.board_id != actor.board_id) return Status::NotFound("no review " + std::to_string(id));
    return it->second;
  }
  std::optional<ReviewHeading> ended = store_->reviews().ReadHeading(actor.board_id, id);
  if (!ended) return Status::NotFound("no review " + std::to_string(id));
  return Status::InvalidTransition("review " + std::to_string(id) + " has ended (" + PhaseName(ended->phase) +
                                       "); nothing more can be recorded on it",
                                   {});
}

void ReviewServiceImpl::CheckIn(ReviewId id, OpenReview review) {
  // A command that makes the timescale certain to be missed tells the chair at once (once a review).
  if (IsChased(review)) scheduler_.TellTimescaleAtRisk(id, review, options_.clock->Now());
  auto it = open_.find(id);
  if (it != open_.end()) {
    undo_.emplace_back(id, std::move(it->second));
  } else {
    undo_.emplace_back(id, std::nullopt);
  }
  if (IsEndPhase(review.phase)) {
    open_.erase(id);
  } else {
    open_[id] = std::move(review);
  }
}

Result<const WorkingCalendar*> ReviewServiceImpl::CalendarFor(BoardId board) {
  bool first_met = false;
  Result<const WorkingCalendar*> calendar = calendars_.For(board, &first_met);
  if (first_met) scheduler_.PlanDigests(board, **calendar);  // a board met for the first time: its digests begin
  return calendar;
}

void ReviewServiceImpl::AppendToHistory(ReviewId id, OpenReview& review, const Actor& actor, const Context& context,
                                        const std::string& event, const std::string& reason,
                                        const std::string& data) {
  if (!review.head_known) {  // read on the review's first change since start-up, not for every review at start
    Result<HistoryHead> head = store_->history().ReadHead(id);
    if (!head.ok()) throw std::runtime_error(head.status().message());  // the transaction is abandoned
    review.event_count = head->event_count;
    review.last_hash = head->last_hash;
    review.head_known = true;
  }
  NewEvent entry{id, review.event_count + 1, context.at, DescribeActor(actor), event, reason, data};
  review.last_hash = store_->history().Append(entry, review.last_hash);
  review.event_count = entry.seq;
  ++events_appended_;
}

}  // namespace scr
