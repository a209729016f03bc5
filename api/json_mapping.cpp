#include "json_mapping.h"

namespace scr {
namespace {

nlohmann::json Events(const std::vector<LifecycleEvent>& events) {
  nlohmann::json list = nlohmann::json::array();
  for (LifecycleEvent event : events) list.push_back(EventName(event));
  return list;
}

nlohmann::json OptionalDate(const std::optional<Date>& date) {
  return date ? nlohmann::json(date->ToString()) : nlohmann::json(nullptr);
}

std::string DescribeEscalation(const EscalationStep& step) {
  return DescribeDuration(step.after) + " after the due date: " + (step.role ? RoleName(*step.role) : "the owner");
}

}  // namespace

nlohmann::json ToJson(const ReviewSummary& summary) {
  return {{"id", summary.id},
          {"workflow", summary.workflow},
          {"title", summary.title},
          {"state", PhaseName(summary.phase)},
          {"referral_date", summary.referral_date.ToString()},
          {"next_due", OptionalDate(summary.next_due)},
          {"overdue_checkpoints", summary.overdue_count},
          {"active_parallel_processes", summary.active_processes},
          {"publication_holds", summary.publication_holds}};
}

nlohmann::json ToJson(const CheckpointView& checkpoint) {
  nlohmann::json json = {{"key", checkpoint.key},
                         {"title", checkpoint.title},
                         {"marker", checkpoint.marker},
                         {"phase", PhaseName(checkpoint.phase)},
                         {"owner_role", RoleName(checkpoint.owner_role)},
                         {"due_rule", checkpoint.due_rule},
                         {"due", OptionalDate(checkpoint.due)},
                         {"status", CheckpointStatusName(checkpoint.status)},
                         {"blocks", Events(checkpoint.blocks)}};
  if (checkpoint.working_days_left) json["working_days_left"] = *checkpoint.working_days_left;
  if (checkpoint.closed_at) {
    json["closed_at"] = *checkpoint.closed_at;
    json["closed_by"] = checkpoint.closed_by.value_or("");
    json["note"] = checkpoint.note;
    json["evidence"] = checkpoint.evidence;
  }
  return json;
}

nlohmann::json ToJson(const ParallelProcess& process) {
  return {{"id", process.id},
          {"kind", process.kind},
          {"status", process.status},
          {"holds_publication", process.holds_publication},
          {"owner", process.owner},
          {"notes", process.notes},
          {"created_at", process.created_at},
          {"updated_at", process.updated_at}};
}

nlohmann::json ToJson(const ReviewView& review, const WorkflowDefinition* workflow) {
  nlohmann::json json = ToJson(review.summary);
  if (workflow) json["state_label"] = workflow->Label(review.summary.phase).label;
  json["incident_date"] = review.referral.incident_date.ToString();
  json["rationale"] = review.referral.rationale;
  json["statutory_criteria_met"] = review.referral.statutory_criteria_met;
  json["child_died"] = review.referral.child_died;
  json["family_lived_elsewhere"] = review.referral.family_lived_elsewhere;
  json["late_referral_reason"] = review.referral.late_referral_reason;
  json["allowed_events"] = Events(review.allowed_events);
  json["checkpoints"] = nlohmann::json::array();
  for (const CheckpointView& checkpoint : review.checkpoints) json["checkpoints"].push_back(ToJson(checkpoint));
  json["parallel_processes"] = nlohmann::json::array();
  for (const ParallelProcess& process : review.parallel_processes) json["parallel_processes"].push_back(ToJson(process));
  json["delays"] = nlohmann::json::array();
  for (const Delay& delay : review.delays) {
    json["delays"].push_back({{"checkpoint", delay.checkpoint},
                              {"previous_due", delay.previous_due.ToString()},
                              {"new_due", delay.new_due.ToString()},
                              {"reason", delay.reason},
                              {"recorded_by", delay.recorded_by},
                              {"recorded_at", delay.recorded_at}});
  }
  json["created_at"] = review.created_at;
  json["updated_at"] = review.updated_at;
  return json;
}

nlohmann::json ToJson(const HistoryEvent& event) {
  nlohmann::json data = nlohmann::json::parse(event.data, nullptr, false);
  return {{"seq", event.seq},
          {"at", event.at},
          {"actor", event.actor},
          {"event", event.event},
          {"reason", event.reason},
          {"data", data.is_discarded() ? nlohmann::json::object() : data},
          {"hash", event.hash}};
}

nlohmann::json WorkflowSummaryJson(const WorkflowDefinition& workflow) {
  return {{"name", workflow.name}, {"title", workflow.title}, {"description", workflow.description}};
}

nlohmann::json WorkflowDetailJson(const WorkflowDefinition& workflow) {
  nlohmann::json json = WorkflowSummaryJson(workflow);
  json["phases"] = nlohmann::json::array();
  for (Phase phase : AllPhases()) {
    json["phases"].push_back({{"state", PhaseName(phase)},
                              {"label", workflow.Label(phase).label},
                              {"description", workflow.Label(phase).description}});
  }
  json["markers"] = nlohmann::json::array();
  for (const Marker& marker : workflow.markers) {
    nlohmann::json questions = nlohmann::json::array();
    for (const MarkerQuestion& q : marker.questions) questions.push_back({{"id", q.id}, {"text", q.text}});
    json["markers"].push_back(
        {{"number", marker.number}, {"name", marker.name}, {"statement", marker.statement}, {"questions", questions}});
  }
  json["checkpoints"] = nlohmann::json::array();
  for (const CheckpointDefinition& c : workflow.checkpoints) {
    nlohmann::json reminders = nlohmann::json::array();
    for (const ReminderStep& r : c.reminders) reminders.push_back(DescribeDuration(r.before) + " before");
    nlohmann::json escalation = nlohmann::json::array();
    for (const EscalationStep& e : c.escalation) {
      escalation.push_back({{"after", DescribeDuration(e.after)},
                            {"to", e.role ? RoleName(*e.role) : "owner"},
                            {"description", DescribeEscalation(e)}});
    }
    json["checkpoints"].push_back({{"key", c.key},
                                   {"title", c.title},
                                   {"marker", c.marker},
                                   {"phase", PhaseName(c.phase)},
                                   {"owner_role", RoleName(c.owner_role)},
                                   {"due_rule", c.due.text},
                                   {"blocks", Events(c.blocks)},
                                   {"condition", c.condition ? nlohmann::json(c.condition->text) : nlohmann::json(nullptr)},
                                   {"reminders", reminders},
                                   {"escalation", escalation}});
  }
  return json;
}

}  // namespace scr
