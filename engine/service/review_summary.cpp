// The deadlines a review's line in the list tells: what is next, what was missed and by how much, and
// the overall timescale; the review as shown carries the same.
#include <algorithm>

#include "service/review_queries_impl.h"

namespace scr {
namespace {

DueStep StepOf(const CheckpointView& checkpoint) {
  DueStep step;
  step.key = checkpoint.key;
  step.title = checkpoint.title;
  step.due = *checkpoint.due;
  step.owner_role = checkpoint.owner_role;
  return step;
}

}  // namespace

Status ReviewQueriesImpl::Summarise(const OpenReview& record, const std::vector<CheckpointView>& views,
                                    ReviewSummary* summary) {
  summary->next_due.reset();
  summary->next_checkpoint.reset();
  summary->missed.clear();
  summary->overdue_count = 0;
  summary->timescale.reset();
  Result<const WorkingCalendar*> calendar = CalendarFor(summary->board_id);
  if (!calendar.ok()) return calendar.status();
  Date today = (*calendar)->LocalDate(options_.clock->Now());
  if (record.workflow && record.workflow->timescale) {
    Result<Timescale> timescale = ComputeTimescale(
        *record.workflow->timescale, record.TimescaleFactsOn(today, WorkingDaysPausedSoFar(record, today, **calendar)),
        **calendar);
    if (timescale.ok()) summary->timescale = *timescale;
  }
  if (IsEndPhase(summary->phase)) return Status::Ok();
  for (const CheckpointView& checkpoint : views) {
    bool open = checkpoint.status != CheckpointStatus::kDone && checkpoint.status != CheckpointStatus::kWaived;
    if (!open || !checkpoint.due) continue;
    if (checkpoint.status == CheckpointStatus::kOverdue) {
      ++summary->overdue_count;
      DueStep missed = StepOf(checkpoint);
      Result<int> late = WorkingDaysLate(missed.due, today, **calendar);
      missed.working_days_late = late.ok() ? *late : 0;
      summary->missed.push_back(std::move(missed));
    } else if (!summary->next_due || *checkpoint.due < *summary->next_due) {
      summary->next_due = checkpoint.due;
      summary->next_checkpoint = StepOf(checkpoint);
    }
  }
  std::stable_sort(summary->missed.begin(), summary->missed.end(),
                   [](const DueStep& a, const DueStep& b) { return a.due < b.due; });
  return Status::Ok();
}

}  // namespace scr
