#include "review/open_review.h"

#include <algorithm>
#include <sstream>

namespace scr {

const char* ItemKindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kInformationRequest: return "information_request";
    case ItemKind::kAction: return "action";
    case ItemKind::kFollowUp: return "follow_up";
  }
  return "information_request";
}

const char* CheckpointStateName(CheckpointState state) {
  switch (state) {
    case CheckpointState::kOpen: return "open";
    case CheckpointState::kDone: return "done";
    case CheckpointState::kWaived: return "waived";
  }
  return "open";
}

std::optional<CheckpointState> CheckpointStateFromName(std::string_view name) {
  if (name == "open") return CheckpointState::kOpen;
  if (name == "done") return CheckpointState::kDone;
  if (name == "waived") return CheckpointState::kWaived;
  return std::nullopt;
}

namespace {

bool Blocks(const CheckpointDefinition& definition, LifecycleEvent event) {
  return std::find(definition.blocks.begin(), definition.blocks.end(), event) != definition.blocks.end();
}

// Whether a parallel process holding `hold` holds `event` back (a family-involvement hold is judged by the
// checkpoints it holds instead).
bool HoldsEvent(Hold hold, LifecycleEvent event) {
  switch (hold) {
    case Hold::kPublication: return event == LifecycleEvent::kPublish;
    case Hold::kReview: return event == LifecycleEvent::kSubmitReport || event == LifecycleEvent::kSignOffReport;
    case Hold::kFamilyInvolvement: return false;
  }
  return false;
}

Blocker HoldBlocker(const ProcessHold& hold) {
  Blocker blocker;
  blocker.kind = BlockerKind::kHold;
  blocker.process = hold.process;
  blocker.process_kind = hold.kind;
  blocker.holds = hold.holds;
  return blocker;
}

}  // namespace

std::vector<Blocker> OpenReview::Blockers(LifecycleEvent event, Date today) const {
  std::vector<Blocker> blockers;
  if (paused && event != LifecycleEvent::kResume) {
    Blocker pause;
    pause.kind = BlockerKind::kPaused;
    pause.since = paused_since;
    pause.reason = pause_reason;
    blockers.push_back(pause);
  }
  for (const CheckpointSlot& slot : checkpoints) {
    if (slot.state != CheckpointState::kOpen) continue;
    const CheckpointDefinition& definition = workflow->checkpoints[slot.definition];
    if (!Blocks(definition, event)) continue;
    Blocker checkpoint;
    checkpoint.key = definition.key;
    checkpoint.title = definition.title;
    if (slot.has_due()) checkpoint.due = slot.due();
    blockers.push_back(checkpoint);
  }
  for (const ProcessHold& hold : holds) {
    if (HoldsEvent(hold.holds, event)) blockers.push_back(HoldBlocker(hold));
    if (hold.holds != Hold::kFamilyInvolvement) continue;
    for (const CheckpointSlot& slot : checkpoints) {
      const CheckpointDefinition& definition = workflow->checkpoints[slot.definition];
      if (slot.state != CheckpointState::kOpen || !workflow->IsFamilyInvolvement(slot.definition) ||
          !Blocks(definition, event)) {
        continue;
      }
      Blocker held = HoldBlocker(hold);
      held.key = definition.key;
      held.title = definition.title;
      blockers.push_back(held);
    }
  }
  for (size_t i = 0; i < workflow->not_before.size(); ++i) {
    const NotBeforeRule& rule = workflow->not_before[i];
    int32_t first_day = i < not_before_days.size() ? not_before_days[i] : kNoDate;
    if (rule.event != event || (first_day != kNoDate && today.days_since_epoch() >= first_day)) continue;
    Blocker not_before;
    not_before.kind = BlockerKind::kNotBefore;
    if (first_day != kNoDate) not_before.date = Date::FromDays(first_day);
    not_before.rule = rule.rule.text;
    not_before.source = rule.source;
    blockers.push_back(not_before);
  }
  if (event == LifecycleEvent::kClose) {
    for (const DatedItem& item : items) {
      if (item.kind == ItemKind::kInformationRequest) continue;
      Blocker open;
      open.kind = item.kind == ItemKind::kAction ? BlockerKind::kAction : BlockerKind::kFollowUp;
      open.item = item.id;
      if (item.due_days != kNoDate) open.due = item.due();
      blockers.push_back(open);
    }
  }
  return blockers;
}

