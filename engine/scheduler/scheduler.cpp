// The scheduler's queue: every open review with an alert to come, by the moment of its next alert, one
// entry per review and plan (a generation); entries of older generations are stale and skipped.
#include "scheduler/scheduler.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace scr {

Scheduler::Scheduler(SchedulerStore& store, ScheduledReviews& reviews, const Clock& clock,
                     std::optional<std::chrono::minutes> digest_time)
    : store_(store), reviews_(reviews), clock_(clock), digest_time_(digest_time), opened_at_(clock.Now()) {}

void Scheduler::Schedule(ReviewId id, OpenReview& review) {
  bool was_scheduled = review.alert_generation % 2 == 1;  // odd generations have an entry to come
  Result<const WorkingCalendar*> calendar = reviews_.CalendarFor(review.board_id);
  std::optional<PlannedAlert> next;
  if (calendar.ok()) {
    Result<std::optional<PlannedAlert>> found = NextAlert(id, review, **calendar);
    if (found.ok()) next = *found;
    else spdlog::warn("review {}: its next alert could not be planned: {}", id, found.status().message());
  }
  review.alert_generation += was_scheduled ? (next ? 2 : 1) : (next ? 1 : 2);
  if (next) schedule_.push(ScheduledReview{*next, review.alert_generation});
  if (next && !was_scheduled) ++scheduled_reviews_;
  if (!next && was_scheduled) --scheduled_reviews_;
}

void Scheduler::Ended(const OpenReview& last) {
  if (last.alert_generation % 2 == 1) --scheduled_reviews_;
}

std::optional<Instant> Scheduler::NextAlertAt() {
  std::optional<Instant> next = NextReviewAlertAt();
  auto digest = NextDigest();
  if (digest != digests_.end() && (!next || digest->second.next_at < *next)) next = digest->second.next_at;
  return next;
}

std::optional<Instant> Scheduler::NextReviewAlertAt() {
  while (!schedule_.empty()) {
    const ScheduledReview& top = schedule_.top();
    const OpenReview* review = reviews_.Find(top.next.review);
    if (review && review->alert_generation == top.generation) return top.next.fire_at;
    schedule_.pop();  // stale: the review changed, or ended, since this entry was made
  }
  return std::nullopt;
}

size_t Scheduler::CountPlannedAlerts() {
  size_t planned = 0;
  reviews_.ForEachOpenReview([&](ReviewId id, const OpenReview& review) {
    Result<const WorkingCalendar*> calendar = reviews_.CalendarFor(review.board_id);
    if (!calendar.ok() || !IsChased(review)) return;
    for (const CheckpointSlot& slot : review.checkpoints) {
      if (slot.state != CheckpointState::kOpen || !slot.has_due() || !IsChased(review) || review.IsHeld(slot)) continue;
      PlannedAlert planned_alerts[kMaxAlertsPerCheckpoint];
      Result<size_t> count =
          CheckpointAlerts(id, slot, review.workflow->checkpoints[slot.definition], **calendar, planned_alerts);
      if (count.ok() && *count > slot.fired_steps) planned += *count - slot.fired_steps;
    }
    for (const DatedItem& item : review.items) {
      PlannedAlert planned_alerts[kMaxAlertsPerCheckpoint];
      Result<size_t> count = ItemAlerts(id, item, *review.workflow, **calendar, planned_alerts);
      if (count.ok() && *count > item.fired_steps) planned += *count - item.fired_steps;
    }
  });
  return planned;
}

Status Scheduler::LoadFiredAlerts() {
  try {
    for (const FiredAlertSteps& fired : store_.ReadFiredAlertSteps()) {
      OpenReview* review = reviews_.Find(fired.review);
      if (!review) continue;
      Result<Date> due = Date::Parse(fired.due);
      if (!due.ok()) continue;
      auto steps = static_cast<uint8_t>(fired.last_step + 1);
      if (CheckpointSlot* slot = review->FindSlot(fired.subject)) {
        if (slot->has_due() && slot->due() == *due) slot->fired_steps = steps;
      }
      for (DatedItem& item : review->items) {
        if (item.due_days == due->days_since_epoch() && item.Subject() == fired.subject) item.fired_steps = steps;
      }
    }
    for (const auto& [id, kind] : store_.ReadTimescaleAlertsTold()) {
      OpenReview* review = reviews_.Find(id);
      if (!review) continue;
      if (kind == AlertKindName(AlertKind::kTimescaleMissed)) {
        review->timescale_missed_told = 1;
      } else {
        review->timescale_at_risk_told = 1;
      }
    }
  } catch (const std::exception& e) {
    return StorageError(e, "reading which alerts have fired");
  }
  return Status::Ok();
}

}  // namespace scr
