// The scheduler inside the review service: one queue of open reviews by the moment of their next alert;
// firing stores each alert once (its idempotency key), in order, in batches per transaction.
#include <spdlog/spdlog.h>

#include <stdexcept>

#include "service/review_service_impl.h"

namespace scr {

void ReviewServiceImpl::Schedule(ReviewId id, OpenReview& review) {
  bool was_scheduled = review.alert_generation % 2 == 1;  // odd generations have an entry to come
  Result<const WorkingCalendar*> calendar = CalendarFor(review.board_id);
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

std::optional<Instant> ReviewServiceImpl::NextAlertAt() {
  std::optional<Instant> next = NextReviewAlertAt();
  auto digest = NextDigest();
  if (digest != digests_.end() && (!next || digest->second.next_at < *next)) next = digest->second.next_at;
  return next;
}

std::optional<Instant> ReviewServiceImpl::NextReviewAlertAt() {
  while (!schedule_.empty()) {
    const ScheduledReview& top = schedule_.top();
    auto review = open_.find(top.next.review);
    if (review != open_.end() && review->second.alert_generation == top.generation) return top.next.fire_at;
    schedule_.pop();  // stale: the review changed, or ended, since this entry was made
  }
  return std::nullopt;
}

size_t ReviewServiceImpl::CountPlannedAlerts() {
  size_t planned = 0;
  for (const auto& [id, review] : open_) {
    Result<const WorkingCalendar*> calendar = CalendarFor(review.board_id);
    if (!calendar.ok() || !IsChased(review)) continue;
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
  }
  return planned;
}

uint8_t* ReviewServiceImpl::FiredSteps(OpenReview& review, const PlannedAlert& alert) {
  if (alert.timescale) {
    return alert.kind == AlertKind::kTimescaleMissed ? &review.timescale_missed_told : &review.timescale_at_risk_told;
  }
  if (alert.item != 0) {
    for (DatedItem& item : review.items) {
      if (item.id == alert.item && item.kind == alert.item_kind) return &item.fired_steps;
    }
  }
  for (CheckpointSlot& slot : review.checkpoints) {
    if (slot.definition == alert.checkpoint) return &slot.fired_steps;
  }
  throw std::logic_error("review " + std::to_string(alert.review) + " has no " + alert.Subject(*review.workflow));
}

Result<size_t> ReviewServiceImpl::FireDueAlerts(size_t batch, size_t max_transactions) {
  Instant now = options_.clock->Now();
  size_t stored = 0;
  auto due = [&] {
    std::optional<Instant> next = NextAlertAt();
    return next && *next <= now;
  };
  for (size_t transactions = 0; transactions < max_transactions && due(); ++transactions) {
    // Fired steps are counted on the records as alerts are stored; undone if the transaction fails.
    std::vector<std::pair<ReviewId, uint8_t*>> counted;  // the fired_steps counted up
    std::map<BoardId, BoardDigests> digests_before = digests_;
    try {
      WriteTransaction transaction(*database_);
      alert_rows_.clear();
      int64_t alerts_before = LastAlertId();
      for (size_t fired = 0; fired < batch;) {
        std::optional<Instant> at = NextReviewAlertAt();
        auto digest = NextDigest();  // after the alerts of the same moment, so that it tells of them
        if (digest != digests_.end() && digest->second.next_at <= now && (!at || digest->second.next_at < *at)) {
          FlushAlerts();  // the digest tells of the alerts before it
          FireDigest(digest->first, now);
          continue;
        }
        if (!at || *at > now) break;
        // Current (NextAlertAt skipped stale entries): the review has not changed since it was planned.
        PlannedAlert alert = schedule_.top().next;
        schedule_.pop();
        OpenReview& review = open_.at(alert.review);
        --scheduled_reviews_;
        ++review.alert_generation;  // now even: nothing scheduled until Schedule() below
        uint8_t* fired_steps = FiredSteps(review, alert);
        ++*fired_steps;
        counted.emplace_back(alert.review, fired_steps);
        // What fell due before the service started is caught up, late; a reminder whose due day has
        // meanwhile ended would arrive stale, so the overdue alert replaces it. On a simulated clock,
        // alerts passed by moving the clock fire as if time had passed: at their own moment.
        const WorkingCalendar& calendar = *CalendarFor(review.board_id).value();
        bool caught_up = catching_up_ && alert.fire_at < opened_at_;
        bool stale = caught_up && alert.kind == AlertKind::kReminder && calendar.EndOfDay(alert.due) <= now;
        Instant fired_at = caught_up ? now : options_.clock->HappenedAt(alert.fire_at, now);
        if (stale) ++stale_reminders_;
        else StoreAlert(alert, review.board_id, *review.workflow, fired_at, /*hold=*/caught_up);
        release_held_ = release_held_ || (caught_up && !stale);
        ++fired;
        Schedule(alert.review, review);
      }
      QueueNewAlerts(alerts_before);
      stored += static_cast<size_t>(LastAlertId() - alerts_before);
      transaction.Commit();
    } catch (const std::exception& e) {
      for (auto it = counted.rbegin(); it != counted.rend(); ++it) {
        --*it->second;
        Schedule(it->first, open_.at(it->first));
      }
      digests_ = std::move(digests_before);
      alert_rows_.clear();
      return StorageError(e, "storing alerts");
    }
  }
  if (!due()) {
    catching_up_ = false;
    if (release_held_) {  // the catch-up is over: tell what it held
      if (stale_reminders_ > 0) {
        spdlog::info("{} reminders that fell due while the service was stopped were not sent: their due day had "
                     "ended, so their overdue alerts went instead", stale_reminders_);
        stale_reminders_ = 0;
      }
      if (Status released = ReleaseHeldAlerts(now); !released.ok()) return released;
    }
  }
  return stored;
}

void ReviewServiceImpl::TellTimescaleAtRisk(ReviewId id, OpenReview& review, Instant now) {
  if (!review.workflow->timescale || review.timescale_at_risk_told > 0 || review.timescale_missed_told > 0) return;
  Result<const WorkingCalendar*> calendar = CalendarFor(review.board_id);
  if (!calendar.ok()) return;
  Result<Timescale> timescale =
      ComputeTimescale(*review.workflow->timescale, review.TimescaleFactsOn((*calendar)->LocalDate(now)), **calendar);
  if (!timescale.ok() || timescale->status != TimescaleStatus::kAtRisk) return;
  PlannedAlert alert;
  alert.fire_at = now;
  alert.review = id;
  alert.timescale = true;
  alert.kind = AlertKind::kTimescaleAtRisk;
  alert.recipient = Role::kChair;
  alert.due = *timescale->due;
  int64_t alerts_before = LastAlertId();
  StoreAlert(alert, review.board_id, *review.workflow, now);
  QueueNewAlerts(alerts_before);
  review.timescale_at_risk_told = 1;
  spdlog::info("review {}: its timescale (due {}) is at risk; the chair is told", id, alert.due.ToString());
}

void ReviewServiceImpl::StoreAlert(const PlannedAlert& alert, BoardId board, const WorkflowDefinition& workflow,
                                   Instant now, bool hold) {
  AlertRow row;
  row.board = board;
  row.review = alert.review;
  row.subject = alert.Subject(workflow);
  row.kind = AlertKindName(alert.kind);
  row.level = alert.level;
  row.step = alert.step;
  row.recipient = RoleName(alert.recipient);
  row.due = alert.due.ToString();
  row.scheduled_for = FormatInstant(alert.fire_at);
  row.fired_at = FormatInstant(now);
  row.late_by_s = std::chrono::duration_cast<std::chrono::seconds>(now - alert.fire_at).count();
  row.hold = hold;
  alert_rows_.push_back(std::move(row));
}

void ReviewServiceImpl::FlushAlerts() {
  InsertAlerts(*database_, alert_rows_);
  alert_rows_.clear();
}

void ReviewServiceImpl::QueueNewAlerts(int64_t alerts_after) {
  FlushAlerts();
  QueueAlertsAfter(*database_, alerts_after);
}

int64_t ReviewServiceImpl::LastAlertId() { return scr::LastAlertId(*database_); }

Status ReviewServiceImpl::LoadFiredAlerts() {
  try {
    for (const FiredAlertSteps& fired : ReadFiredAlertSteps(*database_)) {
      auto review = open_.find(fired.review);
      if (review == open_.end()) continue;
      Result<Date> due = Date::Parse(fired.due);
      if (!due.ok()) continue;
      auto steps = static_cast<uint8_t>(fired.last_step + 1);
      if (CheckpointSlot* slot = review->second.FindSlot(fired.subject)) {
        if (slot->has_due() && slot->due() == *due) slot->fired_steps = steps;
      }
      for (DatedItem& item : review->second.items) {
        if (item.due_days == due->days_since_epoch() && item.Subject() == fired.subject) item.fired_steps = steps;
      }
    }
    for (const auto& [id, kind] : ReadTimescaleAlertsTold(*database_)) {
      auto review = open_.find(id);
      if (review == open_.end()) continue;
      if (kind == AlertKindName(AlertKind::kTimescaleMissed)) {
        review->second.timescale_missed_told = 1;
      } else {
        review->second.timescale_at_risk_told = 1;
      }
    }
  } catch (const std::exception& e) {
    return StorageError(e, "reading which alerts have fired");
  }
  return Status::Ok();
}

}  // namespace scr