bool OpenReview::IsHeld(const CheckpointSlot& slot) const {
  return workflow->IsFamilyInvolvement(slot.definition) &&
         std::any_of(holds.begin(), holds.end(), [](const ProcessHold& h) { return h.holds == Hold::kFamilyInvolvement; });
}

Result<Lifecycle> OpenReview::Machine(Date today) const {
  return Lifecycle::Restore(LifecycleState(), [this, today](LifecycleEvent e) { return Blockers(e, today); },
                            workflow->used_phases);
}

std::vector<NextEvent> OpenReview::NextEvents(Date today) const {
  Result<Lifecycle> machine = Machine(today);
  if (!machine.ok()) return {};
  return machine->NextEvents();
}

std::string OpenReview::LifecycleState() const {
  return std::string(PhaseName(phase)) + (paused ? ",paused" : "");
}

int WorkingDaysPausedSoFar(const OpenReview& review, Date today, const WorkingCalendar& calendar) {
  if (!review.paused || review.paused_on_days == kNoDate || today.days_since_epoch() <= review.paused_on_days) return 0;
  Result<int> days = calendar.WorkingDaysBetween(Date::FromDays(review.paused_on_days), today);
  return days.ok() ? *days : 0;
}

void OpenReview::RemoveItem(ItemKind kind, int64_t id) {
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const DatedItem& item) { return item.kind == kind && item.id == id; }),
              items.end());
}

CheckpointSlot* OpenReview::FindSlot(const std::string& key) {
  for (CheckpointSlot& slot : checkpoints) {
    if (workflow->checkpoints[slot.definition].key == key) return &slot;
  }
  return nullptr;
}

void OpenReview::AddApplicableCheckpoints() {
  checkpoints.clear();
  for (size_t i = 0; i < workflow->checkpoints.size(); ++i) {
    if (ConditionHolds(workflow->checkpoints[i], *this)) {
      checkpoints.push_back(CheckpointSlot{static_cast<uint8_t>(i), CheckpointState::kOpen, false, 0, kNoDate, kNoDate});
    }
  }
}

int32_t OpenReview::AnchorDay(const Anchor& anchor) const {
  int32_t day = kNoDate;
  switch (anchor.kind) {
    case Anchor::Kind::kReferral: return referral_date.days_since_epoch();
    case Anchor::Kind::kIncident: return incident_date.days_since_epoch();
    case Anchor::Kind::kEvent:
      for (LifecycleEvent event : anchor.events) {
        int32_t first = first_event_days[static_cast<size_t>(event)];
        if (first != kNoDate && (day == kNoDate || first < day)) day = first;
      }
      return day;
    case Anchor::Kind::kCheckpointDone:
      for (const CheckpointSlot& other : checkpoints) {
        if (other.definition == anchor.checkpoint_index) day = other.closed_days;
      }
      return day;
  }
  return day;
}

TimescaleFacts OpenReview::TimescaleFactsOn(Date today, int pausing_now) const {
  TimescaleFacts facts;
  facts.today = today;
  facts.working_days_paused = working_days_paused + pausing_now;
  if (!workflow->timescale) return facts;
  const TimescaleDefinition& timescale = *workflow->timescale;
  if (timescale.due.kind == DueRule::Kind::kAfterAnchor) {
    if (int32_t basis = AnchorDay(timescale.due.anchor); basis != kNoDate) facts.basis_date = Date::FromDays(basis);
  }
  if (int32_t met = first_event_days[static_cast<size_t>(timescale.met_by)]; met != kNoDate) {
    facts.met_on = Date::FromDays(met);
  }
  // The steps before the meeting event: those of the phases up to the one the event leaves.
  std::optional<Phase> last = std::nullopt;
  for (Phase from : AllPhases()) {
    if (TransitionTarget(from, timescale.met_by)) last = from;
  }
  for (const CheckpointSlot& slot : checkpoints) {
    if (slot.state != CheckpointState::kOpen || !slot.has_due() || !last) continue;
    if (workflow->checkpoints[slot.definition].phase <= *last) facts.open_due_dates.push_back(slot.due());
  }
  return facts;
}

