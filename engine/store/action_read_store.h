// Improvement actions, their updates and follow-up checks, and the self-assessment's answers, as read. An
// interface; its SQLite implementation is sqlite/read_stores.h. Used on one thread (the caller's
// connection), inside the caller's read; a storage failure throws (std::exception).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/improvement_actions.h"
#include "engine/model.h"

namespace scr {

// An action as stored, with its review's workflow: its RAG rating and overdue flag are the caller's to
// judge, its updates and follow-ups are not read (ReadActionUpdates, ReadFollowUps).
struct StoredAction {
  ImprovementAction action;
  std::string workflow;
};

// Which of a board's actions to read; every one when nothing is set.
struct ActionSelection {
  BoardId board = 0;
  std::optional<ReviewId> review;
  std::optional<std::string> agency;
  std::optional<std::string> agency_scope;  // also only this agency's
};

// An answer of the self-assessment with the question it answers.
struct StoredAnswer {
  std::string question;
  SelfAssessmentAnswer answer;  // its stage is the caller's to judge
};

class ActionReadStore {
 public:
  virtual ~ActionReadStore() = default;

  // The selected actions, by review then id.
  virtual std::vector<StoredAction> ReadActions(const ActionSelection& selection) = 0;
  virtual std::vector<ActionUpdate> ReadActionUpdates(int64_t action) = 0;
  // The action's follow-up checks, as stored (not yet judged overdue).
  virtual std::vector<FollowUp> ReadFollowUps(int64_t action) = 0;
  // For each of the board's reviews with actions: the day its actions were all evidenced (dropped ones
  // do not count), or nothing while they are not.
  virtual std::map<ReviewId, std::optional<Date>> ReadActionsEvidenced(BoardId board) = 0;
  virtual std::vector<StoredAnswer> ReadSelfAssessmentAnswers(ReviewId review) = 0;
};

}  // namespace scr
