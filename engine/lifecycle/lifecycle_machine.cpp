// The Boost.MSM machine of a review's phases. The only translation unit that includes Boost.MSM:
// it is slow to compile, and nothing else needs to know how the machine is built.
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/back/tools.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <array>
#include <exception>
#include <vector>

#include "engine/lifecycle.h"

namespace scr {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

template <LifecycleEvent E>
struct Ev {
  static constexpr LifecycleEvent kEvent = E;
};
using DecideToReview = Ev<LifecycleEvent::kDecideToReview>;
using DecideNotToReview = Ev<LifecycleEvent::kDecideNotToReview>;
using Commission = Ev<LifecycleEvent::kCommission>;
using StartReview = Ev<LifecycleEvent::kStartReview>;
using SubmitReport = Ev<LifecycleEvent::kSubmitReport>;
using ReturnForRevision = Ev<LifecycleEvent::kReturnForRevision>;
using SignOffReport = Ev<LifecycleEvent::kSignOffReport>;
using AgreeResponse = Ev<LifecycleEvent::kAgreeResponse>;
using Publish = Ev<LifecycleEvent::kPublish>;
using Close = Ev<LifecycleEvent::kClose>;

struct LifecycleDef : msm::front::state_machine_def<LifecycleDef> {
  // Set once by the facade before any event is processed; guards ask it what blocks an event.
  const BlockerQuery* blockers = nullptr;
  int entries_run = 0;

  template <Phase P>
  struct PhaseState : msm::front::state<> {
    static constexpr Phase kPhase = P;
    template <class Event, class Fsm>
    void on_entry(const Event&, Fsm& fsm) {
      ++fsm.entries_run;
    }
  };
  using DecisionPending = PhaseState<Phase::kDecisionPending>;
  using NotProceeding = PhaseState<Phase::kNotProceeding>;
  using SettingUp = PhaseState<Phase::kSettingUp>;
  using Commissioning = PhaseState<Phase::kCommissioning>;
  using ReviewRunning = PhaseState<Phase::kReviewRunning>;
  using ReportQa = PhaseState<Phase::kReportQa>;
  using BoardResponse = PhaseState<Phase::kBoardResponse>;
  using PublicationPending = PhaseState<Phase::kPublicationPending>;
  using Implementation = PhaseState<Phase::kImplementation>;
  using Closed = PhaseState<Phase::kClosed>;

  using initial_state = DecisionPending;

  // Refuses an event while anything holds it back: an open checkpoint that blocks it, a parallel
  // process holding publication, an open improvement action (the BlockerQuery knows which).
  struct NothingHoldsItBack {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
      return !*fsm.blockers || (*fsm.blockers)(Event::kEvent).empty();
    }
  };

  // clang-format off
  struct transition_table : mpl::vector<
    //   phase               event              next phase          action  guard
    Row< DecisionPending,    DecideToReview,    SettingUp,          none,   NothingHoldsItBack >,
    Row< DecisionPending,    DecideNotToReview, NotProceeding,      none,   NothingHoldsItBack >,
    Row< SettingUp,          Commission,        Commissioning,      none,   NothingHoldsItBack >,
    Row< Commissioning,      StartReview,       ReviewRunning,      none,   NothingHoldsItBack >,
    Row< ReviewRunning,      SubmitReport,      ReportQa,           none,   NothingHoldsItBack >,
    Row< ReportQa,           ReturnForRevision, ReviewRunning,      none,   NothingHoldsItBack >,
    Row< ReportQa,           SignOffReport,     BoardResponse,      none,   NothingHoldsItBack >,
    Row< BoardResponse,      AgreeResponse,     PublicationPending, none,   NothingHoldsItBack >,
    Row< PublicationPending, Publish,           Implementation,     none,   NothingHoldsItBack >,
    Row< Implementation,     Close,             Closed,             none,   NothingHoldsItBack >
  > {};
  // clang-format on

  // Defaults assert; an event with no row here is answered by the facade instead.
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}
  template <class Fsm, class Event>
  void exception_caught(const Event&, Fsm&, std::exception&) {}
};

using MachineBackEnd = msm::back::state_machine<LifecycleDef>;
using StateTable = MachineBackEnd::stt;

constexpr size_t Index(Phase p) { return static_cast<size_t>(p); }
constexpr size_t Index(LifecycleEvent e) { return static_cast<size_t>(e); }

// Tables derived once from the transition table above, so that it stays the one truth.
struct MachineTables {
  std::array<int, kPhaseCount> state_id{};                    // phase -> MSM state id
  std::array<Phase, kPhaseCount> phase_of_id{};               // MSM state id -> phase
  std::array<std::array<std::optional<Phase>, kLifecycleEventCount>, kPhaseCount> target{};

  MachineTables() {
    mpl::for_each<msm::back::generate_state_set<StateTable>::type, msm::wrap<mpl::placeholders::_1>>(
        RecordState{this});
    mpl::for_each<LifecycleDef::transition_table, msm::wrap<mpl::placeholders::_1>>(RecordRow{this});
  }

  struct RecordState {
    MachineTables* tables;
    template <class State>
    void operator()(msm::wrap<State>) const {
      int id = msm::back::get_state_id<StateTable, State>::value;
      tables->state_id[Index(State::kPhase)] = id;
      tables->phase_of_id[static_cast<size_t>(id)] = State::kPhase;
    }
  };
  struct RecordRow {
    MachineTables* tables;
    template <class TransitionRow>
    void operator()(msm::wrap<TransitionRow>) const {
      tables->target[Index(TransitionRow::Source::kPhase)][Index(TransitionRow::Evt::kEvent)] =
          TransitionRow::Target::kPhase;
    }
  };
};

const MachineTables& Tables() {
  static const MachineTables tables;
  return tables;
}

