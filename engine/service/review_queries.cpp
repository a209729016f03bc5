#include <algorithm>

#include "engine/review_references.h"
#include "service/review_conditions.h"
#include "service/review_queries_impl.h"

namespace scr {

Date ParseStoredDate(const std::string& text) {
  Result<Date> date = Date::Parse(text);
  return date.ok() ? *date : Date();
}

Status ReviewQueriesImpl::CheckReviewOfBoard(BoardId board, ReviewId review) {
  Database::Statement owner = database_->Prepare("SELECT 1 FROM reviews WHERE id = ? AND board_id = ?");
  owner->bind(1, review);
  owner->bind(2, board);
  if (!owner->executeStep()) return Status::NotFound("no review " + std::to_string(review));
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

Status ReviewQueriesImpl::ReadCheckpoints(ReviewId id, const ReviewRow& row, OpenReview* record,
                                          std::vector<CheckpointView>* views) {
  const WorkflowDefinition* workflow = options_.workflows->Find(row.summary.workflow);
  if (!workflow) return Status::NotFound("review " + std::to_string(id) + " follows an unknown workflow");
  Result<const WorkingCalendar*> calendar = CalendarFor(row.summary.board_id);
  if (!calendar.ok()) return calendar.status();
  record->workflow = workflow;
  record->board_id = row.summary.board_id;
  record->phase = row.summary.phase;
  record->conditions_held = ConditionsHeld(*workflow, row.referral.conditions);
  record->referral_date = row.referral.referral_date;
  record->incident_date = row.referral.incident_date;
  DecodeFirstEvents(row.first_events, &record->first_event_days);
  if (row.summary.paused) {
    record->paused = true;
    record->paused_since = row.summary.paused->since;
    record->pause_reason = row.summary.paused->reason;
    if (row.paused_on) record->paused_on_days = row.paused_on->days_since_epoch();
  }
  record->working_days_paused = row.working_days_paused;
  if (row.report_reopened_on) record->report_reopened_days = row.report_reopened_on->days_since_epoch();
  record->AddApplicableCheckpoints();

  struct Closure {
    std::string closed_at, closed_by, note, evidence;
    int late_by_working_days = 0;
  };
  std::map<std::string, Closure> closures;
  Database::Statement select = database_->Prepare(
      "SELECT key, state, extended_due, closed_on, closed_at, closed_by, note, evidence, late_by_working_days "
      "FROM checkpoints "
      "WHERE review_id = ?");
  select->bind(1, id);
  while (select->executeStep()) {
    std::string key = select->getColumn(0).getString();
    ApplyCheckpointRow(*record, key, select->getColumn(1).getString(), select->getColumn(2).getString(),
                       select->getColumn(3).getString());
    if (!select->getColumn(4).isNull()) {
      closures[key] = Closure{select->getColumn(4).getString(), select->getColumn(5).getString(),
                              select->getColumn(6).getString(), select->getColumn(7).getString(),
                              select->getColumn(8).getInt()};
    }
  }
  if (Status planned = record->PlanDueDates(**calendar); !planned.ok()) return planned;

  Instant now = options_.clock->Now();
  bool ended = IsEndPhase(row.summary.phase);  // nothing falls due in a review that has ended
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
    if (auto closure = closures.find(definition.key); closure != closures.end()) {
      view.closed_at = closure->second.closed_at;
      view.closed_by = closure->second.closed_by;
      view.note = closure->second.note;
      view.evidence = closure->second.evidence;
      view.late_by_working_days = closure->second.late_by_working_days;
    }
    views->push_back(std::move(view));
  }
  return AddActionDeadlines(id, *workflow, ended, now, **calendar, views);
}

// Each improvement action's own deadline, shown among the checkpoints as "action/ID" (QM18): chased by the
// workflow's action chain, done once the action is completed or evidenced, closed without being done
// (waived) when dropped or not achieved; an open one holds back close.
Status ReviewQueriesImpl::AddActionDeadlines(ReviewId id, const WorkflowDefinition& workflow, bool ended, Instant now,
                                             const WorkingCalendar& calendar, std::vector<CheckpointView>* views) {
  Database::Statement actions = database_->Prepare(
      "SELECT id, title, due, status, status_reason, updated_at FROM improvement_actions WHERE review_id = ? ORDER BY id");
  actions->bind(1, id);
  const CheckpointDefinition& chain = workflow.action_chain;
  Date today = calendar.LocalDate(now);
  while (actions->executeStep()) {
    std::string status = actions->getColumn(3).getString();
    bool done = status == "completed" || status == "evidenced";
    bool waived = status == "dropped" || status == "not_achieved";
    CheckpointView view;
    view.key = "action/" + std::to_string(actions->getColumn(0).getInt64());
    view.title = "Improvement action: " + actions->getColumn(1).getString();
    view.marker = chain.marker;
    view.phase = Phase::kImplementation;
    view.owner_role = chain.owner_role;
    view.due_rule = "the date agreed for the action";
    view.due = ParseStoredDate(actions->getColumn(2).getString());
    view.blocks = {LifecycleEvent::kClose};
    view.status = StatusAt(chain, done, waived, ended ? std::nullopt : view.due, now, calendar);
    if (!done && !waived && !ended) {
      Result<int> left = *view.due >= today ? calendar.WorkingDaysBetween(today, *view.due)
                                            : calendar.WorkingDaysBetween(*view.due, today);
      if (left.ok()) view.working_days_left = *view.due >= today ? *left : -*left;
    }
    if (done || waived) {
      view.closed_at = actions->getColumn(5).getString();
      view.closed_by = "";
      view.note = status + (waived ? ": " + actions->getColumn(4).getString() : "");
    }
    views->push_back(std::move(view));
  }
  return Status::Ok();
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

const char* const kReviewColumns =
    "id, board_id, workflow, title, phase, referral_date, incident_date, rationale, statutory_criteria_met, "
    "child_died, family_lived_elsewhere, late_referral_reason, first_events, created_at, "
    "(SELECT COUNT(*) FROM parallel_processes WHERE review_id = reviews.id AND status = 'active'), "
    "(SELECT COUNT(*) FROM parallel_processes WHERE review_id = reviews.id AND status = 'active' AND holds = 'publication'), "
    "conditions, review_references, paused_since, paused_on, pause_reason, working_days_paused, report_reopened_on, "
    "decision_outcome, publication, summary_published";

ReviewRow ReadReviewRow(SQLite::Statement& select, std::string* created_at) {
  ReviewRow row;
  row.summary.id = select.getColumn(0).getInt64();
  row.summary.board_id = select.getColumn(1).getInt64();
  row.summary.workflow = select.getColumn(2).getString();
  row.summary.title = select.getColumn(3).getString();
  row.summary.phase = PhaseFromName(select.getColumn(4).getString()).value_or(Phase::kDecisionPending);
  row.referral.workflow = row.summary.workflow;
  row.referral.title = row.summary.title;
  row.referral.referral_date = ParseStoredDate(select.getColumn(5).getString());
  row.summary.referral_date = row.referral.referral_date;
  row.referral.incident_date = ParseStoredDate(select.getColumn(6).getString());
  row.referral.rationale = select.getColumn(7).getString();
  row.referral.late_referral_reason = select.getColumn(11).getString();
  row.first_events = select.getColumn(12).getString();
  if (created_at) *created_at = select.getColumn(13).getString();
  row.summary.active_processes = select.getColumn(14).getInt();
  row.summary.publication_holds = select.getColumn(15).getInt();
  row.referral.conditions = DecodeConditions(select.getColumn(16).getString());
  row.summary.references = DecodeReferences(select.getColumn(17).getString());
  if (!select.getColumn(18).isNull()) row.summary.paused = PauseView{select.getColumn(18).getString(), select.getColumn(20).getString()};
  if (Result<Date> on = Date::Parse(select.getColumn(19).getString()); on.ok()) row.paused_on = *on;
  row.working_days_paused = select.getColumn(21).getInt();
  if (Result<Date> on = Date::Parse(select.getColumn(22).getString()); on.ok()) row.report_reopened_on = *on;
  row.decision_outcome = select.getColumn(23).getString();
  if (!select.getColumn(24).isNull()) {
    PublicationDecision decision;
    decision.published = select.getColumn(24).getString() == "published";
    if (!select.getColumn(25).isNull()) decision.summary_published = select.getColumn(25).getInt() != 0;
    row.publication = decision;
  }
  return row;
}

Result<ReviewVersion> ReviewQueriesImpl::VersionOf(BoardId board, ReviewId id) {
  return ReadVersion(board, id, nullptr);
}

Result<ReviewVersion> ReviewQueriesImpl::ReadVersion(BoardId board, ReviewId id, std::string* last_change_at) {
  try {
    Database::Statement select = database_->Prepare(
        "SELECT e.seq, e.hash, e.at FROM reviews r LEFT JOIN review_events e ON e.review_id = r.id "
        "WHERE r.id = ?1 AND r.board_id = ?2 ORDER BY e.seq DESC LIMIT 1");
    select->bind(1, id);
    select->bind(2, board);
    if (!select->executeStep()) return Status::NotFound("no review " + std::to_string(id));
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    ReviewVersion version;
    version.last_seq = select->getColumn(0).getInt64();
    version.last_hash = select->getColumn(1).getString();
    version.today = (*calendar)->LocalDate(options_.clock->Now());
    if (last_change_at) *last_change_at = select->getColumn(2).getString();
    return version;
  } catch (const std::exception& e) {
    return StorageError(e, "reading the version of review " + std::to_string(id));
  }
}

Result<ReviewView> ReviewQueriesImpl::GetReview(BoardId board, ReviewId id) {
  try {
    static const std::string kSql = std::string("SELECT ") + kReviewColumns + " FROM reviews WHERE id = ? AND board_id = ?";
    ReadSnapshot snapshot(*database_);  // the version and everything shown, from one state of the review
    ReviewView view;
    Result<ReviewVersion> version = ReadVersion(board, id, &view.updated_at);  // updated: its last change
    if (!version.ok()) return version.status();
    view.version = *version;
    ReviewRow row;
    {
      Database::Statement select = database_->PrepareBuilt(kSql);
      select->bind(1, id);
      select->bind(2, board);
      if (!select->executeStep()) return Status::NotFound("no review " + std::to_string(id));
      row = ReadReviewRow(*select, &view.created_at);
    }
    view.summary = row.summary;
    view.referral = row.referral;
    OpenReview record;
    if (Status read = ReadCheckpoints(id, row, &record, &view.checkpoints); !read.ok()) return read;
    if (Status summarised = Summarise(record, view.checkpoints, &view.summary); !summarised.ok()) return summarised;

    Database::Statement processes = database_->Prepare(
        "SELECT id, kind, status, holds, owner, notes, created_at, updated_at FROM parallel_processes "
        "WHERE review_id = ? ORDER BY id");
    processes->bind(1, id);
    while (processes->executeStep()) {
      ParallelProcess process;
      process.id = processes->getColumn(0).getInt64();
      process.review_id = id;
      process.kind = processes->getColumn(1).getString();
      process.status = processes->getColumn(2).getString();
      process.holds = processes->getColumn(3).getString();
      process.holds_publication = process.holds == HoldName(Hold::kPublication);
      process.owner = processes->getColumn(4).getString();
      process.notes = processes->getColumn(5).getString();
      process.created_at = processes->getColumn(6).getString();
      process.updated_at = processes->getColumn(7).getString();
      std::optional<Hold> hold = HoldFromName(process.holds);
      if (process.status == "active" && hold) record.holds.push_back(ProcessHold{process.id, process.kind, *hold});
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
    AddLateCompletions(record, view.checkpoints, &view.delays);
    Database::Statement items = database_->Prepare(
        "SELECT id, 1 FROM improvement_actions WHERE review_id = ?1 AND (status = 'not_started' OR status = 'in_progress') "
        "UNION ALL SELECT id, 2 FROM follow_ups WHERE review_id = ?1 AND status = 'pending'");
    items->bind(1, id);
    while (items->executeStep()) {
      ItemKind kind = items->getColumn(1).getInt() == 1 ? ItemKind::kAction : ItemKind::kFollowUp;
      record.items.push_back(DatedItem{items->getColumn(0).getInt64(), kind, 0, kNoDate});
    }
    // The same judgement the engine makes, on the same record.
    view.next_events = record.NextEvents(view.version.today);
    for (const NextEvent& next : view.next_events) {
      if (next.blocked_by.empty()) view.allowed_events.push_back(next.event);
    }
    view.decision_outcome = row.decision_outcome;
    view.publication = row.publication;
    return view;
  } catch (const std::exception& e) {
    return StorageError(e, "reading review " + std::to_string(id));
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
