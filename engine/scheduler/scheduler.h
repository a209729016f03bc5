// The scheduler: one queue of open reviews by the moment of their next alert; firing stores each alert
// once (its idempotency key), in order, in batches per transaction; the chair's daily digests and the
// catch-up after downtime; and the outbox rows that hand alerts and digests to the notifier, queued here
// and nowhere else (through its SchedulerStore).
// Ownership: owns the queue, the digests' plans and the alerts not yet inserted. The open reviews'
// records belong to whoever implements ScheduledReviews (the review service), the store to its
// owner; both outlive the scheduler. Thread-safety: none; the engine's thread calls it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <vector>

#include "engine/calendar.h"
#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"
#include "review/open_review.h"
#include "scheduler/alert_plan.h"
#include "store/scheduler_store.h"
#include "store/storage_error.h"

namespace scr {

// The open reviews as the scheduler reads them; their owner keeps them.
class ScheduledReviews {
 public:
  // The open review `id`, or null once it has ended.
  virtual OpenReview* Find(ReviewId id) = 0;
  // The working calendar of `board`'s nation and time zone.
  virtual Result<const WorkingCalendar*> CalendarFor(BoardId board) = 0;
  // Calls `visit` with every open review.
  virtual void ForEachOpenReview(const std::function<void(ReviewId, const OpenReview&)>& visit) = 0;

 protected:
  ~ScheduledReviews() = default;
};

class Scheduler {
 public:
  // `digest_time`: board-local time of the chair's daily digest on working days; none: no daily digests.
  Scheduler(SchedulerStore& store, ScheduledReviews& reviews, const Clock& clock,
            std::optional<std::chrono::minutes> digest_time);

  // Puts `id`'s next alert in the queue (a new generation: older entries become stale). Called for every
  // open review at start, and for each review a transaction changed, once it has committed.
  void Schedule(ReviewId id, OpenReview& review);
  // The review whose last record is `last` has ended: its entry in the queue, if any, is stale.
  void Ended(const OpenReview& last);
  // Reads, for every open review, how many alerts of each checkpoint's current due date already fired.
  Status LoadFiredAlerts();
  // Open reviews with an alert still to come.
  size_t pending_count() const { return scheduled_reviews_; }
  // Every alert still to fire, across all open reviews (ReviewService::CountPlannedAlerts).
  size_t CountPlannedAlerts();

  // As ReviewService::FireDueAlerts and NextAlertAt (alerts and digests).
  Result<size_t> FireDueAlerts(size_t batch, size_t max_transactions);
  std::optional<Instant> NextAlertAt();

  // Stores one fired alert (fired at `now`), unless its idempotency key was used: kept until
  // FlushAlerts(), which inserts what was kept. QueueNewAlerts() then gives each its outbox row, unless
  // it was `hold`-ed: ReleaseHeldAlerts() decides how that one is told. Inside the caller's transaction.
  void StoreAlert(const PlannedAlert& alert, BoardId board, const WorkflowDefinition& workflow, Instant now,
                  bool hold = false);
  void FlushAlerts();
  // Flushes, then one outbox row for each alert stored since `alerts_after` (a LastAlertId()) not held.
  void QueueNewAlerts(int64_t alerts_after);
  int64_t LastAlertId();
  // Stores and queues the alert to the chair that the review's timescale is at risk, when it now is and
  // the chair has not been told before (review.timescale_at_risk_told).
  void TellTimescaleAtRisk(ReviewId id, OpenReview& review, Instant now);

  // Plans `board`'s next daily digest: the day after its last one, or the next to come for a new board.
  // Called when the board is met for the first time (its calendar is made).
  void PlanDigests(BoardId board, const WorkingCalendar& calendar);

 private:
  // Every open review with an alert to come, by the moment of its next one.
  struct ScheduledReview {
    PlannedAlert next;  // the review's next alert, as planned when this entry was made
    uint32_t generation;
    bool operator>(const ScheduledReview& other) const {  // ties in review order: rows go in near each other
      return next.fire_at > other.next.fire_at || (next.fire_at == other.next.fire_at && next.review > other.next.review);
    }
  };
  // The chair's digests of one board (digests.cpp).
  struct BoardDigests {
    Date next_day;               // the working day of the next daily digest
    Instant next_at;             // its moment: the digest time, board-local, on that day
    Instant last_fired_at;       // the previous digest's moment: extensions since then are told
    int64_t alerts_through = 0;  // the last alert the previous digest looked at
  };

  // When the next review alert falls due (NextAlertAt() also counts digests).
  std::optional<Instant> NextReviewAlertAt();
  // The count of fired alerts of the checkpoint or item `alert` belongs to.
  uint8_t* FiredSteps(OpenReview& review, const PlannedAlert& alert);
  std::map<BoardId, BoardDigests>::iterator NextDigest();
  // Stores `board`'s daily digest due now and plans the next.
  void FireDigest(BoardId board, Instant now);
  // Tells the alerts held while catching up: one by one for a board with few, else in one digest.
  Status ReleaseHeldAlerts(Instant now);

  SchedulerStore& store_;
  ScheduledReviews& reviews_;
  const Clock& clock_;
  std::optional<std::chrono::minutes> digest_time_;

  std::priority_queue<ScheduledReview, std::vector<ScheduledReview>, std::greater<ScheduledReview>> schedule_;
  size_t scheduled_reviews_ = 0;  // reviews with an alert to come (entries in schedule_ may be stale)
  Instant opened_at_;             // alerts due before this moment fell due while the service was stopped
  std::map<BoardId, BoardDigests> digests_;
  std::vector<AlertRow> alert_rows_;  // fired in this transaction, not yet inserted
  bool catching_up_ = true;   // until the first time nothing is due: what fell due before start is late
  bool release_held_ = true;  // alerts may be held for a catch-up digest (at start: by an earlier run)
  size_t stale_reminders_ = 0;  // dropped while catching up: their overdue alert replaced them
};

}  // namespace scr
