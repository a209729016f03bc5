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
    std::unique_ptr<ReadScope> snapshot = store_->BeginRead();  // every item from one state of the board
    Status failed;
    store_->reviews().VisitReviews(ReviewSelection{board, 0, std::nullopt, true}, [&](StoredReview& review) {
      failed = AddReviewWork(review, filter, **calendar, *horizon, &list.items);
      return failed.ok();
    });
    if (!failed.ok()) return failed;
    if (Status added = AddDatedWork(board, filter, **calendar, *horizon, &list.items); !added.ok()) return added;
    std::sort(list.items.begin(), list.items.end(), MoreUrgent);
    return list;
  } catch (const std::exception& e) {
    return StorageError(e, "reading the work list");
  }
}

// The review's open checkpoints (a review not proceeding keeps its own chased) and the decision its phase
// waits for. Improvement actions come with their agency from AddDatedWork.
Status ReviewQueriesImpl::AddReviewWork(StoredReview& review, const WorkFilter& filter, const WorkingCalendar& calendar,
                                        Date horizon, std::vector<WorkItem>* items) {
  if (filter.agency_scope) return Status::Ok();  // an agency user's work is its agency's requests and actions
  const ReviewSummary& summary = review.summary;
  const OpenReview& record = review.record;
  std::vector<CheckpointView> views;
  if (Status read = ReadCheckpoints(review, &views); !read.ok()) return read;
  Instant now = options_.clock->Now();
  Date today = calendar.LocalDate(now);
  size_t first_item = items->size();
  auto item_for = [&](WorkKind kind, const std::string& key, const std::string& title, Date due, CheckpointStatus status,
                      Role owner) {
    return WorkItem{summary.id, summary.title, kind, key, title, due, WorkingDaysLeft(today, due, calendar),
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
    if (decision.phase != summary.phase || !Wanted(filter, Role::kChair, "")) continue;
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
      for (const ProcessHold& hold : record.holds) {
        if (hold.holds != Hold::kPublication) continue;
        item.blocked_by.push_back(WorkBlocker{"hold", "", "", hold.process, hold.kind, "publication", "", ""});
      }
    }
    items->push_back(std::move(item));
  }
  if (const std::optional<PauseView>& paused = summary.paused) {
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
  for (const DatedWorkRow& row : store_->work_list().ReadDatedWork(board, horizon, filter.agency_scope)) {
    Role owner = Role::kAgency;
    if (row.kind == DatedWorkRow::Kind::kFollowUp) {
      const WorkflowDefinition* workflow = options_.workflows->Find(row.workflow);
      owner = workflow ? workflow->follow_up_chain.owner_role : Role::kBusinessUnit;
    }
    if (!Wanted(filter, owner, row.agency)) continue;
    WorkItem item;
    item.review = row.review;
    item.review_title = row.review_title;
    item.kind = row.kind == DatedWorkRow::Kind::kInformationRequest ? WorkKind::kInformationRequest
                : row.kind == DatedWorkRow::Kind::kAction          ? WorkKind::kAction
                                                                    : WorkKind::kFollowUp;
    item.key = std::string(WorkKindName(item.kind)) + "/" + std::to_string(row.id);
    item.title = row.title;
    item.due = row.due;
    item.working_days_left = WorkingDaysLeft(today, row.due, calendar);
    item.status = now >= calendar.EndOfDay(row.due) ? "overdue" : row.status;
    item.owner_role = owner;
    item.owner_agency = row.agency;
    if (row.paused) item.blocked_by.push_back(PauseBlocker(row.paused->since, row.paused->reason));
    items->push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace scr
