// What a lifecycle event changes beyond the review's phase: a pause kept, or ended with every deadline
// moved on by the working days paused (each move in the delay register); the report's quality assurance
// opened again when the report is reopened; the outcome of a decision not to review, and the decision
// whether to publish.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "service/review_service_impl.h"

namespace scr {
namespace {

const char* ItemTable(ItemKind kind) {
  switch (kind) {
    case ItemKind::kInformationRequest: return "UPDATE information_requests SET due = ? WHERE id = ?";
    case ItemKind::kAction: return "UPDATE improvement_actions SET due = ? WHERE id = ?";
    case ItemKind::kFollowUp: return "UPDATE follow_ups SET due = ? WHERE id = ?";
  }
  return "UPDATE information_requests SET due = ? WHERE id = ?";
}

}  // namespace

Status ReviewServiceImpl::ApplyEventEffects(ReviewId id, OpenReview& review, LifecycleEvent event,
                                            const ApplyEventCommand& command, nlohmann::json& data,
                                            const WorkingCalendar& calendar, const Context& context) {
  Date today = calendar.LocalDate(context.now);
  switch (event) {
    case LifecycleEvent::kPause: {
      review.paused_since = context.at;
      review.paused_on_days = today.days_since_epoch();
      review.pause_reason = command.reason;
      Database::Statement pause = database_->Prepare(
          "UPDATE reviews SET paused_since = ?, paused_on = ?, pause_reason = ? WHERE id = ?");
      pause->bind(1, context.at);
      pause->bind(2, today.ToString());
      pause->bind(3, command.reason);
      pause->bind(4, id);
      pause->exec();
      return Status::Ok();
    }
    case LifecycleEvent::kResume: return ResumeReview(id, review, command.actor, today, calendar, context, data);
    case LifecycleEvent::kReopenReport:
    case LifecycleEvent::kReturnFromAssurance: ReopenReportQa(id, review, today, data); return Status::Ok();
    case LifecycleEvent::kDecideNotToReview:
    case LifecycleEvent::kReconsider: {
      Database::Statement outcome = database_->Prepare("UPDATE reviews SET decision_outcome = ? WHERE id = ?");
      if (event == LifecycleEvent::kDecideNotToReview) outcome->bind(1, data["outcome"].get<std::string>());
      outcome->bind(2, id);
      outcome->exec();
      return Status::Ok();
    }
    case LifecycleEvent::kPublish:
    case LifecycleEvent::kDecideNotToPublish: {
      Database::Statement decision =
          database_->Prepare("UPDATE reviews SET publication = ?, summary_published = ? WHERE id = ?");
      decision->bind(1, event == LifecycleEvent::kPublish ? "published" : "not_published");
      if (event == LifecycleEvent::kDecideNotToPublish) decision->bind(2, data["summary_published"].get<bool>() ? 1 : 0);
      decision->bind(3, id);
      decision->exec();
      return Status::Ok();
    }
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
    Database::Statement update = database_->Prepare(ItemTable(item.kind));
    update->bind(1, due.ToString());
    update->bind(2, item.id);
    update->exec();
    MoveItemDue(id, review, item.kind, item.id, item.due(), due, reason, actor, context);
  }
  review.working_days_paused += paused_days;
  review.paused_since.clear();
  review.paused_on_days = kNoDate;
  review.pause_reason.clear();
  Database::Statement resume = database_->Prepare(
      "UPDATE reviews SET paused_since = NULL, paused_on = NULL, pause_reason = '', working_days_paused = ? "
      "WHERE id = ?");
  resume->bind(1, review.working_days_paused);
  resume->bind(2, id);
  resume->exec();
  data["working_days_paused"] = paused_days;
  data["deadlines_moved"] = checkpoint_moves.size() + item_moves.size();
  spdlog::info("review {} resumed after {} working days paused; {} deadlines moved on", id, paused_days,
               checkpoint_moves.size() + item_moves.size());
  return Status::Ok();
}

void ReviewServiceImpl::ReopenReportQa(ReviewId id, OpenReview& review, Date today, nlohmann::json& data) {
  review.report_reopened_days = today.days_since_epoch();
  nlohmann::json reopened = nlohmann::json::array();
  Database::Statement reopen = database_->Prepare(
      "UPDATE checkpoints SET state = 'open', extended_due = NULL, closed_at = NULL, closed_on = NULL, "
      "closed_by = NULL, late_by_working_days = 0 WHERE review_id = ? AND key = ?");
  for (CheckpointSlot& slot : review.checkpoints) {
    const CheckpointDefinition& definition = review.workflow->checkpoints[slot.definition];
    if (definition.phase != Phase::kReportQa) continue;
    slot.state = CheckpointState::kOpen;
    slot.closed_days = kNoDate;
    slot.extended = false;
    slot.fired_steps = 0;
    reopen->bind(1, id);
    reopen->bind(2, definition.key);
    reopen->exec();
    reopen->reset();
    reopened.push_back(definition.key);
  }
  Database::Statement reopened_on = database_->Prepare("UPDATE reviews SET report_reopened_on = ? WHERE id = ?");
  reopened_on->bind(1, today.ToString());
  reopened_on->bind(2, id);
  reopened_on->exec();
  // The history says which steps open again and from when their due dates count.
  data["reopened_checkpoints"] = reopened;
  data["counted_from"] = today.ToString();
}

}  // namespace scr
