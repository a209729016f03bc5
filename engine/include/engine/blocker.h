// What holds a lifecycle event back, typed: an open checkpoint, a parallel process's hold, a review type's
// not-before date, a pause, or (for close) an open improvement action or a pending follow-up. The guards
// judge by these and a client is told them (`next_events[].blocked_by`, the 409 of a refused event).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/date.h"

namespace scr {

enum class LifecycleEvent : uint8_t;

enum class BlockerKind : uint8_t { kCheckpoint, kHold, kNotBefore, kPaused, kAction, kFollowUp };
const char* BlockerKindName(BlockerKind kind);  // checkpoint, hold, not_before, paused, action, follow_up

// What a parallel process may hold back (`holds`): the report's publication, the family's involvement in
// the review, or the review itself (its report's submission and sign-off).
enum class Hold : uint8_t { kPublication, kFamilyInvolvement, kReview };
const char* HoldName(Hold hold);  // publication, family_involvement, review
std::optional<Hold> HoldFromName(const std::string& name);

struct Blocker {
  BlockerKind kind = BlockerKind::kCheckpoint;
  // checkpoint: the open checkpoint (its key, title and due date, if it has one yet); a hold on family
  // involvement names the checkpoint it holds here too.
  std::string key;
  std::string title;
  std::optional<Date> due;
  // hold: the parallel process, its kind and what it holds.
  int64_t process = 0;
  std::string process_kind;
  std::optional<Hold> holds;
  // not_before: the first day the event may happen (null until what the rule counts from has happened),
  // the rule in words and where it comes from.
  std::optional<Date> date;
  std::string rule;
  std::string source;
  // paused: since when (RFC 3339) and why.
  std::string since;
  std::string reason;
  // action, follow_up: its id.
  int64_t item = 0;

  // The short form kept in a refusal's `blocking` list: "chair_decision", "parallel_process:3",
  // "not_before:2027-03-02", "paused", "action:7".
  std::string Reference() const;
  // In words, for a refusal's detail and a log line: "checkpoint chair_decision (due 2026-10-02)".
  std::string Describe() const;
};

// One event of the review's current phase and what holds it back now (nothing: it is allowed).
struct NextEvent {
  LifecycleEvent event;
  std::vector<Blocker> blocked_by;
};

}  // namespace scr