// Passed to the back-end's serialize(): reads or writes the active state of the single region and
// leaves everything else (history, flags) as constructed. MSM's public hook for restoring a state
// without running entry actions.
class ActiveStateArchive {
 public:
  explicit ActiveStateArchive(int* state_id, bool loading) : state_id_(state_id), loading_(loading) {}

  template <class T>
  ActiveStateArchive& operator&(T& value) {
    Visit(value);
    return *this;
  }

 private:
  template <size_t N>
  void Visit(int (&states)[N]) {
    static_assert(N == 1, "the lifecycle machine has one region");
    if (!seen_states_) {  // the first int array is m_states; later ones belong to the history policy
      seen_states_ = true;
      if (loading_) states[0] = *state_id_; else *state_id_ = states[0];
    }
  }
  template <class T>
  auto Visit(T& value) -> decltype(value.serialize(*this, 0u)) {
    value.serialize(*this, 0u);
  }
  void Visit(bool&) {}

  int* state_id_;
  bool loading_;
  bool seen_states_ = false;
};

}  // namespace

struct Lifecycle::Machine {
  BlockerQuery blockers;
  MachineBackEnd fsm;
};

const char* PhaseName(Phase phase) {
  static constexpr const char* kNames[] = {
      "decision_pending", "not_proceeding", "setting_up",          "commissioning",  "review_running",
      "report_qa",        "board_response", "publication_pending", "implementation", "closed"};
  return kNames[Index(phase)];
}

const char* EventName(LifecycleEvent event) {
  static constexpr const char* kNames[] = {
      "decide_to_review", "decide_not_to_review", "commission",      "start_review", "submit_report",
      "return_for_revision", "sign_off_report",   "agree_response", "publish",      "close"};
  return kNames[Index(event)];
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

std::optional<Phase> TransitionTarget(Phase from, LifecycleEvent event) {
  return Tables().target[Index(from)][Index(event)];
}

bool IsEndPhase(Phase phase) {
  for (LifecycleEvent event : AllEvents()) {
    if (TransitionTarget(phase, event)) return false;
  }
  return true;
}

Lifecycle::Lifecycle(BlockerQuery blockers) : machine_(std::make_unique<Machine>()) {
  machine_->blockers = std::move(blockers);
  machine_->fsm.blockers = &machine_->blockers;
  machine_->fsm.start();
}

Lifecycle::Lifecycle(std::unique_ptr<Machine> machine) : machine_(std::move(machine)) {}

Result<Lifecycle> Lifecycle::Restore(const std::string& stored, BlockerQuery blockers) {
  std::optional<Phase> phase = PhaseFromName(stored);
  if (!phase) return Status::InvalidArgument("stored lifecycle state '" + stored + "' names no phase");
  auto machine = std::make_unique<Machine>();
  machine->blockers = std::move(blockers);
  machine->fsm.blockers = &machine->blockers;
  int state_id = Tables().state_id[Index(*phase)];
  ActiveStateArchive archive(&state_id, /*loading=*/true);
  machine->fsm.serialize(archive, 0u);  // sets the active state; no entry action runs, start() is not called
  return Lifecycle(std::move(machine));
}

Lifecycle::~Lifecycle() = default;
Lifecycle::Lifecycle(Lifecycle&&) noexcept = default;
Lifecycle& Lifecycle::operator=(Lifecycle&&) noexcept = default;

Phase Lifecycle::phase() const {
  return Tables().phase_of_id[static_cast<size_t>(machine_->fsm.current_state()[0])];
}

std::string Lifecycle::Save() const {
  int state_id = 0;
  ActiveStateArchive archive(&state_id, /*loading=*/false);
  machine_->fsm.serialize(archive, 0u);
  return PhaseName(Tables().phase_of_id[static_cast<size_t>(state_id)]);
}

std::vector<LifecycleEvent> Lifecycle::AllowedEvents() const {
  std::vector<LifecycleEvent> allowed;
  Phase current = phase();
  for (LifecycleEvent event : AllEvents()) {
    if (!TransitionTarget(current, event)) continue;
    if (!machine_->blockers || machine_->blockers(event).empty()) allowed.push_back(event);
  }
  return allowed;
}

Lifecycle::Outcome Lifecycle::Apply(LifecycleEvent event) {
  msm::back::HandledEnum handled = msm::back::HANDLED_FALSE;
  MachineBackEnd& fsm = machine_->fsm;
  switch (event) {
    case LifecycleEvent::kDecideToReview: handled = fsm.process_event(DecideToReview{}); break;
    case LifecycleEvent::kDecideNotToReview: handled = fsm.process_event(DecideNotToReview{}); break;
    case LifecycleEvent::kCommission: handled = fsm.process_event(Commission{}); break;
    case LifecycleEvent::kStartReview: handled = fsm.process_event(StartReview{}); break;
    case LifecycleEvent::kSubmitReport: handled = fsm.process_event(SubmitReport{}); break;
    case LifecycleEvent::kReturnForRevision: handled = fsm.process_event(ReturnForRevision{}); break;
    case LifecycleEvent::kSignOffReport: handled = fsm.process_event(SignOffReport{}); break;
    case LifecycleEvent::kAgreeResponse: handled = fsm.process_event(AgreeResponse{}); break;
    case LifecycleEvent::kPublish: handled = fsm.process_event(Publish{}); break;
    case LifecycleEvent::kClose: handled = fsm.process_event(Close{}); break;
  }
  if (handled == msm::back::HANDLED_TRUE) return Outcome::kApplied;
  if (handled == msm::back::HANDLED_GUARD_REJECT) return Outcome::kBlocked;
  return Outcome::kNotAllowedHere;
}

int Lifecycle::entries_run() const { return machine_->fsm.entries_run; }

}  // namespace scr
