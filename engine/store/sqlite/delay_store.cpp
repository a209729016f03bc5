#include "store/sqlite/delay_store.h"

namespace scr {

void SqliteDelayStore::RecordDelay(ReviewId review, const Delay& delay) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO delays (review_id, checkpoint, previous_due, new_due, reason, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, review);
  insert->bindNoCopy(2, delay.checkpoint);
  insert->bind(3, delay.previous_due.ToString());
  insert->bind(4, delay.new_due.ToString());
  insert->bindNoCopy(5, delay.reason);
  insert->bindNoCopy(6, delay.recorded_by);
  insert->bindNoCopy(7, delay.recorded_at);
  insert->exec();
}

void SqliteDelayStore::SetItemDue(ItemKind kind, int64_t item, Date due) {
  // One literal per table: statements are cached by the literal.
  const char* sql = kind == ItemKind::kInformationRequest ? "UPDATE information_requests SET due = ? WHERE id = ?"
                    : kind == ItemKind::kAction           ? "UPDATE improvement_actions SET due = ? WHERE id = ?"
                                                          : "UPDATE follow_ups SET due = ? WHERE id = ?";
  Database::Statement update = database_.Prepare(sql);
  update->bind(1, due.ToString());
  update->bind(2, item);
  update->exec();
}

}  // namespace scr
