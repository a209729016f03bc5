#include "scheduler/alert_index.h"

namespace scr {

void AlertIndex::Push(ReviewId review, const PlannedAlert& alert) { queue_.push(Entry{alert.fire_at, review, alert}); }

void AlertIndex::Replace(ReviewId review, std::vector<PlannedAlert> plan) {
  Plan& current = plans_[review];
  std::vector<uint8_t> fired(plan.size(), 0);
  // Both plans are ordered by checkpoint then step: walk them together.
  size_t old = 0;
  for (size_t i = 0; i < plan.size(); ++i) {
    const PlannedAlert& alert = plan[i];
    while (old < current.alerts.size() &&
           (current.alerts[old].checkpoint < alert.checkpoint ||
            (current.alerts[old].checkpoint == alert.checkpoint && current.alerts[old].step < alert.step))) {
      ++old;
    }
    bool same = old < current.alerts.size() && current.alerts[old].SameAs(alert);
    if (same) {
      fired[i] = current.fired[old];
    } else {
      Push(review, alert);  // new to the plan; an unchanged alert keeps its entry in the queue
    }
  }
  for (uint8_t mark : current.fired) pending_ -= mark ? 0 : 1;
  for (uint8_t mark : fired) pending_ += mark ? 0 : 1;
  current.alerts = std::move(plan);
  current.fired = std::move(fired);
  if (current.alerts.empty()) plans_.erase(review);
}

void AlertIndex::Remove(ReviewId review) { Replace(review, {}); }

std::optional<size_t> AlertIndex::Find(const Entry& entry) const {
  auto plan = plans_.find(entry.review);
  if (plan == plans_.end()) return std::nullopt;
  const std::vector<PlannedAlert>& alerts = plan->second.alerts;
  for (size_t i = 0; i < alerts.size(); ++i) {
    if (alerts[i].SameAs(entry.alert)) {
      if (plan->second.fired[i]) return std::nullopt;
      return i;
    }
  }
  return std::nullopt;
}

std::optional<Instant> AlertIndex::Earliest() {
  while (!queue_.empty()) {
    if (Find(queue_.top())) return queue_.top().fire_at;
    queue_.pop();  // stale: re-planned away, or fired
  }
  return std::nullopt;
}

std::vector<PlannedAlert> AlertIndex::TakeDue(Instant now, size_t limit) {
  std::vector<PlannedAlert> due;
  while (!queue_.empty() && due.size() < limit && queue_.top().fire_at <= now) {
    Entry entry = queue_.top();
    queue_.pop();
    std::optional<size_t> index = Find(entry);
    if (!index) continue;
    Plan& plan = plans_[entry.review];
    plan.fired[*index] = 1;
    --pending_;
    due.push_back(plan.alerts[*index]);
  }
  return due;
}

void AlertIndex::PutBack(const std::vector<PlannedAlert>& alerts) {
  for (const PlannedAlert& alert : alerts) {
    auto plan = plans_.find(alert.review);
    if (plan == plans_.end()) continue;
    for (size_t i = 0; i < plan->second.alerts.size(); ++i) {
      if (plan->second.alerts[i].SameAs(alert) && plan->second.fired[i]) {
        plan->second.fired[i] = 0;
        ++pending_;
        Push(alert.review, alert);
      }
    }
  }
}

}  // namespace scr
