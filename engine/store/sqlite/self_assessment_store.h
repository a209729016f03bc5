// SelfAssessmentStore on SQLite: the self_assessment_answers table. Borrows the caller's Database; not
// thread-safe (one connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/self_assessment_store.h"

namespace scr {

class SqliteSelfAssessmentStore final : public SelfAssessmentStore {
 public:
  explicit SqliteSelfAssessmentStore(Database& database) : database_(database) {}

  int64_t InsertAnswer(ReviewId review, const std::string& question, const SelfAssessmentAnswer& answer) override;

 private:
  Database& database_;
};

}  // namespace scr
