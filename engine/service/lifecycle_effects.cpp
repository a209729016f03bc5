// What a lifecycle event changes beyond the review's phase: a pause kept, or ended with every deadline
// moved on by the working days paused (each move in the delay register); the report's quality assurance
// opened again when the report is reopened; the outcome of a decision not to review, and the decision
// whether to publish.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "service/review_service_impl.h"

namespace scr {

Status ReviewServiceImpl::ApplyEventEffects(ReviewId id, OpenReview& review, LifecycleEvent event,
                                            const ApplyEventCommand& command, nlohmann::json& data,
                                            const WorkingCalendar& calendar, const Context& context) {
  Date today = calendar.LocalDate(context.now);
  switch (event) {
    case LifecycleEvent::kPause: {
      review.paused_since = context.at;
      review.paused_on_days = today.days_since_epoch();
      review.pause_reason = command.reason;
      store_->reviews().SavePause(id, context.at, today, command.reason);
      return Status::Ok();
    }
    case LifecycleEvent::kResume: return ResumeReview(id, review, command.actor, today, calendar, context, data);
    case LifecycleEvent::kReopenReport:
    case LifecycleEvent::kReturnFromAssurance: ReopenReportQa(id, review, today, data); return Status::Ok();
    case LifecycleEvent::kDecideNotToReview:
      store_->reviews().SaveDecisionOutcome(id, data["outcome"].get<std::string>());
      return Status::Ok();
    case LifecycleEvent::kReconsider:  // the decision is open again: no outcome stands
      store_->reviews().SaveDecisionOutcome(id, std::nullopt);
      return Status::Ok();
    case LifecycleEvent::kPublish: store_->reviews().SavePublicationDecision(id, true, std::nullopt); return Status::Ok();
    case LifecycleEvent::kDecideNotToPublish:
      store_->reviews().SavePublicationDecision(id, false, data["summary_published"].get<bool>());
      return Status::Ok();
    default: return Status::Ok();
  }
}

Status ReviewServiceImpl::ResumeReview(ReviewId id, OpenReview& review, const Actor& actor, Date today,
                                       const WorkingCalendar& calendar, const Context& context, nlohmann::json& data) {
  int paused_days = WorkingDaysPausedSoFar(review, today, calendar);
  std::string reason = "Paused: " + review.pause_reason;
  std::vector<std::pair<size_t, Date>> checkpoint_moves;
  std::vector<std::pair<size_t, Date>> item_moves;
  // Every new date is worked out before anything is written.
  for (size_t i = 0; i < review.checkpoints.size() && paused_days > 0; ++i) {
    const CheckpointSlot& slot = review.checkpoints[i];
    if (slot.state != CheckpointState::kOpen || !slot.has_due()) continue;
    Result<Date> moved = calendar.AddWorkingDays(slot.due(), paused_days);
    if (!moved.ok()) return moved.status();
    checkpoint_moves.emplace_back(i, *moved);
  }
  for (size_t i = 0; i < review.items.size() && paused_days > 0; ++i) {
    if (review.items[i].due_days == kNoDate) continue;
    Result<Date> moved = calendar.AddWorkingDays(review.items[i].due(), paused_days);
    if (!moved.ok()) return moved.status();
    item_moves.emplace_back(i, *moved);
  }
  for (const auto& [index, due] : checkpoint_moves) {
    CheckpointSlot& slot = review.checkpoints[index];
    MoveCheckpointDue(id, slot, review.workflow->checkpoints[slot.definition].key, due, reason, actor, context);
  }
  for (const auto& [index, due] : item_moves) {
    DatedItem item = review.items[index];
    store_->delays().SetItemDue(item.kind, item.id, due);
    MoveItemDue(id, review, item.kind, item.id, item.due(), due, reason, actor, context);
  }
  review.working_days_paused += paused_days;
  review.paused_since.clear();
  review.paused_on_days = kNoDate;
  review.pause_reason.clear();
  store_->reviews().EndPause(id, review.working_days_paused);
  data["working_days_paused"] = paused_days;
  data["deadlines_moved"] = checkpoint_moves.size() + item_moves.size();
  spdlog::info("review {} resumed after {} working days paused; {} deadlines moved on", id, paused_days,
               checkpoint_moves.size() + item_moves.size());
  return Status::Ok();
}

void ReviewServiceImpl::ReopenReportQa(ReviewId id, OpenReview& review, Date today, nlohmann::json& data) {
  review.report_reopened_days = today.days_since_epoch();
  nlohmann::json reopened = nlohmann::json::array();
  for (CheckpointSlot& slot : review.checkpoints) {
    const CheckpointDefinition& definition = review.workflow->checkpoints[slot.definition];
    if (definition.phase != Phase::kReportQa) continue;
    slot.state = CheckpointState::kOpen;
    slot.closed_days = kNoDate;
    slot.extended = false;
    slot.fired_steps = 0;
    store_->reviews().ReopenCheckpoint(id, definition.key);
    reopened.push_back(definition.key);
  }
  store_->reviews().SaveReportReopened(id, today);
  // The history says which steps open again and from when their due dates count.
  data["reopened_checkpoints"] = reopened;
  data["counted_from"] = today.ToString();
}

}  // namespace scr
