#include "engine/review_queries.h"

#include <algorithm>
#include <map>

#include "service/open_review.h"
#include "store/database.h"

namespace scr {
namespace {

class ReviewQueriesImpl final : public ReviewQueries {
 public:
  ReviewQueriesImpl(const Options& options, std::unique_ptr<Database> database)
      : options_(options), database_(std::move(database)) {}

  Result<ReviewView> GetReview(BoardId board, ReviewId id) override;
  Result<ReviewPage> ListReviews(BoardId board, const ReviewFilter& filter) override;
  Result<std::vector<HistoryEvent>> History(BoardId board, ReviewId id) override;
  Result<Board> GetBoard(BoardId board) override;

 private:
  Result<const WorkingCalendar*> CalendarFor(BoardId board);
  std::vector<CheckpointView> ReadCheckpoints(ReviewId id, const WorkflowDefinition& workflow, Phase phase,
                                              const WorkingCalendar& calendar);

  Options options_;
  std::unique_ptr<Database> database_;
  std::map<BoardId, WorkingCalendar> calendars_;
};

Date ParseStoredDate(const std::string& text) {
  Result<Date> date = Date::Parse(text);
  return date.ok() ? *date : Date();
}

}  // namespace

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
  Result<std::unique_ptr<Database>> database = Database::Open(options.database_path, Database::Mode::kReadOnly);
  if (!database.ok()) return database.status();
  return std::unique_ptr<ReviewQueries>(new ReviewQueriesImpl(options, std::move(database).value()));
}

Result<Board> ReviewQueriesImpl::GetBoard(BoardId board) {
  try {
    Database::Statement find = database_->Prepare("SELECT name, nation, time_zone FROM boards WHERE id = ?");
    find->bind(1, board);
    if (!find->executeStep()) return Status::NotFound("no board " + std::to_string(board));
    Board result;
    result.id = board;
    result.name = find->getColumn(0).getString();
    Result<Nation> nation = ParseNation(find->getColumn(1).getText());
    if (nation.ok()) result.nation = *nation;
    result.time_zone = find->getColumn(2).getString();
    return result;
  } catch (const std::exception& e) {
    return StorageError(e, "reading a board");
  }
}

Result<const WorkingCalendar*> ReviewQueriesImpl::CalendarFor(BoardId board) {
  auto it = calendars_.find(board);
  if (it != calendars_.end()) return &it->second;
  Result<Board> found = GetBoard(board);
  if (!found.ok()) return found.status();
  Result<WorkingCalendar> calendar = WorkingCalendar::Create(*options_.holidays, found->nation, found->time_zone);
  if (!calendar.ok()) return calendar.status();
  return &calendars_.emplace(board, *calendar).first->second;
}

std::vector<CheckpointView> ReviewQueriesImpl::ReadCheckpoints(ReviewId id, const WorkflowDefinition& workflow,
                                                               Phase phase, const WorkingCalendar& calendar) {
  std::vector<CheckpointView> views;
  Database::Statement select = database_->Prepare(
      "SELECT key, state, due, closed_at, closed_by, note, evidence FROM checkpoints WHERE review_id = ?");
  select->bind(1, id);
  Instant now = options_.clock->Now();
  while (select->executeStep()) {
    const CheckpointDefinition* definition = workflow.FindCheckpoint(select->getColumn(0).getString());
    if (!definition) continue;
    CheckpointView view;
    view.key = definition->key;
    view.title = definition->title;
    view.marker = definition->marker;
    view.phase = definition->phase;
    view.owner_role = definition->owner_role;
    view.due_rule = definition->due.text;
    view.blocks = definition->blocks;
    if (!select->getColumn(2).isNull()) view.due = ParseStoredDate(select->getColumn(2).getString());
    std::string state = select->getColumn(1).getString();
    // Nothing falls due in a review that has ended.
    Instant as_of = IsEndPhase(phase) ? Instant::min() : now;
    view.status = StatusAt(*definition, state == "done", state == "waived", IsEndPhase(phase) ? std::nullopt : view.due,
                           as_of, calendar);
    if (!select->getColumn(3).isNull()) view.closed_at = select->getColumn(3).getString();
    if (!select->getColumn(4).isNull()) view.closed_by = select->getColumn(4).getString();
    view.note = select->getColumn(5).getString();
    view.evidence = select->getColumn(6).getString();
    views.push_back(std::move(view));
  }
  // In the workflow's order, which follows the review's course.
  std::sort(views.begin(), views.end(), [&workflow](const CheckpointView& a, const CheckpointView& b) {
    return workflow.CheckpointIndex(a.key) < workflow.CheckpointIndex(b.key);
  });
  return views;
}

