// Moving a dated item (an information request, an improvement action) to a new due date: every move is
// recorded in the delay register (QM8) and the item is chased again from its new date.
#include "service/review_service_impl.h"

namespace scr {

void ReviewServiceImpl::MoveItemDue(ReviewId id, OpenReview& review, ItemKind kind, int64_t item, Date previous,
                                    Date due, const std::string& reason, const Actor& actor, const Context& context) {
  DatedItem moved{item, kind, 0, kNoDate};
  Database::Statement delay = database_->Prepare(
      "INSERT INTO delays (review_id, checkpoint, previous_due, new_due, reason, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  delay->bind(1, id);
  delay->bind(2, moved.Subject());
  delay->bind(3, previous.ToString());
  delay->bind(4, due.ToString());
  delay->bind(5, reason);
  delay->bind(6, DescribeActor(actor));
  delay->bindNoCopy(7, context.at);
  delay->exec();
  // Those of the old date are answered by the new one.
  ResolveItemAlerts(id, review, kind, item, context);
  for (DatedItem& open : review.items) {
    if (open.kind == kind && open.id == item) {
      open.due_days = due.days_since_epoch();
      open.fired_steps = 0;  // every step is planned again from the new date
    }
  }
}

}  // namespace scr
