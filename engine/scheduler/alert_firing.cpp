// The scheduler's firing: each alert due stored once (its idempotency key), in order, in batches per
// transaction, with its outbox row; what fell due while the service was stopped is caught up late.
#include <spdlog/spdlog.h>

#include <stdexcept>

#include "scheduler/scheduler.h"

namespace scr {

uint8_t* Scheduler::FiredSteps(OpenReview& review, const PlannedAlert& alert) {
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

Result<size_t> Scheduler::FireDueAlerts(size_t batch, size_t max_transactions) {
  Instant now = clock_.Now();
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
      std::unique_ptr<WriteScope> transaction = store_.BeginWrite();
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
        OpenReview& review = *reviews_.Find(alert.review);
        --scheduled_reviews_;
        ++review.alert_generation;  // now even: nothing scheduled until Schedule() below
        uint8_t* fired_steps = FiredSteps(review, alert);
        ++*fired_steps;
        counted.emplace_back(alert.review, fired_steps);
        // What fell due before the service started is caught up, late; a reminder whose due day has
        // meanwhile ended would arrive stale, so the overdue alert replaces it. On a simulated clock,
        // alerts passed by moving the clock fire as if time had passed: at their own moment.
        const WorkingCalendar& calendar = *reviews_.CalendarFor(review.board_id).value();
        bool caught_up = catching_up_ && alert.fire_at < opened_at_;
        bool stale = caught_up && alert.kind == AlertKind::kReminder && calendar.EndOfDay(alert.due) <= now;
        Instant fired_at = caught_up ? now : clock_.HappenedAt(alert.fire_at, now);
        if (stale) ++stale_reminders_;
        else StoreAlert(alert, review.board_id, *review.workflow, fired_at, /*hold=*/caught_up);
        release_held_ = release_held_ || (caught_up && !stale);
        ++fired;
        Schedule(alert.review, review);
      }
      QueueNewAlerts(alerts_before);
      stored += static_cast<size_t>(LastAlertId() - alerts_before);
      transaction->Commit();
    } catch (const std::exception& e) {
      for (auto it = counted.rbegin(); it != counted.rend(); ++it) {
        --*it->second;
        Schedule(it->first, *reviews_.Find(it->first));
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

void Scheduler::TellTimescaleAtRisk(ReviewId id, OpenReview& review, Instant now) {
  if (!review.workflow->timescale || review.timescale_at_risk_told > 0 || review.timescale_missed_told > 0) return;
  Result<const WorkingCalendar*> calendar = reviews_.CalendarFor(review.board_id);
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

void Scheduler::StoreAlert(const PlannedAlert& alert, BoardId board, const WorkflowDefinition& workflow,
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

void Scheduler::FlushAlerts() {
  store_.InsertAlerts(alert_rows_);
  alert_rows_.clear();
}

void Scheduler::QueueNewAlerts(int64_t alerts_after) {
  FlushAlerts();
  store_.QueueAlertsAfter(alerts_after);
}

int64_t Scheduler::LastAlertId() { return store_.LastAlertId(); }

}  // namespace scr
