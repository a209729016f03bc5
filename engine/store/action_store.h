// What the commands keep of improvement actions (QM15, QM18): the actions, their progress updates and the
// follow-up checks planned when one is completed. Used on one thread (the caller's connection), inside the
// caller's transaction; a storage failure throws (std::exception), a lookup that misses gives nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/date.h"
#include "engine/ids.h"
#include "engine/improvement_actions.h"

namespace scr {

// What an update of an action reads before it decides.
struct ActionBeforeUpdate {
  std::string status;
  Date due;  // the default Date when the stored one cannot be read
  std::string impact;
  std::string impact_measure;
  std::string owner_agency;
};

// An action's row after an update. `status_reason` empty keeps the one recorded; `lead` unset keeps it;
// `on` is the day the update is made: the completion or evidence day when the status becomes one of those.
struct ActionChange {
  int64_t action = 0;
  std::string status;
  std::string status_reason;
  std::optional<std::string> lead;
  Date due;
  std::string impact;
  std::string impact_measure;
  Date on;
};

// A pending follow-up as its closing reads it.
struct StoredFollowUp {
  std::string status;
  int64_t action = 0;
};

class ActionStore {
 public:
  virtual ~ActionStore() = default;

  // Stores a new action of `review` (its id, status and derived fields are not read); its id.
  virtual int64_t InsertAction(ReviewId review, const ImprovementAction& action, const std::string& recorded_by,
                               const std::string& at) = 0;
  virtual std::optional<ActionBeforeUpdate> ReadAction(ReviewId review, int64_t action) = 0;
  virtual void UpdateAction(const ActionChange& change, const std::string& at) = 0;
  // One progress update of `action` (update.status empty: the status did not change).
  virtual void InsertActionUpdate(int64_t action, const ActionUpdate& update) = 0;

  // A follow-up check of a completed action, due on `due`; its id.
  virtual int64_t InsertFollowUp(int64_t action, ReviewId review, const std::string& after_completion, Date due,
                                 const std::string& at) = 0;
  virtual std::optional<StoredFollowUp> ReadFollowUp(ReviewId review, int64_t follow_up) = 0;
  // Closes the follow-up `closed.id`: its status (done, waived), findings or reason, day and who closed it.
  virtual void CloseFollowUp(const FollowUp& closed) = 0;
};

}  // namespace scr
