// Moving a checkpoint or a dated item (an information request, an improvement action) to a new due date:
// every move is recorded in the delay register (QM8), the old date's alerts are resolved, and the item is
// chased again from its new date.
#include "service/commands/command_steps.h"

namespace scr {

void RecordDelay(ReviewId id, const std::string& subject, Date previous, Date due, const std::string& reason,
                 const Actor& actor, CommandContext& context) {
  Delay delay;
  delay.checkpoint = subject;
  delay.previous_due = previous;
  delay.new_due = due;
  delay.reason = reason;
  delay.recorded_by = DescribeActor(actor);
  delay.recorded_at = context.at();
  context.store().delays().RecordDelay(id, delay);
}

void MoveItemDue(ReviewId id, OpenReview& review, ItemKind kind, int64_t item, Date previous, Date due,
                 const std::string& reason, const Actor& actor, CommandContext& context) {
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

void MoveCheckpointDue(ReviewId id, CheckpointSlot& slot, const std::string& key, Date due, const std::string& reason,
                       const Actor& actor, CommandContext& context) {
  Date previous = slot.due();
  slot.due_days = due.days_since_epoch();
  slot.extended = true;
  slot.fired_steps = 0;  // every step is planned again from the new date
  context.store().reviews().ExtendCheckpoint(id, key, due);
  RecordDelay(id, key, previous, due, reason, actor, context);
}

void ResolveAlerts(ReviewId id, const std::string& subject, std::optional<Date> due, CommandContext& context) {
  context.store().alerts().ResolveAlerts(id, subject, due, context.at());
}

void ResolveItemAlerts(ReviewId id, const OpenReview& review, ItemKind kind, int64_t item, CommandContext& context) {
  std::optional<Date> due;
  for (const DatedItem& open : review.items) {
    if (open.kind == kind && open.id == item && open.due_days != kNoDate) due = open.due();
  }
  ResolveAlerts(id, DatedItem{item, kind, 0, kNoDate}.Subject(), due, context);
}

}  // namespace scr
