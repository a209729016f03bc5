// The phases of a review and the events that move it between them: the same for every review type.
// The machine itself (Boost.MSM) lives in one translation unit behind this small interface.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"

namespace scr {

enum class Phase : uint8_t {
  kDecisionPending,
  kNotProceeding,
  kSettingUp,
  kCommissioning,
  kReviewRunning,
  kReportQa,
  kBoardResponse,
  kPublicationPending,
  kImplementation,
  kClosed,
};
constexpr size_t kPhaseCount = 10;

enum class LifecycleEvent : uint8_t {
  kDecideToReview,
  kDecideNotToReview,
  kCommission,
  kStartReview,
  kSubmitReport,
  kReturnForRevision,
  kSignOffReport,
  kAgreeResponse,
  kPublish,
  kClose,
};
constexpr size_t kLifecycleEventCount = 10;

const char* PhaseName(Phase phase);                // decision_pending, ...
const char* EventName(LifecycleEvent event);       // decide_to_review, ...
std::optional<Phase> PhaseFromName(std::string_view name);
std::optional<LifecycleEvent> EventFromName(std::string_view name);
const std::array<Phase, kPhaseCount>& AllPhases();
const std::array<LifecycleEvent, kLifecycleEventCount>& AllEvents();
// A phase with no way out (not_proceeding, closed): nothing falls due in it.
bool IsEndPhase(Phase phase);
// The phase `event` leads to from `from`, if the machine has such a transition (ignoring guards).
std::optional<Phase> TransitionTarget(Phase from, LifecycleEvent event);

// What holds an event back right now: checkpoint keys, publication holds, open actions.
// Must be a pure function of the review's data: it is also asked when listing the allowed events.
// An empty query means nothing holds any event back.
using BlockerQuery = std::function<std::vector<std::string>(LifecycleEvent)>;

// One review's lifecycle machine. Not thread-safe: used by one thread at a time (the engine's).
class Lifecycle {
 public:
  enum class Outcome { kApplied, kNotAllowedHere, kBlocked };

  // A new machine in the initial phase (decision_pending); runs the entry action of that phase.
  explicit Lifecycle(BlockerQuery blockers);
  // A machine restored to `stored` (from Save()) without running any entry or exit action.
  static Result<Lifecycle> Restore(const std::string& stored, BlockerQuery blockers);
  ~Lifecycle();
  Lifecycle(Lifecycle&&) noexcept;
  Lifecycle& operator=(Lifecycle&&) noexcept;
  Lifecycle(const Lifecycle&) = delete;
  Lifecycle& operator=(const Lifecycle&) = delete;

  Phase phase() const;
  // The stored form: the active state of each region by name, e.g. "review_running".
  std::string Save() const;
  // Events that would be applied now (transition exists and no guard refuses).
  std::vector<LifecycleEvent> AllowedEvents() const;
  Outcome Apply(LifecycleEvent event);
  // Entry actions run since construction (restore runs none): a test hook and a log aid.
  int entries_run() const;

 private:
  struct Machine;
  explicit Lifecycle(std::unique_ptr<Machine> machine);
  std::unique_ptr<Machine> machine_;
};

}  // namespace scr
