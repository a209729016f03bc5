// The pending alerts of every open review, ordered by the moment they fire: what the scheduler's one timer
// is armed at. Not thread-safe: owned by the engine thread.
//
// Each review has its current plan, with each alert marked fired or not. Re-planning a review keeps the
// marks of alerts that are the same in both plans, so an alert that already fired does not fire again;
// alerts new to the plan start unfired, and fire at once if their moment has passed. After a restart every
// alert starts unfired: those whose moment has passed are fired again and the alerts table's idempotency
// keys keep each to one row.
#pragma once

#include <cstdint>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "scheduler/alert_plan.h"

namespace scr {

class AlertIndex {
 public:
  // Replaces `review`'s plan (ordered by checkpoint then step, as PlanAlerts gives it).
  void Replace(ReviewId review, std::vector<PlannedAlert> plan);
  void Remove(ReviewId review);

  // When the earliest unfired alert fires, if any.
  std::optional<Instant> Earliest();
  // Up to `limit` unfired alerts due at or before `now`, earliest first, marked fired.
  std::vector<PlannedAlert> TakeDue(Instant now, size_t limit);
  // Marks `alerts` (from TakeDue) unfired again: their firing was not stored.
  void PutBack(const std::vector<PlannedAlert>& alerts);

  size_t pending() const { return pending_; }

 private:
  struct Plan {
    std::vector<PlannedAlert> alerts;
    std::vector<uint8_t> fired;
  };
  struct Entry {
    Instant fire_at;
    ReviewId review;
    PlannedAlert alert;
    bool operator>(const Entry& other) const { return fire_at > other.fire_at; }
  };
  // The unfired alert of `review`'s current plan that `entry` stands for, or null when the entry is stale.
  std::optional<size_t> Find(const Entry& entry) const;
  void Push(ReviewId review, const PlannedAlert& alert);

  std::unordered_map<ReviewId, Plan> plans_;
  // Entries for alerts no longer in a plan, or already fired, stay until they come to the top.
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue_;
  size_t pending_ = 0;  // unfired alerts across all plans
};

}  // namespace scr
