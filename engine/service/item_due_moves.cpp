// Moving a dated item (an information request, an improvement action) to a new due date: every move is
// recorded in the delay register (QM8) and the item is chased again from its new date.
#include "service/review_service_impl.h"

namespace scr {

void ReviewServiceImpl::RecordDelay(ReviewId id, const std::string& subject, Date previous, Date due,
                                    const std::string& reason, const Actor& actor, const Context& context) {
  Delay delay;
  delay.checkpoint = subject;
  delay.previous_due = previous;
  delay.new_due = due;
  delay.reason = reason;
  delay.recorded_by = DescribeActor(actor);
  delay.recorded_at = context.at;
  store_->delays().RecordDelay(id, delay);
}

void ReviewServiceImpl::MoveItemDue(ReviewId id, OpenReview& review, ItemKind kind, int64_t item, Date previous,
                                    Date due, const std::string& reason, const Actor& actor, const Context& context) {
  RecordDelay(id, DatedItem{item, kind, 0, kNoDate}.Subject(), previous, due, reason, actor, context);
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
