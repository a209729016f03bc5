// The alerts a review's open checkpoints will raise, worked out from their due dates and the workflow's
// reminder and escalation steps: a reminder to the owner before the due date, the overdue alert when the
// due day has ended, then each escalation step after its own delay. Pure: the scheduler keeps the result
// in its ordered index and fires each alert once, identified by its idempotency key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/alert_kind.h"
#include "engine/calendar.h"
#include "engine/model.h"
#include "engine/roles.h"
#include "review/open_review.h"

namespace scr {

// What an alert about the review's overall timescale names instead of a checkpoint.
constexpr const char* kTimescaleSubject = "timescale";

struct PlannedAlert {
  Instant fire_at;
  ReviewId review = 0;
  uint16_t checkpoint = 0;  // index into the review's workflow checkpoints
  uint8_t step = 0;         // its place among the checkpoint's alerts, in the order they are planned
  AlertKind kind = AlertKind::kReminder;
  uint8_t level = 0;        // 0 for reminders and the overdue alert; the escalation step's number after
  Role recipient = Role::kBusinessUnit;
  Date due;
  int64_t item = 0;  // a dated item's id (its kind in item_kind); 0 for a checkpoint's alert
  ItemKind item_kind = ItemKind::kInformationRequest;
  bool timescale = false;  // about the review's overall timescale, not a checkpoint or an item

  // What the alert is about: the checkpoint's key, or the item's subject (information_request/12).
  std::string Subject(const WorkflowDefinition& workflow) const;

  // Stable across restarts and re-planning (checkpoint, due date, step); a new due date gives new keys.
  std::string IdempotencyKey(const WorkflowDefinition& workflow) const;
  // The same alert in two plans of one review: same checkpoint, step and due date.
  bool SameAs(const PlannedAlert& other) const {
    return checkpoint == other.checkpoint && item == other.item && timescale == other.timescale && step == other.step &&
           due == other.due;
  }
};

constexpr size_t kMaxAlertsPerCheckpoint = 16;

// The alerts of one checkpoint due on `due`, earliest first (steps numbered in that order), into `out`
// (room for kMaxAlertsPerCheckpoint); returns how many.
Result<size_t> CheckpointAlerts(ReviewId id, const CheckpointSlot& slot, const CheckpointDefinition& definition,
                                const WorkingCalendar& calendar, PlannedAlert* out);
// The alerts of one dated item, as CheckpointAlerts with the workflow's chain for its kind.
Result<size_t> ItemAlerts(ReviewId id, const DatedItem& item, const WorkflowDefinition& workflow,
                          const WorkingCalendar& calendar, PlannedAlert* out);
// The chain that chases items of `kind` in `workflow`.
const CheckpointDefinition& ChainFor(ItemKind kind, const WorkflowDefinition& workflow);
// The next alert of `review` not yet fired, across its open dated checkpoints and items, if any.
Result<std::optional<PlannedAlert>> NextAlert(ReviewId id, const OpenReview& review, const WorkingCalendar& calendar);

// The alert to the chair at the end of the review's timescale due day, unless it has been told already,
// the timescale has been met, or it has no due day yet.
Result<std::optional<PlannedAlert>> TimescaleMissedAlert(ReviewId id, const OpenReview& review,
                                                         const WorkingCalendar& calendar);

// Appends to `out` every alert of `review`'s open checkpoints that have a due date, ordered by checkpoint
// then step, then those of its open items. Nothing for a review that has ended, nor for checkpoints done or waived.
Status PlanAlerts(ReviewId id, const OpenReview& review, const WorkingCalendar& calendar,
                  std::vector<PlannedAlert>* out);

// The first moment of `date` in the board's time zone: when a reminder for that day goes out.
Instant StartOfDay(const WorkingCalendar& calendar, Date date);

}  // namespace scr
