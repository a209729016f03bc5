// What a lifecycle event changes beyond the review's phase: a pause kept, or ended with every deadline
// moved on by the working days paused (each move in the delay register); the report's quality assurance
// opened again when the report is reopened; the outcome of a decision not to review, and the decision
// whether to publish.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "service/commands/command_steps.h"

namespace scr {

namespace {

// The pause ends: every open deadline moves on by the working days paused, each move in the delay register.
Status ResumeReview(ReviewId id, OpenReview& review, const Actor& actor, Date today, const WorkingCalendar& calendar,
                    CommandContext& context, nlohmann::json& data) {
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
    context.store().delays().SetItemDue(item.kind, item.id, due);
    MoveItemDue(id, review, item.kind, item.id, item.due(), due, reason, actor, context);
  }
  review.working_days_paused += paused_days;
  review.paused_since.clear();
  review.paused_on_days = kNoDate;
  review.pause_reason.clear();
  context.store().reviews().EndPause(id, review.working_days_paused);
  data["working_days_paused"] = paused_days;
  data["deadlines_moved"] = checkpoint_moves.size() + item_moves.size();
  spdlog::info("review {} resumed after {} working days paused; {} deadlines moved on", id, paused_days,
               checkpoint_moves.size() + item_moves.size());
  return Status::Ok();
}

// The report's quality assurance opened again: its checkpoints open, counted from today.
void ReopenReportQa(ReviewId id, OpenReview& review, Date today, CommandContext& context, nlohmann::json& data) {
  review.report_reopened_days = today.days_since_epoch();
  nlohmann::json reopened = nlohmann::json::array();
  for (CheckpointSlot& slot : review.checkpoints) {
    const CheckpointDefinition& definition = review.workflow->checkpoints[slot.definition];
    if (definition.phase != Phase::kReportQa) continue;
    slot.state = CheckpointState::kOpen;
    slot.closed_days = kNoDate;
    slot.extended = false;
    slot.fired_steps = 0;
    context.store().reviews().ReopenCheckpoint(id, definition.key);
    reopened.push_back(definition.key);
  }
  context.store().reviews().SaveReportReopened(id, today);
  // The history says which steps open again and from when their due dates count.
  data["reopened_checkpoints"] = reopened;
  data["counted_from"] = today.ToString();
}

}  // namespace

Status ApplyEventEffects(ReviewId id, OpenReview& review, LifecycleEvent event, const ApplyEventCommand& command,
                         nlohmann::json& data, const WorkingCalendar& calendar, CommandContext& context) {
  Date today = calendar.LocalDate(context.now());
  switch (event) {
    case LifecycleEvent::kPause: {
      review.paused_since = context.at();
      review.paused_on_days = today.days_since_epoch();
      review.pause_reason = command.reason;
      context.store().reviews().SavePause(id, context.at(), today, command.reason);
      return Status::Ok();
    }
    case LifecycleEvent::kResume: return ResumeReview(id, review, command.actor, today, calendar, context, data);
    case LifecycleEvent::kReopenReport:
    case LifecycleEvent::kReturnFromAssurance: ReopenReportQa(id, review, today, context, data); return Status::Ok();
    case LifecycleEvent::kDecideNotToReview:
      context.store().reviews().SaveDecisionOutcome(id, data["outcome"].get<std::string>());
      return Status::Ok();
    case LifecycleEvent::kReconsider:  // the decision is open again: no outcome stands
      context.store().reviews().SaveDecisionOutcome(id, std::nullopt);
      return Status::Ok();
    case LifecycleEvent::kPublish:
      context.store().reviews().SavePublicationDecision(id, true, std::nullopt);
      return Status::Ok();
    case LifecycleEvent::kDecideNotToPublish:
      context.store().reviews().SavePublicationDecision(id, false, data["summary_published"].get<bool>());
      return Status::Ok();
    default: return Status::Ok();
  }
}

}  // namespace scr
