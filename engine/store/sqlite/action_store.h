// ActionStore on SQLite: the improvement_actions, action_updates and follow_ups tables. Borrows the
// caller's Database; not thread-safe (one connection, one thread).
#pragma once

#include "store/action_store.h"
#include "store/sqlite/database.h"

namespace scr {

class SqliteActionStore final : public ActionStore {
 public:
  explicit SqliteActionStore(Database& database) : database_(database) {}

  int64_t InsertAction(ReviewId review, const ImprovementAction& action, const std::string& recorded_by,
                       const std::string& at) override;
  std::optional<ActionBeforeUpdate> ReadAction(ReviewId review, int64_t action) override;
  void UpdateAction(const ActionChange& change, const std::string& at) override;
  void InsertActionUpdate(int64_t action, const ActionUpdate& update) override;
  int64_t InsertFollowUp(int64_t action, ReviewId review, const std::string& after_completion, Date due,
                         const std::string& at) override;
  std::optional<StoredFollowUp> ReadFollowUp(ReviewId review, int64_t follow_up) override;
  void CloseFollowUp(const FollowUp& closed) override;

 private:
  Database& database_;
};

}  // namespace scr