Result<ReviewView> ReviewQueriesImpl::GetReview(BoardId board, ReviewId id) {
  try {
    Database::Statement select = database_->Prepare(
        "SELECT workflow, title, incident_date, referral_date, rationale, statutory_criteria_met, child_died, "
        "family_lived_elsewhere, late_referral_reason, phase, created_at, updated_at FROM reviews "
        "WHERE id = ? AND board_id = ?");
    select->bind(1, id);
    select->bind(2, board);
    if (!select->executeStep()) return Status::NotFound("no review " + std::to_string(id));
    ReviewView view;
    ReviewSummary& summary = view.summary;
    summary.id = id;
    summary.board_id = board;
    summary.workflow = select->getColumn(0).getString();
    summary.title = select->getColumn(1).getString();
    view.referral.workflow = summary.workflow;
    view.referral.title = summary.title;
    view.referral.incident_date = ParseStoredDate(select->getColumn(2).getString());
    view.referral.referral_date = ParseStoredDate(select->getColumn(3).getString());
    summary.referral_date = view.referral.referral_date;
    view.referral.rationale = select->getColumn(4).getString();
    view.referral.statutory_criteria_met = select->getColumn(5).getInt() != 0;
    view.referral.child_died = select->getColumn(6).getInt() != 0;
    view.referral.family_lived_elsewhere = select->getColumn(7).getInt() != 0;
    view.referral.late_referral_reason = select->getColumn(8).getString();
    summary.phase = PhaseFromName(select->getColumn(9).getString()).value_or(Phase::kDecisionPending);
    view.created_at = select->getColumn(10).getString();
    view.updated_at = select->getColumn(11).getString();
    select->reset();

    const WorkflowDefinition* workflow = options_.workflows->Find(summary.workflow);
    if (!workflow) return Status::NotFound("review " + std::to_string(id) + " follows an unknown workflow");
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    view.checkpoints = ReadCheckpoints(id, *workflow, summary.phase, **calendar);

    Database::Statement processes = database_->Prepare(
        "SELECT id, kind, status, holds_publication, owner, notes, created_at, updated_at FROM parallel_processes "
        "WHERE review_id = ? ORDER BY id");
    processes->bind(1, id);
    while (processes->executeStep()) {
      ParallelProcess process;
      process.id = processes->getColumn(0).getInt64();
      process.review_id = id;
      process.kind = processes->getColumn(1).getString();
      process.status = processes->getColumn(2).getString();
      process.holds_publication = processes->getColumn(3).getInt() != 0;
      process.owner = processes->getColumn(4).getString();
      process.notes = processes->getColumn(5).getString();
      process.created_at = processes->getColumn(6).getString();
      process.updated_at = processes->getColumn(7).getString();
      view.parallel_processes.push_back(std::move(process));
    }
    Database::Statement delays = database_->Prepare(
        "SELECT checkpoint, previous_due, new_due, reason, recorded_by, recorded_at FROM delays "
        "WHERE review_id = ? ORDER BY id");
    delays->bind(1, id);
    while (delays->executeStep()) {
      view.delays.push_back(Delay{delays->getColumn(0).getString(), ParseStoredDate(delays->getColumn(1).getString()),
                                  ParseStoredDate(delays->getColumn(2).getString()), delays->getColumn(3).getString(),
                                  delays->getColumn(4).getString(), delays->getColumn(5).getString()});
    }

    // The same judgement the engine makes: rebuild the review's guard facts from what was read.
    OpenReview facts;
    facts.workflow = workflow;
    for (const CheckpointView& checkpoint : view.checkpoints) {
      CheckpointSlot slot;
      slot.definition = static_cast<uint16_t>(*workflow->CheckpointIndex(checkpoint.key));
      bool open = checkpoint.status != CheckpointStatus::kDone && checkpoint.status != CheckpointStatus::kWaived;
      slot.state = open ? CheckpointState::kOpen : CheckpointState::kDone;
      facts.checkpoints.push_back(slot);
      if (open && checkpoint.due && (!summary.next_due || *checkpoint.due < *summary.next_due)) summary.next_due = checkpoint.due;
      if (checkpoint.status == CheckpointStatus::kOverdue) ++summary.overdue_count;
    }
    for (const ParallelProcess& process : view.parallel_processes) {
      if (process.status == "active" && process.holds_publication) facts.processes_holding_publication.push_back(process.id);
    }
    Result<Lifecycle> machine =
        Lifecycle::Restore(PhaseName(summary.phase), [&facts](LifecycleEvent e) { return facts.Blockers(e); });
    if (machine.ok()) view.allowed_events = machine->AllowedEvents();
    if (IsEndPhase(summary.phase)) summary.next_due.reset();
    return view;
  } catch (const std::exception& e) {
    return StorageError(e, "reading review " + std::to_string(id));
  }
}

