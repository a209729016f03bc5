// The Boost.MSM machine of a review's phases. The only translation unit that includes Boost.MSM:
// it is slow to compile, and nothing else needs to know how the machine is built.
#include <boost/mpl/back_inserter.hpp>
#include <boost/mpl/copy.hpp>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/back/tools.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <utility>
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
using Reconsider = Ev<LifecycleEvent::kReconsider>;
using Commission = Ev<LifecycleEvent::kCommission>;
using StartReview = Ev<LifecycleEvent::kStartReview>;
using SubmitReport = Ev<LifecycleEvent::kSubmitReport>;
using ReturnForRevision = Ev<LifecycleEvent::kReturnForRevision>;
using SignOffReport = Ev<LifecycleEvent::kSignOffReport>;
using AgreeResponse = Ev<LifecycleEvent::kAgreeResponse>;
using SendForAssurance = Ev<LifecycleEvent::kSendForAssurance>;
using ApproveAssurance = Ev<LifecycleEvent::kApproveAssurance>;
using ReturnFromAssurance = Ev<LifecycleEvent::kReturnFromAssurance>;
using ReopenReport = Ev<LifecycleEvent::kReopenReport>;
using Publish = Ev<LifecycleEvent::kPublish>;
using DecideNotToPublish = Ev<LifecycleEvent::kDecideNotToPublish>;
using Close = Ev<LifecycleEvent::kClose>;
using Pause = Ev<LifecycleEvent::kPause>;
using Resume = Ev<LifecycleEvent::kResume>;

struct LifecycleDef : msm::front::state_machine_def<LifecycleDef> {
  // Set once by the facade before any event is processed; guards ask it what blocks an event.
  const BlockerQuery* blockers = nullptr;
  int entries_run = 0;

  // The first region: the review's phase.
  template <Phase P>
  struct PhaseState : msm::front::state<> {
    static constexpr bool kIsPhase = true;
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
  using ExternalAssurance = PhaseState<Phase::kExternalAssurance>;
  using PublicationPending = PhaseState<Phase::kPublicationPending>;
  using Implementation = PhaseState<Phase::kImplementation>;
  using Closed = PhaseState<Phase::kClosed>;

  // The second region, orthogonal to the first: whether the review is paused (a trial, an inquest).
  template <bool IsPaused>
  struct PauseState : msm::front::state<> {
    static constexpr bool kIsPhase = false;
    static constexpr bool kPaused = IsPaused;
  };
  using Active = PauseState<false>;
  using Paused = PauseState<true>;

  using initial_state = mpl::vector<DecisionPending, Active>;

