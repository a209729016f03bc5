#include "store/sqlite/self_assessment_store.h"

namespace scr {

int64_t SqliteSelfAssessmentStore::InsertAnswer(ReviewId review, const std::string& question,
                                                const SelfAssessmentAnswer& answer) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO self_assessment_answers (review_id, question_id, answer, note, evidence, phase, answered_by, "
      "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, review);
  insert->bind(2, question);
  insert->bind(3, answer.answer);
  insert->bind(4, answer.note);
  insert->bind(5, answer.evidence);
  insert->bind(6, answer.phase);
  insert->bind(7, answer.answered_by);
  insert->bindNoCopy(8, answer.answered_at);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

}  // namespace scr
