// What the engine knows of one review, enough to judge guards and work out due dates without reading
// the database: kept in memory for every open review by the service, and rebuilt from rows by the
// read side. Due dates are derived, never stored: they follow from the referral, the first day of each
// event, the day each checkpoint was closed, and any extension (which wins).
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar/due_dates.h"
#include "engine/calendar.h"
#include "engine/ids.h"
#include "engine/lifecycle.h"
#include "engine/model.h"
#include "engine/timescale.h"
#include "engine/workflow.h"

namespace scr {

enum class CheckpointState : uint8_t { kOpen, kDone, kWaived };
const char* CheckpointStateName(CheckpointState state);
std::optional<CheckpointState> CheckpointStateFromName(std::string_view name);

constexpr int32_t kNoDate = INT32_MIN;

struct CheckpointSlot {
  uint8_t definition = 0;  // index into the workflow's checkpoints (the loader allows at most 255)
  CheckpointState state = CheckpointState::kOpen;
  bool extended = false;          // due_days was set by an extension, not by the rule
  uint8_t fired_steps = 0;        // how many of its alerts for the current due date have fired
  int32_t due_days = kNoDate;     // Date::days_since_epoch, or kNoDate until the anchor has happened
  int32_t closed_days = kNoDate;  // the board-local day it was completed or waived

  bool has_due() const { return due_days != kNoDate; }
  Date due() const { return Date::FromDays(due_days); }
};

// A dated item of a review other than a checkpoint, chased by the same scheduler: an agency's
// information request, an improvement action, an action's follow-up check. Only open ones are held.
enum class ItemKind : uint8_t { kInformationRequest, kAction, kFollowUp };
const char* ItemKindName(ItemKind kind);  // information_request, action, follow_up

struct DatedItem {
  int64_t id = 0;  // the row's id in its own table
  ItemKind kind = ItemKind::kInformationRequest;
  uint8_t fired_steps = 0;  // as CheckpointSlot::fired_steps
  int32_t due_days = kNoDate;

  Date due() const { return Date::FromDays(due_days); }
  // How its alerts name it, where a checkpoint's name its key: "information_request/12".
  std::string Subject() const { return std::string(ItemKindName(kind)) + "/" + std::to_string(id); }
};

// A parallel process that holds something back while it is active (QM9).
struct ProcessHold {
  int64_t process = 0;
  std::string kind;  // criminal_investigation, inquest, ...
  Hold holds = Hold::kPublication;
};

struct OpenReview {
  BoardId board_id = 0;
  const WorkflowDefinition* workflow = nullptr;
  Phase phase = Phase::kDecisionPending;
  uint32_t conditions_held = 0;  // bit i: the workflow's condition i holds for this review
  Date referral_date;
  Date incident_date;
  std::array<int32_t, kLifecycleEventCount> first_event_days;  // the day each event first happened, or kNoDate
  bool head_known = false;  // event_count and last_hash read from the history yet
  // Odd while the review has an entry in the scheduler's queue; entries of older generations are stale.
  uint32_t alert_generation = 0;
  int64_t event_count = 0;
  EventHash last_hash{};
  std::vector<CheckpointSlot> checkpoints;          // only those whose condition holds for this review
  std::vector<DatedItem> items;                     // open information requests and actions, pending follow-ups
  std::vector<ProcessHold> holds;                    // the active parallel processes that hold something
  // A pause (a trial, an inquest): since when, why, and the working days of the pauses that have ended.
  bool paused = false;
  std::string paused_since;          // RFC 3339
  int32_t paused_on_days = kNoDate;  // the board-local day it began
  std::string pause_reason;
  int working_days_paused = 0;
  // The day the report was last reopened (after sign-off, or back from assurance): the report quality
  // assurance checkpoints count from it again.
  int32_t report_reopened_days = kNoDate;
  // The first day each of the workflow's not_before rules allows its event, or kNoDate until what it
  // counts from has happened; planned with the due dates.
  std::vector<int32_t> not_before_days;
  // Whether the chair has been told the review's timescale is at risk, and that it was missed: once each
  // (counted like fired_steps: 0 or 1).
  uint8_t timescale_at_risk_told = 0;
  uint8_t timescale_missed_told = 0;

  OpenReview() { first_event_days.fill(kNoDate); }

  // What holds `event` back on `today`: the pause, open checkpoints blocking it, the parallel processes
  // holding it, a not-before date still to come, and (for close) open actions and pending follow-ups.
  std::vector<Blocker> Blockers(LifecycleEvent event, Date today) const;
  // Every event of the review's phase with what holds it back on `today`: the same judgement for the
  // commands and the queries.
  std::vector<NextEvent> NextEvents(Date today) const;
  // The machine, restored to the review's phase and pause, judging by Blockers(·, today). The record
  // must outlive it.
  Result<Lifecycle> Machine(Date today) const;
  // The stored form of the machine's state: "review_running" or "review_running,paused".
  std::string LifecycleState() const;
  // Whether an active parallel process holds the checkpoint (a family-involvement step while the family's
  // involvement is held): it is not chased meanwhile.
  bool IsHeld(const CheckpointSlot& slot) const;
  // Drops the open item, if held.
  void RemoveItem(ItemKind kind, int64_t id);
  CheckpointSlot* FindSlot(const std::string& key);
  bool Holds(const Condition& condition) const { return (conditions_held >> condition.index) & 1u; }
  // One slot, open, for every checkpoint of the workflow whose condition holds.
  void AddApplicableCheckpoints();
  // The day `anchor` happened (the first of its events), or kNoDate while it has not.
  int32_t AnchorDay(const Anchor& anchor) const;
  // What the review's overall timescale depends on, as of `today`: the working days of ended pauses, and
  // `pausing_now` those of the pause under way (its due day stops moving closer while paused).
  TimescaleFacts TimescaleFactsOn(Date today, int pausing_now = 0) const;
  // Works out every due date that is not an extension again from what has happened.
  Status PlanDueDates(const WorkingCalendar& calendar);
};

// Whether the review's deadlines are chased now: not once it has ended, nor while it is paused.
inline bool IsChased(const OpenReview& review) { return !IsEndPhase(review.phase) && !review.paused; }

// The working days of the pause under way on `today` (0 when not paused).
int WorkingDaysPausedSoFar(const OpenReview& review, Date today, const WorkingCalendar& calendar);

// Whether `definition` applies to a review with these facts.
bool ConditionHolds(const CheckpointDefinition& definition, const OpenReview& review);

// Applies a stored checkpoint row (a closure or an extension) to the record's slot for `key`; rows of
// checkpoints the workflow no longer has, or that do not apply to the review, are ignored.
void ApplyCheckpointRow(OpenReview& review, const std::string& key, const std::string& state,
                        const std::string& extended_due, const std::string& closed_on);

// The first day of each event, as stored with the review: "decide_to_review=2026-03-12;commission=...".
std::string EncodeFirstEvents(const std::array<int32_t, kLifecycleEventCount>& days);
void DecodeFirstEvents(const std::string& text, std::array<int32_t, kLifecycleEventCount>* days);

}  // namespace scr