Result<ReviewPage> ReviewQueriesImpl::ListReviews(BoardId board, const ReviewFilter& filter) {
  try {
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    std::string today = (*calendar)->LocalDate(options_.clock->Now()).ToString();
    Database::Statement select = database_->Prepare(
        "SELECT r.id, r.workflow, r.title, r.phase, r.referral_date, "
        "  (SELECT MIN(c.due) FROM checkpoints c WHERE c.review_id = r.id AND c.state = 'open') AS next_due, "
        "  (SELECT COUNT(*) FROM checkpoints c WHERE c.review_id = r.id AND c.state = 'open' AND c.due < ?1) "
        "    AS overdue "
        "FROM reviews r WHERE r.board_id = ?2 AND r.id > ?3 AND (?4 IS NULL OR r.phase = ?4) "
        "  AND (?5 IS NULL OR (r.phase NOT IN ('not_proceeding', 'closed') AND "
        "       EXISTS (SELECT 1 FROM checkpoints c WHERE c.review_id = r.id AND c.state = 'open' AND c.due < ?1)) = ?5) "
        "ORDER BY r.id LIMIT ?6");
    select->bind(1, today);
    select->bind(2, board);
    select->bind(3, filter.after.value_or(0));
    if (filter.phase) select->bind(4, PhaseName(*filter.phase));
    if (filter.overdue) select->bind(5, *filter.overdue ? 1 : 0);
    int limit = std::clamp(filter.limit, 1, 200);
    select->bind(6, limit + 1);
    ReviewPage page;
    while (select->executeStep()) {
      if (static_cast<int>(page.items.size()) == limit) {
        page.next_cursor = page.items.back().id;
        break;
      }
      ReviewSummary summary;
      summary.id = select->getColumn(0).getInt64();
      summary.board_id = board;
      summary.workflow = select->getColumn(1).getString();
      summary.title = select->getColumn(2).getString();
      summary.phase = PhaseFromName(select->getColumn(3).getString()).value_or(Phase::kDecisionPending);
      summary.referral_date = ParseStoredDate(select->getColumn(4).getString());
      bool ended = IsEndPhase(summary.phase);
      if (!ended && !select->getColumn(5).isNull()) summary.next_due = ParseStoredDate(select->getColumn(5).getString());
      summary.overdue_count = ended ? 0 : select->getColumn(6).getInt();
      page.items.push_back(std::move(summary));
    }
    return page;
  } catch (const std::exception& e) {
    return StorageError(e, "listing reviews");
  }
}

Result<std::vector<HistoryEvent>> ReviewQueriesImpl::History(BoardId board, ReviewId id) {
  try {
    Database::Statement owner = database_->Prepare("SELECT 1 FROM reviews WHERE id = ? AND board_id = ?");
    owner->bind(1, id);
    owner->bind(2, board);
    if (!owner->executeStep()) return Status::NotFound("no review " + std::to_string(id));
    owner->reset();
    Database::Statement select = database_->Prepare(
        "SELECT seq, at, actor, event, reason, data, hash FROM review_events WHERE review_id = ? ORDER BY seq");
    select->bind(1, id);
    std::vector<HistoryEvent> events;
    while (select->executeStep()) {
      events.push_back(HistoryEvent{select->getColumn(0).getInt64(), select->getColumn(1).getString(),
                                    select->getColumn(2).getString(), select->getColumn(3).getString(),
                                    select->getColumn(4).getString(), select->getColumn(5).getString(),
                                    select->getColumn(6).getString()});
    }
    return events;
  } catch (const std::exception& e) {
    return StorageError(e, "reading the history of review " + std::to_string(id));
  }
}

}  // namespace scr