Status OpenReview::PlanDueDates(const WorkingCalendar& calendar) {
  for (CheckpointSlot& slot : checkpoints) {
    if (slot.extended) continue;
    const CheckpointDefinition& definition = workflow->checkpoints[slot.definition];
    const DueRule& rule = definition.due;
    int32_t anchor = rule.kind == DueRule::Kind::kFixedDate ? 0 : AnchorDay(rule.anchor);
    // A reopened report's quality assurance counts again from the reopening.
    if (anchor != kNoDate && report_reopened_days != kNoDate && definition.phase == Phase::kReportQa &&
        rule.kind == DueRule::Kind::kAfterAnchor && rule.anchor.kind == Anchor::Kind::kEvent) {
      anchor = std::max(anchor, report_reopened_days);
    }
    if (anchor == kNoDate) {
      slot.due_days = kNoDate;
      continue;
    }
    Result<Date> due = DueFrom(rule, Date::FromDays(anchor), calendar);
    if (!due.ok()) return due.status();
    if (slot.due_days != due->days_since_epoch()) slot.fired_steps = 0;  // a new date: its alerts start again
    slot.due_days = due->days_since_epoch();
  }
  not_before_days.assign(workflow->not_before.size(), kNoDate);
  for (size_t i = 0; i < workflow->not_before.size(); ++i) {
    const DueRule& rule = workflow->not_before[i].rule;
    int32_t anchor = rule.kind == DueRule::Kind::kFixedDate ? 0 : AnchorDay(rule.anchor);
    if (anchor == kNoDate) continue;
    Result<Date> first = DueFrom(rule, Date::FromDays(anchor), calendar);
    if (!first.ok()) return first.status();
    not_before_days[i] = first->days_since_epoch();
  }
  return Status::Ok();
}

bool ConditionHolds(const CheckpointDefinition& definition, const OpenReview& review) {
  if (!definition.condition) return true;
  return review.Holds(*definition.condition) != definition.condition->negated;
}

void ApplyCheckpointRow(OpenReview& review, const std::string& key, const std::string& state,
                        const std::string& extended_due, const std::string& closed_on) {
  CheckpointSlot* slot = review.FindSlot(key);
  if (!slot) return;
  slot->state = CheckpointStateFromName(state).value_or(CheckpointState::kOpen);
  if (Result<Date> due = Date::Parse(extended_due); due.ok()) {
    slot->extended = true;
    slot->due_days = due->days_since_epoch();
  }
  if (Result<Date> closed = Date::Parse(closed_on); closed.ok()) slot->closed_days = closed->days_since_epoch();
}

std::string EncodeFirstEvents(const std::array<int32_t, kLifecycleEventCount>& days) {
  std::string text;
  for (LifecycleEvent event : AllEvents()) {
    int32_t day = days[static_cast<size_t>(event)];
    if (day == kNoDate) continue;
    if (!text.empty()) text += ';';
    text += EventName(event);
    text += '=';
    text += Date::FromDays(day).ToString();
  }
  return text;
}

void DecodeFirstEvents(const std::string& text, std::array<int32_t, kLifecycleEventCount>* days) {
  days->fill(kNoDate);
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ';');) {
    size_t equals = item.find('=');
    if (equals == std::string::npos) continue;
    std::optional<LifecycleEvent> event = EventFromName(std::string_view(item).substr(0, equals));
    Result<Date> date = Date::Parse(std::string_view(item).substr(equals + 1));
    if (event && date.ok()) (*days)[static_cast<size_t>(*event)] = date->days_since_epoch();
  }
}

}  // namespace scr
