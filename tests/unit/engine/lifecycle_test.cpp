// The lifecycle machine: which event moves a review from which phase to which, what a guard refuses,
// and that a review restored from the database is in its phase without re-running entry actions.
#include "engine/lifecycle.h"

#include <catch2/catch.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace scr {
namespace {

// The transition table of CONTRACT.md, "The lifecycle every review type shares", in the domain's words:
//   decision_pending -> setting_up | not_proceeding (-> decision_pending again) -> commissioning ->
//   review_running <-> report_qa -> board_response -> [external_assurance] -> publication_pending ->
//   implementation -> closed, with the report reopened from after sign-off; pause and resume apart.
struct ContractTransition {
  const char* phase;
  const char* event;
  const char* next_phase;
};
constexpr ContractTransition kContractTransitions[] = {
    {"decision_pending", "decide_to_review", "setting_up"},
    {"decision_pending", "decide_not_to_review", "not_proceeding"},
    {"not_proceeding", "reconsider", "decision_pending"},
    {"setting_up", "commission", "commissioning"},
    {"commissioning", "start_review", "review_running"},
    {"review_running", "submit_report", "report_qa"},
    {"report_qa", "return_for_revision", "review_running"},
    {"report_qa", "sign_off_report", "board_response"},
    {"board_response", "agree_response", "publication_pending"},
    {"board_response", "send_for_assurance", "external_assurance"},
    {"board_response", "reopen_report", "report_qa"},
    {"external_assurance", "approve_assurance", "publication_pending"},
    {"external_assurance", "return_from_assurance", "report_qa"},
    {"external_assurance", "reopen_report", "report_qa"},
    {"publication_pending", "publish", "implementation"},
    {"publication_pending", "decide_not_to_publish", "implementation"},
    {"publication_pending", "reopen_report", "report_qa"},
    {"implementation", "close", "closed"},
};

const std::vector<std::string> kContractPhases = {
    "decision_pending", "not_proceeding", "setting_up",         "commissioning",       "review_running", "report_qa",
    "board_response",   "external_assurance", "publication_pending", "implementation", "closed"};
const std::vector<std::string> kContractEvents = {
    "decide_to_review", "decide_not_to_review", "commission",        "start_review",       "submit_report",
    "return_for_revision", "sign_off_report",   "agree_response",    "publish",            "close",
    "reconsider",       "send_for_assurance",   "approve_assurance", "return_from_assurance", "reopen_report",
    "decide_not_to_publish", "pause",           "resume"};

bool IsPauseEvent(LifecycleEvent event) { return event == LifecycleEvent::kPause || event == LifecycleEvent::kResume; }

// The phase the contract says `event` leads to from `phase`, by name; empty when there is no such move.
std::optional<std::string> ContractNextPhase(const std::string& phase, const std::string& event) {
  for (const ContractTransition& transition : kContractTransitions) {
    if (phase == transition.phase && event == transition.event) return std::string(transition.next_phase);
  }
  return std::nullopt;
}

// A review type that sends its report to an outside body first (a Domestic Homicide Review's Home Office
// panel), and one that does not (the first types).
PhaseSet WithAssurance() { return PhaseSet::All().Add(Phase::kExternalAssurance); }
PhaseSet PhasesFor(LifecycleEvent event) {
  return event == LifecycleEvent::kAgreeResponse ? PhaseSet::All() : WithAssurance();
}

BlockerQuery NothingBlocks() { return {}; }

Blocker OpenCheckpoint(std::string key) {
  Blocker blocker;
  blocker.key = std::move(key);
  return blocker;
}

// A guard that holds back `blocked` with an open checkpoint, and nothing else.
BlockerQuery OpenCheckpointBlocks(LifecycleEvent blocked, std::string checkpoint = "chair_decision") {
  return [blocked, checkpoint](LifecycleEvent event) {
    return event == blocked ? std::vector<Blocker>{OpenCheckpoint(checkpoint)} : std::vector<Blocker>{};
  };
}

Lifecycle Restored(Phase phase, BlockerQuery blockers = NothingBlocks(), PhaseSet phases = PhaseSet::All()) {
  Result<Lifecycle> restored = Lifecycle::Restore(PhaseName(phase), std::move(blockers), phases);
  REQUIRE(restored.ok());
  return std::move(restored).value();
}

std::vector<std::string> Names(const std::vector<LifecycleEvent>& events) {
  std::vector<std::string> names;
  for (LifecycleEvent event : events) names.push_back(EventName(event));
  return names;
}

// The events of `phase` the contract lists for a type without external assurance, pause last.
std::vector<std::string> ContractEventsOf(Phase phase) {
  std::vector<std::string> expected;
  for (const std::string& event : kContractEvents) {
    std::optional<std::string> next = ContractNextPhase(PhaseName(phase), event);
    if (next && *next != "external_assurance") expected.push_back(event);
  }
  if (phase != Phase::kClosed) expected.push_back("pause");
  return expected;
}

TEST_CASE("lifecycle: the phases and events are exactly those of the contract", "[engine][lifecycle]") {
  std::vector<std::string> phases;
  for (Phase phase : AllPhases()) phases.push_back(PhaseName(phase));
  CHECK(phases == kContractPhases);
  std::vector<std::string> events;
  for (LifecycleEvent event : AllEvents()) events.push_back(EventName(event));
  CHECK(events == kContractEvents);
}

TEST_CASE("lifecycle: every phase and event answers the contract's transition table", "[engine][lifecycle]") {
  int transitions = 0;
  for (Phase phase : AllPhases()) {
    for (LifecycleEvent event : AllEvents()) {
      CAPTURE(PhaseName(phase), EventName(event));
      std::optional<std::string> expected = ContractNextPhase(PhaseName(phase), EventName(event));
      if (IsPauseEvent(event) && phase != Phase::kClosed) expected = PhaseName(phase);  // the phase is kept
      std::optional<Phase> target = TransitionTarget(phase, event);
      REQUIRE(target.has_value() == expected.has_value());
      if (target) {
        CHECK(PhaseName(*target) == *expected);
        ++transitions;
      }
    }
  }
  CHECK(transitions == 18 + 2 * 10);  // the table's rows, and pause and resume in every phase but closed
}

TEST_CASE("lifecycle: a new review starts with the chair's decision pending", "[engine][lifecycle]") {
  Lifecycle lifecycle(NothingBlocks());
  CHECK(lifecycle.phase() == Phase::kDecisionPending);
  CHECK(lifecycle.Save() == "decision_pending");
  CHECK(lifecycle.entries_run() == 1);  // the initial phase was entered
  CHECK(Names(lifecycle.AllowedEvents()) ==
        std::vector<std::string>{"decide_to_review", "decide_not_to_review", "pause"});
}

TEST_CASE("lifecycle: a review restored into a phase is in that phase and runs no entry action",
          "[engine][lifecycle]") {
  for (Phase phase : AllPhases()) {
    CAPTURE(PhaseName(phase));
    Lifecycle lifecycle = Restored(phase);
    CHECK(lifecycle.phase() == phase);
    CHECK(lifecycle.Save() == PhaseName(phase));
    CHECK(lifecycle.entries_run() == 0);
  }
}

TEST_CASE("lifecycle: one event applied after a restore runs exactly one entry action",
          "[engine][lifecycle]") {
  for (const ContractTransition& transition : kContractTransitions) {
    CAPTURE(transition.phase, transition.event);
    LifecycleEvent event = *EventFromName(transition.event);
    Lifecycle lifecycle = Restored(*PhaseFromName(transition.phase), NothingBlocks(), PhasesFor(event));
    CHECK(lifecycle.Apply(event) == Lifecycle::Outcome::kApplied);
    CHECK(lifecycle.entries_run() == 1);
    CHECK(lifecycle.Save() == transition.next_phase);
  }
}

TEST_CASE("lifecycle: every move of the table is applied when nothing holds it back", "[engine][lifecycle]") {
  for (Phase phase : AllPhases()) {
    for (LifecycleEvent event : AllEvents()) {
      std::optional<Phase> target = TransitionTarget(phase, event);
      if (!target || event == LifecycleEvent::kResume) continue;  // resume: only from a pause
      CAPTURE(PhaseName(phase), EventName(event));
      Lifecycle lifecycle = Restored(phase, NothingBlocks(), PhasesFor(event));
      CHECK(lifecycle.Apply(event) == Lifecycle::Outcome::kApplied);
      CHECK(lifecycle.phase() == *target);
    }
  }
}

TEST_CASE("lifecycle: an event with no move from the current phase is not allowed there",
          "[engine][lifecycle]") {
  for (Phase phase : AllPhases()) {
    for (LifecycleEvent event : AllEvents()) {
      if (TransitionTarget(phase, event)) continue;
      CAPTURE(PhaseName(phase), EventName(event));
      Lifecycle lifecycle = Restored(phase, NothingBlocks(), WithAssurance());
      CHECK(lifecycle.Apply(event) == Lifecycle::Outcome::kNotAllowedHere);
      CHECK(lifecycle.phase() == phase);
      CHECK(lifecycle.entries_run() == 0);
    }
  }
}

TEST_CASE("lifecycle: an event held back by an open checkpoint is blocked and the phase stays",
          "[engine][lifecycle]") {
  for (Phase phase : AllPhases()) {
    for (LifecycleEvent event : AllEvents()) {
      if (!TransitionTarget(phase, event) || IsPauseEvent(event)) continue;
      CAPTURE(PhaseName(phase), EventName(event));
      Lifecycle lifecycle = Restored(phase, OpenCheckpointBlocks(event), PhasesFor(event));
      CHECK(lifecycle.Apply(event) == Lifecycle::Outcome::kBlocked);
      CHECK(lifecycle.phase() == phase);
      CHECK(lifecycle.Save() == PhaseName(phase));
      CHECK(lifecycle.entries_run() == 0);
    }
  }
}

TEST_CASE("lifecycle: a checkpoint blocking one event does not hold back another", "[engine][lifecycle]") {
  Lifecycle lifecycle =
      Restored(Phase::kDecisionPending, OpenCheckpointBlocks(LifecycleEvent::kDecideToReview));
  CHECK(lifecycle.Apply(LifecycleEvent::kDecideToReview) == Lifecycle::Outcome::kBlocked);
  CHECK(lifecycle.Apply(LifecycleEvent::kDecideNotToReview) == Lifecycle::Outcome::kApplied);
  CHECK(lifecycle.phase() == Phase::kNotProceeding);
}

TEST_CASE("lifecycle: an event with no move is not allowed here even while something would block it",
          "[engine][lifecycle]") {
  Lifecycle lifecycle = Restored(Phase::kSettingUp, OpenCheckpointBlocks(LifecycleEvent::kPublish));
  CHECK(lifecycle.Apply(LifecycleEvent::kPublish) == Lifecycle::Outcome::kNotAllowedHere);
}

TEST_CASE("lifecycle: once the checkpoint is done the blocked event goes through", "[engine][lifecycle]") {
  std::vector<Blocker> open_checkpoints{OpenCheckpoint("terms_of_reference_agreed")};
  Lifecycle lifecycle = Restored(Phase::kCommissioning, [&open_checkpoints](LifecycleEvent event) {
    return event == LifecycleEvent::kStartReview ? open_checkpoints : std::vector<Blocker>{};
  });
  CHECK(Names(lifecycle.AllowedEvents()) == std::vector<std::string>{"pause"});
  CHECK(lifecycle.Apply(LifecycleEvent::kStartReview) == Lifecycle::Outcome::kBlocked);
  open_checkpoints.clear();
  CHECK(Names(lifecycle.AllowedEvents()) == std::vector<std::string>{"start_review", "pause"});
  CHECK(lifecycle.Apply(LifecycleEvent::kStartReview) == Lifecycle::Outcome::kApplied);
  CHECK(lifecycle.phase() == Phase::kReviewRunning);
}

TEST_CASE("lifecycle: allowed events leave out those an open checkpoint blocks", "[engine][lifecycle]") {
  Lifecycle decision =
      Restored(Phase::kDecisionPending, OpenCheckpointBlocks(LifecycleEvent::kDecideNotToReview));
  CHECK(Names(decision.AllowedEvents()) == std::vector<std::string>{"decide_to_review", "pause"});

  Lifecycle qa = Restored(Phase::kReportQa,
                          OpenCheckpointBlocks(LifecycleEvent::kSignOffReport, "family_comment_on_report"));
  CHECK(Names(qa.AllowedEvents()) == std::vector<std::string>{"return_for_revision", "pause"});

  Lifecycle unblocked = Restored(Phase::kReportQa);
  CHECK(Names(unblocked.AllowedEvents()) ==
        std::vector<std::string>{"return_for_revision", "sign_off_report", "pause"});
}

TEST_CASE("lifecycle: allowed events are exactly the moves of the table from the phase",
          "[engine][lifecycle]") {
  for (Phase phase : AllPhases()) {
    CAPTURE(PhaseName(phase));
    CHECK(Names(Restored(phase).AllowedEvents()) == ContractEventsOf(phase));
  }
}

TEST_CASE("lifecycle: a stored phase the machine does not know is refused", "[engine][lifecycle]") {
  for (const char* stored : {"", "drafting", "Decision pending", "DECISION_PENDING", "decision_pending ", "review_running,asleep"}) {
    CAPTURE(stored);
    Result<Lifecycle> restored = Lifecycle::Restore(stored, NothingBlocks());
    CHECK_FALSE(restored.ok());
    CHECK(restored.status().code() == Status::Code::kInvalidArgument);
    CHECK_THAT(restored.status().message(), Catch::Contains(std::string("'") + stored + "'"));
  }
}

TEST_CASE("lifecycle: only a closed review has nothing more to do", "[engine][lifecycle]") {
  CHECK(IsEndPhase(Phase::kClosed));
  Lifecycle lifecycle = Restored(Phase::kClosed, NothingBlocks(), WithAssurance());
  CHECK(lifecycle.AllowedEvents().empty());
  for (LifecycleEvent event : AllEvents()) {
    CHECK(lifecycle.Apply(event) == Lifecycle::Outcome::kNotAllowedHere);
  }
  CHECK(lifecycle.phase() == Phase::kClosed);
  for (Phase phase : AllPhases()) {
    if (phase == Phase::kClosed) continue;
    CAPTURE(PhaseName(phase));
    CHECK_FALSE(IsEndPhase(phase));
  }
}

TEST_CASE("lifecycle: phase and event names round-trip", "[engine][lifecycle]") {
  std::set<std::string> phase_names;
  for (Phase phase : AllPhases()) {
    CAPTURE(PhaseName(phase));
    CHECK(PhaseFromName(PhaseName(phase)) == std::optional<Phase>(phase));
    CHECK(phase_names.insert(PhaseName(phase)).second);
  }
  std::set<std::string> event_names;
  for (LifecycleEvent event : AllEvents()) {
    CAPTURE(EventName(event));
    CHECK(EventFromName(EventName(event)) == std::optional<LifecycleEvent>(event));
    CHECK(event_names.insert(EventName(event)).second);
  }
  CHECK_FALSE(PhaseFromName("drafting").has_value());
  CHECK_FALSE(PhaseFromName("").has_value());
  CHECK_FALSE(EventFromName("approve").has_value());
  CHECK_FALSE(EventFromName("Publish").has_value());
}

TEST_CASE("lifecycle: a review walks from referral to closed, with one revision of the report",
          "[engine][lifecycle]") {
  Lifecycle lifecycle(NothingBlocks());
  const std::vector<std::pair<LifecycleEvent, Phase>> walk = {
      {LifecycleEvent::kDecideToReview, Phase::kSettingUp},
      {LifecycleEvent::kCommission, Phase::kCommissioning},
      {LifecycleEvent::kStartReview, Phase::kReviewRunning},
      {LifecycleEvent::kSubmitReport, Phase::kReportQa},
      {LifecycleEvent::kReturnForRevision, Phase::kReviewRunning},
      {LifecycleEvent::kSubmitReport, Phase::kReportQa},
      {LifecycleEvent::kSignOffReport, Phase::kBoardResponse},
      {LifecycleEvent::kAgreeResponse, Phase::kPublicationPending},
      {LifecycleEvent::kPublish, Phase::kImplementation},
      {LifecycleEvent::kClose, Phase::kClosed},
  };
  for (const auto& [event, phase] : walk) {
    CAPTURE(EventName(event));
    REQUIRE(lifecycle.Apply(event) == Lifecycle::Outcome::kApplied);
    CHECK(lifecycle.phase() == phase);
  }
  CHECK(lifecycle.entries_run() == 1 + static_cast<int>(walk.size()));
  CHECK(lifecycle.Save() == "closed");
}

TEST_CASE("lifecycle: a saved machine restores to the same phase and carries on", "[engine][lifecycle]") {
  Lifecycle original(NothingBlocks());
  REQUIRE(original.Apply(LifecycleEvent::kDecideToReview) == Lifecycle::Outcome::kApplied);
  REQUIRE(original.Apply(LifecycleEvent::kCommission) == Lifecycle::Outcome::kApplied);
  Result<Lifecycle> restored =
      Lifecycle::Restore(original.Save(), OpenCheckpointBlocks(LifecycleEvent::kStartReview));
  REQUIRE(restored.ok());
  Lifecycle lifecycle = std::move(restored).value();  // moved: the guard must still reach its query
  CHECK(lifecycle.phase() == Phase::kCommissioning);
  CHECK(lifecycle.Apply(LifecycleEvent::kStartReview) == Lifecycle::Outcome::kBlocked);
  Lifecycle moved_again = std::move(lifecycle);
  CHECK(moved_again.Apply(LifecycleEvent::kStartReview) == Lifecycle::Outcome::kBlocked);
  CHECK(moved_again.phase() == Phase::kCommissioning);
}

}  // namespace
}  // namespace scr
