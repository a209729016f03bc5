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

#include "engine/blocker.h"
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
  kExternalAssurance,  // only for review types whose report goes to an outside body before publication
  kPublicationPending,
  kImplementation,
  kClosed,
};
constexpr size_t kPhaseCount = 11;

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
  kReconsider,           // not_proceeding -> decision_pending: a national body's challenge or new information
  kSendForAssurance,     // board_response -> external_assurance
  kApproveAssurance,     // external_assurance -> publication_pending
  kReturnFromAssurance,  // external_assurance -> report_qa
  kReopenReport,         // board_response | external_assurance | publication_pending -> report_qa
  kDecideNotToPublish,   // publication_pending -> implementation
  kPause,                // any phase but closed: the review keeps its phase, its deadlines stop
  kResume,               // a paused review goes on
};
constexpr size_t kLifecycleEventCount = 18;

const char* PhaseName(Phase phase);                // decision_pending, ...
const char* EventName(LifecycleEvent event);       // decide_to_review, ...
std::optional<Phase> PhaseFromName(std::string_view name);
std::optional<LifecycleEvent> EventFromName(std::string_view name);
const std::array<Phase, kPhaseCount>& AllPhases();
const std::array<LifecycleEvent, kLifecycleEventCount>& AllEvents();
// A phase with no way out (closed): nothing falls due in it.
bool IsEndPhase(Phase phase);
// The phase `event` leads to from `from`, if the machine has such a transition (ignoring guards and the
// phases a review type uses); pause and resume keep the phase.
std::optional<Phase> TransitionTarget(Phase from, LifecycleEvent event);

// The phases a review type uses (its workflow lists them). An event leading to a phase the type does not
// use is not offered; a type using external_assurance leaves board_response only by send_for_assurance.
class PhaseSet {
 public:
  static PhaseSet All();  // every phase but external_assurance: the first review types
  PhaseSet() = default;
  PhaseSet& Add(Phase phase);
  bool Has(Phase phase) const { return (bits_ >> static_cast<unsigned>(phase)) & 1u; }

 private:
  uint32_t bits_ = 0;
};

// Whether `event` is one of the events of `phase` (paused or not) for a review type using `phases`.
bool IsOffered(Phase phase, bool paused, LifecycleEvent event, PhaseSet phases);

// What holds an event back right now (open checkpoints, holds, not-before dates, a pause, open actions).
// Must be a pure function of the review's record and the day: it is also asked when listing the events.
// An empty query means nothing holds any event back.
using BlockerQuery = std::function<std::vector<Blocker>(LifecycleEvent)>;

// One review's lifecycle machine: the phase, and in a second region whether the review is paused.
// Not thread-safe: used by one thread at a time (the engine's).
class Lifecycle {
 public:
  enum class Outcome { kApplied, kNotAllowedHere, kBlocked };

  // A new machine in the initial phase (decision_pending, not paused); runs the entry action of that phase.
  explicit Lifecycle(BlockerQuery blockers, PhaseSet phases = PhaseSet::All());
  // A machine restored to `stored` (from Save()) without running any entry or exit action. A stored form
  // without the pause region ("review_running", as before pauses existed) restores as not paused.
  static Result<Lifecycle> Restore(const std::string& stored, BlockerQuery blockers,
                                   PhaseSet phases = PhaseSet::All());
  ~Lifecycle();
  Lifecycle(Lifecycle&&) noexcept;
  Lifecycle& operator=(Lifecycle&&) noexcept;
  Lifecycle(const Lifecycle&) = delete;
  Lifecycle& operator=(const Lifecycle&) = delete;

  Phase phase() const;
  bool paused() const;
  // The stored form: the active state of each region by name, "review_running" or "review_running,paused".
  std::string Save() const;
  // Every event of the current phase (pause or resume included), each with what holds it back now.
  std::vector<NextEvent> NextEvents() const;
  // Events that would be applied now (offered here and nothing holds them back).
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