  // Refuses a phase's event while the review is paused, or while anything holds it back: an open
  // checkpoint that blocks it, a parallel process's hold, a not-before date, an open improvement action
  // (the BlockerQuery knows which).
  struct NothingHoldsItBack {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
      if (fsm.current_state()[1] == msm::back::get_state_id<typename Fsm::stt, Paused>::value) return false;
      return !*fsm.blockers || (*fsm.blockers)(Event::kEvent).empty();
    }
  };
  // A closed review has nothing left to pause.
  struct ReviewIsOpen {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
      return fsm.current_state()[0] != msm::back::get_state_id<typename Fsm::stt, Closed>::value;
    }
  };

  // clang-format off
  struct phase_rows : mpl::vector<
    //   phase               event                next phase          action  guard
    Row< DecisionPending,    DecideToReview,      SettingUp,          none,   NothingHoldsItBack >,
    Row< DecisionPending,    DecideNotToReview,   NotProceeding,      none,   NothingHoldsItBack >,
    Row< NotProceeding,      Reconsider,          DecisionPending,    none,   NothingHoldsItBack >,
    Row< SettingUp,          Commission,          Commissioning,      none,   NothingHoldsItBack >,
    Row< Commissioning,      StartReview,         ReviewRunning,      none,   NothingHoldsItBack >,
    Row< ReviewRunning,      SubmitReport,        ReportQa,           none,   NothingHoldsItBack >,
    Row< ReportQa,           ReturnForRevision,   ReviewRunning,      none,   NothingHoldsItBack >,
    Row< ReportQa,           SignOffReport,       BoardResponse,      none,   NothingHoldsItBack >,
    Row< BoardResponse,      AgreeResponse,       PublicationPending, none,   NothingHoldsItBack >,
    Row< BoardResponse,      SendForAssurance,    ExternalAssurance,  none,   NothingHoldsItBack >,
    Row< BoardResponse,      ReopenReport,        ReportQa,           none,   NothingHoldsItBack >,
    Row< ExternalAssurance,  ApproveAssurance,    PublicationPending, none,   NothingHoldsItBack >,
    Row< ExternalAssurance,  ReturnFromAssurance, ReportQa,           none,   NothingHoldsItBack >,
    Row< ExternalAssurance,  ReopenReport,        ReportQa,           none,   NothingHoldsItBack >,
    Row< PublicationPending, Publish,             Implementation,     none,   NothingHoldsItBack >,
    Row< PublicationPending, DecideNotToPublish,  Implementation,     none,   NothingHoldsItBack >,
    Row< PublicationPending, ReopenReport,        ReportQa,           none,   NothingHoldsItBack >,
    Row< Implementation,     Close,               Closed,             none,   NothingHoldsItBack >
  > {};
  struct pause_rows : mpl::vector<
    Row< Active,             Pause,               Paused,             none,   ReviewIsOpen >,
    Row< Paused,             Resume,              Active,             none,   none >
  > {};
  // clang-format on
  // Two tables joined: a plain mpl::vector takes at most 20 rows.
  using transition_table = mpl::copy<pause_rows, mpl::back_inserter<phase_rows>>::type;

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
  std::array<std::optional<Phase>, kPhaseCount + 2> phase_of_id{};  // MSM state id -> phase (none: pause region)
  std::array<int, 2> pause_state_id{};                        // [paused] -> MSM state id
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
      if constexpr (State::kIsPhase) {
        tables->state_id[Index(State::kPhase)] = id;
        tables->phase_of_id[static_cast<size_t>(id)] = State::kPhase;
      } else {
        tables->pause_state_id[State::kPaused ? 1 : 0] = id;
      }
    }
  };
  struct RecordRow {
    MachineTables* tables;
    template <class TransitionRow>
    void operator()(msm::wrap<TransitionRow>) const {
      if constexpr (TransitionRow::Source::kIsPhase) {
        tables->target[Index(TransitionRow::Source::kPhase)][Index(TransitionRow::Evt::kEvent)] =
            TransitionRow::Target::kPhase;
      }
    }
  };
};

const MachineTables& Tables() {
  static const MachineTables tables;
  return tables;
}

// Passed to the back-end's serialize(): reads or writes the active state of both regions and
// leaves everything else (history, flags) as constructed. MSM's public hook for restoring a state
// without running entry actions.
class ActiveStateArchive {
 public:
  explicit ActiveStateArchive(std::array<int, 2>* state_ids, bool loading) : state_ids_(state_ids), loading_(loading) {}

  template <class T>
  ActiveStateArchive& operator&(T& value) {
    Visit(value);
    return *this;
  }

 private:
  template <size_t N>
  void Visit(int (&states)[N]) {
    static_assert(N == 2, "the lifecycle machine has two regions: the phase and the pause");
    if (!seen_states_) {  // the first int array is m_states; later ones belong to the history policy
      seen_states_ = true;
      for (size_t i = 0; i < N; ++i) {
        if (loading_) states[i] = (*state_ids_)[i]; else (*state_ids_)[i] = states[i];
      }
    }
  }
  template <class T>
  auto Visit(T& value) -> decltype(value.serialize(*this, 0u)) {
    value.serialize(*this, 0u);
  }
  void Visit(bool&) {}

  std::array<int, 2>* state_ids_;
  bool loading_;
  bool seen_states_ = false;
};

template <LifecycleEvent E>
msm::back::HandledEnum Fire(MachineBackEnd& fsm) {
  return fsm.process_event(Ev<E>{});
}
template <size_t... I>
constexpr auto MakeFirers(std::index_sequence<I...>) {
  return std::array<msm::back::HandledEnum (*)(MachineBackEnd&), sizeof...(I)>{
      &Fire<static_cast<LifecycleEvent>(I)>...};
}
// One function per event, by the event's number: process_event needs the event's type.
constexpr auto kFirers = MakeFirers(std::make_index_sequence<kLifecycleEventCount>{});

constexpr const char* kPausedName = "paused";

}  // namespace

struct Lifecycle::Machine {
  BlockerQuery blockers;
  PhaseSet phases;
  MachineBackEnd fsm;
};

std::optional<Phase> TransitionTarget(Phase from, LifecycleEvent event) {
  if (event == LifecycleEvent::kPause || event == LifecycleEvent::kResume) {
    return from == Phase::kClosed ? std::nullopt : std::optional<Phase>(from);
  }
  return Tables().target[Index(from)][Index(event)];
}

bool IsEndPhase(Phase phase) {
  for (LifecycleEvent event : AllEvents()) {
    if (TransitionTarget(phase, event)) return false;
  }
  return true;
}

