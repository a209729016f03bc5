// An improvement action with its follow-up checks (/reviews/{id}/actions, GET /actions).
#include "json/resources.h"

namespace scr {
namespace {

nlohmann::json OptionalDate(const std::optional<Date>& date) {
  return date ? nlohmann::json(date->ToString()) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json ToJson(const FollowUp& follow_up) {
  return {{"id", follow_up.id},
          {"action", follow_up.action_id},
          {"after_completion", follow_up.after_completion},
          {"due", follow_up.due.ToString()},
          {"status", follow_up.status},
          {"overdue", follow_up.overdue},
          {"change_holds", follow_up.change_holds ? nlohmann::json(*follow_up.change_holds) : nlohmann::json(nullptr)},
          {"findings", follow_up.findings},
          {"unintended_consequences", follow_up.unintended_consequences},
          {"reason", follow_up.reason},
          {"closed_on", OptionalDate(follow_up.closed_on)},
          {"closed_by", follow_up.closed_by}};
}

nlohmann::json ToJson(const ImprovementAction& action) {
  nlohmann::json updates = nlohmann::json::array();
  for (const ActionUpdate& update : action.updates) {
    updates.push_back({{"at", update.at},
                       {"author", update.author},
                       {"note", update.note},
                       {"status", update.status.empty() ? nlohmann::json(nullptr) : nlohmann::json(update.status)},
                       {"due", OptionalDate(update.due)}});
  }
  nlohmann::json follow_ups = nlohmann::json::array();
  for (const FollowUp& follow_up : action.follow_ups) follow_ups.push_back(ToJson(follow_up));
  return {{"id", action.id},
          {"review", action.review_id},
          {"review_title", action.review_title},
          {"title", action.title},
          {"finding", action.finding},
          {"recommendation", action.recommendation},
          {"owner_agency", action.owner_agency},
          {"lead", action.lead},
          {"priority", action.priority},
          {"business_plan_priority", action.business_plan_priority},
          {"due", action.due.ToString()},
          {"status", action.status},
          {"status_reason", action.status_reason},
          {"rag", action.rag},
          {"overdue", action.overdue},
          {"completed_on", OptionalDate(action.completed_on)},
          {"evidenced_on", OptionalDate(action.evidenced_on)},
          {"impact", action.impact},
          {"impact_measure", action.impact_measure},
          {"recorded_by", action.recorded_by},
          {"created_at", action.created_at},
          {"updated_at", action.updated_at},
          {"updates", updates},
          {"follow_ups", follow_ups}};
}

}  // namespace scr
