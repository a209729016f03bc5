// The work list (GET /work): every open checkpoint, information request, improvement action, follow-up
// check and decision of the board that is overdue or due within a number of working days, whose owner is
// the role asked for, the most urgent first. Statuses are judged as the review shows them (StatusAt).
#include <algorithm>
#include <tuple>

#include "service/review_queries_impl.h"

namespace scr {
namespace {

// The decision a phase waits for, taken by the chair (the business unit may record it for the chair): it
// is due when the last of the steps that hold it back is due, and those steps still open block it.
struct PhaseDecision {
  Phase phase;
  LifecycleEvent event;
  const char* title;
};
constexpr PhaseDecision kDecisions[] = {
    {Phase::kDecisionPending, LifecycleEvent::kDecideToReview, "Decide whether to hold a review"},
    {Phase::kReportQa, LifecycleEvent::kSignOffReport, "Sign off the report"},
    {Phase::kBoardResponse, LifecycleEvent::kAgreeResponse, "Agree the board's written response"},
    {Phase::kPublicationPending, LifecycleEvent::kPublish, "Publish the report"},
};

int WorkingDaysLeft(Date today, Date due, const WorkingCalendar& calendar) {
  Result<int> days = due >= today ? calendar.WorkingDaysBetween(today, due) : calendar.WorkingDaysBetween(due, today);
  if (!days.ok()) return due - today;
  return due >= today ? *days : -*days;
}

bool Blocks(const CheckpointView& checkpoint, LifecycleEvent event) {
  return std::find(checkpoint.blocks.begin(), checkpoint.blocks.end(), event) != checkpoint.blocks.end();
}

bool IsOpen(const CheckpointView& checkpoint) {
  return checkpoint.status != CheckpointStatus::kDone && checkpoint.status != CheckpointStatus::kWaived;
}

WorkBlocker StepBlocker(const CheckpointView& step) { return WorkBlocker{"checkpoint", step.key, step.title, 0, "", "", "", ""}; }

// Everything of a paused review waits for it to resume.
WorkBlocker PauseBlocker(const std::string& since, const std::string& reason) {
  return WorkBlocker{"paused", "", "", 0, "", "", since, reason};
}

// Whether the caller asked for this owner's work.
bool Wanted(const WorkFilter& filter, Role owner, const std::string& agency) {
  if (filter.role && *filter.role != owner) return false;
  return !filter.agency_scope || (!agency.empty() && agency == *filter.agency_scope);
}

// Most urgent first: overdue before the rest, then the oldest due date; ties in review and key order.
bool MoreUrgent(const WorkItem& a, const WorkItem& b) {
  bool a_late = a.status == "overdue", b_late = b.status == "overdue";
  return std::make_tuple(!a_late, a.due, a.review, a.key) < std::make_tuple(!b_late, b.due, b.review, b.key);
}

}  // namespace

const char* WorkKindName(WorkKind kind) {
  switch (kind) {
    case WorkKind::kCheckpoint: return "checkpoint";
    case WorkKind::kInformationRequest: return "information_request";
    case WorkKind::kAction: return "action";
    case WorkKind::kFollowUp: return "follow_up";
    case WorkKind::kDecision: return "decision";
  }
  return "checkpoint";
}

Result<WorkList> ReviewQueriesImpl::Work(BoardId board, const WorkFilter& filter) {
  try {
    Result<const WorkingCalendar*> calendar = CalendarFor(board);
    if (!calendar.ok()) return calendar.status();
    WorkList list;
    list.today = (*calendar)->LocalDate(options_.clock->Now());
    Result<Date> horizon = (*calendar)->AddWorkingDays(list.today, filter.within_working_days);
    if (!horizon.ok()) return horizon.status();
    ReadSnapshot snapshot(*database_);  // every item from one state of the board
    static const std::string kSql =
        std::string("SELECT ") + kReviewColumns + " FROM reviews WHERE board_id = ? AND phase <> 'closed' ORDER BY id";
    Database::Statement select = database_->PrepareBuilt(kSql);
    select->bind(1, board);
    while (select->executeStep()) {
      ReviewRow row = ReadReviewRow(*select, nullptr);
      if (Status added = AddReviewWork(row, filter, **calendar, *horizon, &list.items); !added.ok()) return added;
    }
    if (Status added = AddDatedWork(board, filter, **calendar, *horizon, &list.items); !added.ok()) return added;
    std::sort(list.items.begin(), list.items.end(), MoreUrgent);
    return list;
  } catch (const std::exception& e) {
    return StorageError(e, "reading the work list");
  }
}

// The review's open checkpoints (a review not proceeding keeps its own chased) and the decision its phase
// waits for. Improvement actions come with their agency from AddDatedWork.
Status ReviewQueriesImpl::AddReviewWork(const ReviewRow& row, const WorkFilter& filter, const WorkingCalendar& calendar,
                                        Date horizon, std::vector<WorkItem>* items) {
  if (filter.agency_scope) return Status::Ok();  // an agency user's work is its agency's requests and actions
  OpenReview record;
  std::vector<CheckpointView> views;
  if (Status read = ReadCheckpoints(row.summary.id, row, &record, &views); !read.ok()) return read;
  Instant now = options_.clock->Now();
  Date today = calendar.LocalDate(now);
  size_t first_item = items->size();
  auto item_for = [&](WorkKind kind, const std::string& key, const std::string& title, Date due, CheckpointStatus status,
                      Role owner) {
    return WorkItem{row.summary.id, row.summary.title, kind, key, title, due, WorkingDaysLeft(today, due, calendar),
                    CheckpointStatusName(status), owner, "", {}};
  };
  for (const CheckpointView& view : views) {
    // Overdue work is due before today, so before the horizon too.
    if (view.key.rfind("action/", 0) == 0 || !IsOpen(view) || !view.due || *view.due > horizon) continue;
    const CheckpointDefinition* definition = record.workflow->FindCheckpoint(view.key);
    if (!definition || !Wanted(filter, view.owner_role, "")) continue;
    CheckpointStatus status = StatusAt(*definition, false, false, view.due, now, calendar);
    // Nothing holds a checkpoint back once it has a due date: one counted from another step has none
    // until that step is done (and cannot be extended before), so it is not on the list yet.
    items->push_back(item_for(WorkKind::kCheckpoint, view.key, view.title, *view.due, status, view.owner_role));
  }
  for (const PhaseDecision& decision : kDecisions) {
    if (decision.phase != row.summary.phase || !Wanted(filter, Role::kChair, "")) continue;
    const CheckpointView* last = nullptr;  // the step holding the decision that is due last
    for (const CheckpointView& view : views) {
      if (Blocks(view, decision.event) && view.due && (!last || *view.due > *last->due)) last = &view;
    }
    if (!last) continue;
    const CheckpointDefinition* definition = record.workflow->FindCheckpoint(last->key);
    if (!definition || *last->due > horizon) continue;
    CheckpointStatus status = StatusAt(*definition, false, false, last->due, now, calendar);
    WorkItem item = item_for(WorkKind::kDecision, EventName(decision.event), decision.title, *last->due, status, Role::kChair);
    for (const CheckpointView& view : views) {
      if (Blocks(view, decision.event) && IsOpen(view)) item.blocked_by.push_back(StepBlocker(view));
    }
    if (decision.event == LifecycleEvent::kPublish) {
      Database::Statement holds = database_->Prepare(
          "SELECT id, kind FROM parallel_processes WHERE review_id = ? AND status = 'active' AND holds = 'publication' ORDER BY id");
      holds->bind(1, row.summary.id);
      while (holds->executeStep()) {
        item.blocked_by.push_back(
            WorkBlocker{"hold", "", "", holds->getColumn(0).getInt64(), holds->getColumn(1).getString(), "publication", "", ""});
      }
    }
    items->push_back(std::move(item));
  }
  if (const std::optional<PauseView>& paused = row.summary.paused) {
    for (size_t i = first_item; i < items->size(); ++i) (*items)[i].blocked_by.push_back(PauseBlocker(paused->since, paused->reason));
  }
  return Status::Ok();
}

// The open information requests, improvement actions and pending follow-up checks of the board's running
// reviews (not closed, not proceeding) due by `horizon`; each request and action is its agency's work.
Status ReviewQueriesImpl::AddDatedWork(BoardId board, const WorkFilter& filter, const WorkingCalendar& calendar,
                                       Date horizon, std::vector<WorkItem>* items) {
  Instant now = options_.clock->Now();
  Date today = calendar.LocalDate(now);
  // Columns: kind (1 request, 2 action, 3 follow-up), id, review, review title, workflow, agency, title, due,
  // status, and the review's pause (since, reason).
  Database::Statement select = database_->Prepare(
      "SELECT 1, q.id, r.id, r.title, r.workflow, q.agency, q.request, q.due, q.status, r.paused_since, r.pause_reason "
      "FROM information_requests q "
      "JOIN reviews r ON r.id = q.review_id WHERE r.board_id = ?1 AND q.status = 'open' AND q.due <= ?2 "
      "AND r.phase NOT IN ('closed', 'not_proceeding') AND (?3 IS NULL OR q.agency = ?3) "
      "UNION ALL SELECT 2, a.id, r.id, r.title, r.workflow, a.owner_agency, a.title, a.due, a.status, r.paused_since, "
      "r.pause_reason "
      "FROM improvement_actions a JOIN reviews r ON r.id = a.review_id WHERE r.board_id = ?1 "
      "AND a.status IN ('not_started', 'in_progress') AND a.due <= ?2 AND r.phase NOT IN ('closed', 'not_proceeding') "
      "AND (?3 IS NULL OR a.owner_agency = ?3) "
      "UNION ALL SELECT 3, f.id, r.id, r.title, r.workflow, a.owner_agency, "
      "'Follow-up check ' || f.after_completion || ' after completion: ' || a.title, f.due, f.status, r.paused_since, "
      "r.pause_reason "
      "FROM follow_ups f JOIN improvement_actions a ON a.id = f.action_id JOIN reviews r ON r.id = f.review_id "
      "WHERE r.board_id = ?1 AND f.status = 'pending' AND f.due <= ?2 AND r.phase NOT IN ('closed', 'not_proceeding') "
      "AND ?3 IS NULL");
  select->bind(1, board);
  select->bind(2, horizon.ToString());
  if (filter.agency_scope) select->bind(3, *filter.agency_scope);
  while (select->executeStep()) {
    int kind = select->getColumn(0).getInt();
    int64_t id = select->getColumn(1).getInt64();
    std::string agency = select->getColumn(5).getString();
    Role owner = Role::kAgency;
    if (kind == 3) {
      const WorkflowDefinition* workflow = options_.workflows->Find(select->getColumn(4).getString());
      owner = workflow ? workflow->follow_up_chain.owner_role : Role::kBusinessUnit;
    }
    if (!Wanted(filter, owner, agency)) continue;
    Date due = ParseStoredDate(select->getColumn(7).getString());
    WorkItem item;
    item.review = select->getColumn(2).getInt64();
    item.review_title = select->getColumn(3).getString();
    item.kind = kind == 1 ? WorkKind::kInformationRequest : kind == 2 ? WorkKind::kAction : WorkKind::kFollowUp;
    item.key = std::string(WorkKindName(item.kind)) + "/" + std::to_string(id);
    item.title = select->getColumn(6).getString();
    item.due = due;
    item.working_days_left = WorkingDaysLeft(today, due, calendar);
    item.status = now >= calendar.EndOfDay(due) ? "overdue" : select->getColumn(8).getString();
    item.owner_role = owner;
    item.owner_agency = agency;
    if (!select->getColumn(9).isNull()) {
      item.blocked_by.push_back(PauseBlocker(select->getColumn(9).getString(), select->getColumn(10).getString()));
    }
    items->push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace scr