bool IsOffered(Phase phase, bool paused, LifecycleEvent event, PhaseSet phases) {
  if (event == LifecycleEvent::kResume) return paused;
  if (event == LifecycleEvent::kPause) return !paused && phase != Phase::kClosed;
  std::optional<Phase> target = TransitionTarget(phase, event);
  if (!target || !phases.Has(*target)) return false;
  // Where the report goes to an outside body first, agreeing the response is not the way out.
  return !(event == LifecycleEvent::kAgreeResponse && phases.Has(Phase::kExternalAssurance));
}

Lifecycle::Lifecycle(BlockerQuery blockers, PhaseSet phases) : machine_(std::make_unique<Machine>()) {
  machine_->blockers = std::move(blockers);
  machine_->phases = phases;
  machine_->fsm.blockers = &machine_->blockers;
  machine_->fsm.start();
}

Lifecycle::Lifecycle(std::unique_ptr<Machine> machine) : machine_(std::move(machine)) {}

Result<Lifecycle> Lifecycle::Restore(const std::string& stored, BlockerQuery blockers, PhaseSet phases) {
  size_t comma = stored.find(',');
  std::string phase_name = stored.substr(0, comma);
  std::string pause_name = comma == std::string::npos ? "active" : stored.substr(comma + 1);
  std::optional<Phase> phase = PhaseFromName(phase_name);
  if (!phase) return Status::InvalidArgument("stored lifecycle state '" + stored + "' names no phase");
  if (pause_name != "active" && pause_name != kPausedName) {
    return Status::InvalidArgument("stored lifecycle state '" + stored + "' is neither active nor paused");
  }
  auto machine = std::make_unique<Machine>();
  machine->blockers = std::move(blockers);
  machine->phases = phases;
  machine->fsm.blockers = &machine->blockers;
  std::array<int, 2> state_ids = {Tables().state_id[Index(*phase)],
                                  Tables().pause_state_id[pause_name == kPausedName ? 1 : 0]};
  ActiveStateArchive archive(&state_ids, /*loading=*/true);
  machine->fsm.serialize(archive, 0u);  // sets the active states; no entry action runs, start() is not called
  return Lifecycle(std::move(machine));
}

Lifecycle::~Lifecycle() = default;
Lifecycle::Lifecycle(Lifecycle&&) noexcept = default;
Lifecycle& Lifecycle::operator=(Lifecycle&&) noexcept = default;

Phase Lifecycle::phase() const {
  return *Tables().phase_of_id[static_cast<size_t>(machine_->fsm.current_state()[0])];
}

bool Lifecycle::paused() const { return machine_->fsm.current_state()[1] == Tables().pause_state_id[1]; }

std::string Lifecycle::Save() const {
  std::string stored = PhaseName(phase());
  if (paused()) stored += std::string(",") + kPausedName;
  return stored;
}

std::vector<NextEvent> Lifecycle::NextEvents() const {
  std::vector<NextEvent> next;
  Phase current = phase();
  bool is_paused = paused();
  for (LifecycleEvent event : AllEvents()) {
    if (!IsOffered(current, is_paused, event, machine_->phases)) continue;
    NextEvent option{event, machine_->blockers ? machine_->blockers(event) : std::vector<Blocker>()};
    bool told_paused = std::any_of(option.blocked_by.begin(), option.blocked_by.end(),
                                   [](const Blocker& b) { return b.kind == BlockerKind::kPaused; });
    if (is_paused && event != LifecycleEvent::kResume && !told_paused) {
      Blocker pause;
      pause.kind = BlockerKind::kPaused;
      option.blocked_by.push_back(pause);
    }
    next.push_back(std::move(option));
  }
  return next;
}

std::vector<LifecycleEvent> Lifecycle::AllowedEvents() const {
  std::vector<LifecycleEvent> allowed;
  for (const NextEvent& option : NextEvents()) {
    if (option.blocked_by.empty()) allowed.push_back(option.event);
  }
  return allowed;
}

Lifecycle::Outcome Lifecycle::Apply(LifecycleEvent event) {
  if (!IsOffered(phase(), paused(), event, machine_->phases)) return Outcome::kNotAllowedHere;
  msm::back::HandledEnum handled = kFirers[Index(event)](machine_->fsm);
  if (handled == msm::back::HANDLED_TRUE) return Outcome::kApplied;
  if (handled == msm::back::HANDLED_GUARD_REJECT) return Outcome::kBlocked;
  return Outcome::kNotAllowedHere;
}

int Lifecycle::entries_run() const { return machine_->fsm.entries_run; }

}  // namespace scr
