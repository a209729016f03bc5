// The names of the phases and events, as stored and as the contract spells them, and the sets of phases a
// review type uses: everything of the lifecycle that does not need the machine (lifecycle_machine.cpp).
#include <array>
#include <optional>
#include <string_view>

#include "engine/lifecycle.h"

namespace scr {

const char* PhaseName(Phase phase) {
  static constexpr const char* kNames[] = {
      "decision_pending", "not_proceeding",     "setting_up",          "commissioning",  "review_running",
      "report_qa",        "board_response",     "external_assurance",  "publication_pending",
      "implementation",   "closed"};
  return kNames[static_cast<size_t>(phase)];
}

const char* EventName(LifecycleEvent event) {
  static constexpr const char* kNames[] = {
      "decide_to_review",    "decide_not_to_review", "commission",      "start_review",
      "submit_report",       "return_for_revision",  "sign_off_report", "agree_response",
      "publish",             "close",                "reconsider",      "send_for_assurance",
      "approve_assurance",   "return_from_assurance", "reopen_report",  "decide_not_to_publish",
      "pause",               "resume"};
  return kNames[static_cast<size_t>(event)];
}

const std::array<Phase, kPhaseCount>& AllPhases() {
  static const std::array<Phase, kPhaseCount> phases = [] {
    std::array<Phase, kPhaseCount> all{};
    for (size_t i = 0; i < kPhaseCount; ++i) all[i] = static_cast<Phase>(i);
    return all;
  }();
  return phases;
}

const std::array<LifecycleEvent, kLifecycleEventCount>& AllEvents() {
  static const std::array<LifecycleEvent, kLifecycleEventCount> events = [] {
    std::array<LifecycleEvent, kLifecycleEventCount> all{};
    for (size_t i = 0; i < kLifecycleEventCount; ++i) all[i] = static_cast<LifecycleEvent>(i);
    return all;
  }();
  return events;
}

std::optional<Phase> PhaseFromName(std::string_view name) {
  for (Phase phase : AllPhases()) {
    if (name == PhaseName(phase)) return phase;
  }
  return std::nullopt;
}

std::optional<LifecycleEvent> EventFromName(std::string_view name) {
  for (LifecycleEvent event : AllEvents()) {
    if (name == EventName(event)) return event;
  }
  return std::nullopt;
}

PhaseSet PhaseSet::All() {
  PhaseSet set;
  for (Phase phase : AllPhases()) {
    if (phase != Phase::kExternalAssurance) set.Add(phase);
  }
  return set;
}

PhaseSet& PhaseSet::Add(Phase phase) {
  bits_ |= 1u << static_cast<unsigned>(phase);
  return *this;
}

}  // namespace scr
