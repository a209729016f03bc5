#include "engine/blocker.h"

namespace scr {

const char* BlockerKindName(BlockerKind kind) {
  switch (kind) {
    case BlockerKind::kCheckpoint: return "checkpoint";
    case BlockerKind::kHold: return "hold";
    case BlockerKind::kNotBefore: return "not_before";
    case BlockerKind::kPaused: return "paused";
    case BlockerKind::kAction: return "action";
    case BlockerKind::kFollowUp: return "follow_up";
  }
  return "checkpoint";
}

const char* HoldName(Hold hold) {
  switch (hold) {
    case Hold::kPublication: return "publication";
    case Hold::kFamilyInvolvement: return "family_involvement";
    case Hold::kReview: return "review";
  }
  return "publication";
}

std::optional<Hold> HoldFromName(const std::string& name) {
  for (Hold hold : {Hold::kPublication, Hold::kFamilyInvolvement, Hold::kReview}) {
    if (name == HoldName(hold)) return hold;
  }
  return std::nullopt;
}

std::string Blocker::Reference() const {
  switch (kind) {
    case BlockerKind::kCheckpoint: return key;
    case BlockerKind::kHold: return "parallel_process:" + std::to_string(process);
    case BlockerKind::kNotBefore: return "not_before:" + (date ? date->ToString() : std::string("not yet known"));
    case BlockerKind::kPaused: return "paused";
    case BlockerKind::kAction: return "action:" + std::to_string(item);
    case BlockerKind::kFollowUp: return "follow_up:" + std::to_string(item);
  }
  return key;
}

std::string Blocker::Describe() const {
  switch (kind) {
    case BlockerKind::kCheckpoint:
      return "checkpoint " + key + (due ? " (due " + due->ToString() + ")" : std::string());
    case BlockerKind::kHold:
      return "parallel process " + std::to_string(process) + " (" + process_kind + ") holding " +
             (holds ? HoldName(*holds) : "") + (key.empty() ? std::string() : " (" + key + ")");
    case BlockerKind::kNotBefore:
      return "not before " + (date ? date->ToString() : std::string("a date not yet known")) + " (" + rule + ")";
    case BlockerKind::kPaused: return "the review is paused" + (reason.empty() ? std::string() : ": " + reason);
    case BlockerKind::kAction: return "open improvement action " + std::to_string(item);
    case BlockerKind::kFollowUp: return "pending follow-up " + std::to_string(item);
  }
  return Reference();
}

}  // namespace scr
