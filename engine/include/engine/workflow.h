// A review type as data: phase labels, Quality Markers, checkpoints with due rules, conditions, what they
// block, reminders and escalation. Loaded from workflows/*.yaml and validated once; immutable afterwards
// and safe to share between threads.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"
#include "engine/lifecycle.h"
#include "engine/roles.h"
#include "engine/status.h"

namespace scr {

struct Duration {
  enum class Unit { kWorkingDays, kDays, kWeeks, kMonths };
  int amount = 0;
  Unit unit = Unit::kWorkingDays;
};
std::string DescribeDuration(const Duration& duration);  // "10 working days"

// What a due rule counts from.
struct Anchor {
  enum class Kind { kReferral, kIncident, kEvent, kCheckpointDone };
  Kind kind = Kind::kReferral;
  std::vector<LifecycleEvent> events;  // kEvent: the first of these to happen
  std::string checkpoint;              // kCheckpointDone: the checkpoint whose completion starts the count
  size_t checkpoint_index = 0;         // kCheckpointDone: its index in the workflow, resolved by the loader
};

struct DueRule {
  enum class Kind { kAfterAnchor, kFixedDate };
  Kind kind = Kind::kAfterAnchor;
  Duration offset;
  Anchor anchor;
  Date fixed;
  std::string text;  // as written in the file, e.g. "10 working days after decide_to_review"
};

// A fact the workflow asks for at referral (e.g. child_died) that decides whether a checkpoint applies.
struct ConditionDefinition {
  std::string key;       // snake_case, unique in the file: the key of `conditions` in a referral
  std::string label;     // a short name users see
  std::string question;  // what the referral form asks, answered yes or no
  std::string source;    // the guidance that makes it matter, when one does
  bool required = false; // a referral must answer it
};

// A checkpoint's condition: one of the workflow's conditions, or its negation.
struct Condition {
  std::string key;      // a key of the workflow's conditions
  size_t index = 0;     // its place in WorkflowDefinition::conditions, resolved by the loader
  bool negated = false;
  std::string text;     // "child_died", "not statutory_criteria_met"
};

struct ReminderStep {
  Duration before;
};

struct EscalationStep {
  Duration after;
  std::optional<Role> role;  // empty: the checkpoint's owner
};

struct CheckpointDefinition {
  std::string key;
  std::string title;
  int marker = 0;
  Phase phase = Phase::kDecisionPending;
  Role owner_role = Role::kBusinessUnit;
  DueRule due;
  std::optional<Condition> condition;
  std::vector<LifecycleEvent> blocks;
  std::vector<ReminderStep> reminders;
  std::vector<EscalationStep> escalation;
  // Where the due rule comes from: the guidance that fixes it (chapter or paragraph), and whether it is the
  // board's own choice (`local_default`). A file gives at least one; both when a local choice sits within a
  // published limit. For the follow-up chain they describe `follow_ups_after_completion`.
  std::string source;
  bool local_default = false;
};

// A review type's overall timescale: when the whole review should be done (e.g. "6 months after
// decide_to_review"), the event that meets it, and where the rule comes from.
struct TimescaleDefinition {
  DueRule due;                                              // counted from a referral, incident or event
  LifecycleEvent met_by = LifecycleEvent::kSignOffReport;  // the event whose first day meets it
  std::string source;                                       // the guidance that fixes it (may be empty
  bool local_default = false;                               // when no public source does: the board's choice)
};

// An event that may not happen before a date the review type fixes: e.g. publish no sooner than "7 working
// days after publication_to_panel done" (the report went to the national bodies first).
struct NotBeforeRule {
  LifecycleEvent event = LifecycleEvent::kPublish;
  DueRule rule;        // the first day allowed, counted as a due date is
  std::string source;  // the guidance that fixes it
};

struct MarkerQuestion {
  std::string id;
  std::string text;
};

struct Marker {
  int number = 0;
  std::string name;
  std::string statement;
  std::vector<MarkerQuestion> questions;
};

struct PhaseLabel {
  std::string label;
  std::string description;
};

struct WorkflowDefinition {
  std::string name;
  std::string title;
  std::string description;
  std::string source_file;
  std::array<PhaseLabel, kPhaseCount> phases;
  PhaseSet used_phases;  // those the file lists (external_assurance only where the report goes outside first)
  std::vector<Marker> markers;
  std::vector<ConditionDefinition> conditions;    // at most kMaxConditions
  std::vector<CheckpointDefinition> checkpoints;  // in file order; due-rule dependencies come first in Plan()
  std::optional<TimescaleDefinition> timescale;   // absent when the file sets none
  // How an agency's information request is chased: its owner, reminders and escalation (no due rule:
  // each request has its own date), and its marker (`marker`; 0 when the file names none). A request made
  // while the review awaits its decision carries `information_marker_before_decision` (when set) instead.
  CheckpointDefinition information_request_chain;
  int information_marker_before_decision = 0;
  // How improvement actions are chased (each has its own date), and how close to its date an open action
  // turns amber.
  CheckpointDefinition action_chain;
  Duration action_amber_within{20, Duration::Unit::kWorkingDays};
  // The follow-up checks planned when an action is completed, counted from its completion (QM18), and how
  // they are chased.
  std::vector<Duration> follow_ups_after_completion;
  CheckpointDefinition follow_up_chain;
  // Dates before which an event may not happen (`not_before`).
  std::vector<NotBeforeRule> not_before;
  // The checkpoints that involve the family (`family_involvement`), by index: a parallel process holding
  // family involvement holds them, and the events they block.
  std::vector<size_t> family_involvement;

  static constexpr size_t kMaxConditions = 32;

  const CheckpointDefinition* FindCheckpoint(const std::string& key) const;
  const ConditionDefinition* FindCondition(const std::string& key) const;
  // "child_died, statutory_criteria_met or family_lived_elsewhere" (or "none" when it declares none).
  std::string ConditionKeys() const;
  // The marker of an information request asked while the review was (or was not) awaiting its decision.
  int InformationRequestMarker(bool before_decision) const;
  std::optional<size_t> CheckpointIndex(const std::string& key) const;
  const PhaseLabel& Label(Phase phase) const { return phases[static_cast<size_t>(phase)]; }
  bool IsFamilyInvolvement(size_t checkpoint) const;
};

// Reads and validates review types. Every problem is reported as "file:line: message".
class WorkflowLoader {
 public:
  // One file: the definition, or every problem found in it.
  static Result<WorkflowDefinition> LoadFile(const std::string& path, std::vector<std::string>* errors);
  // Every *.yaml file of a folder (not its subfolders), sorted by name; names must be unique.
  static Result<std::vector<WorkflowDefinition>> LoadDirectory(const std::string& directory,
                                                               std::vector<std::string>* errors);
};

// The review types the engine runs, by name. Immutable once built.
class WorkflowRegistry {
 public:
  explicit WorkflowRegistry(std::vector<WorkflowDefinition> workflows);
  const WorkflowDefinition* Find(const std::string& name) const;
  const std::vector<std::shared_ptr<const WorkflowDefinition>>& all() const { return workflows_; }

 private:
  std::vector<std::shared_ptr<const WorkflowDefinition>> workflows_;
};

}  // namespace scr
