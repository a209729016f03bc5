#include "json_mapping.h"

#include "engine/json_depth.h"

namespace scr {
namespace {

nlohmann::json Events(const std::vector<LifecycleEvent>& events) {
  nlohmann::json list = nlohmann::json::array();
  for (LifecycleEvent event : events) list.push_back(EventName(event));
  return list;
}

std::string DescribeEscalation(const EscalationStep& step) {
  return DescribeDuration(step.after) + " after the due date: " + (step.role ? RoleName(*step.role) : "the owner");
}

}  // namespace

nlohmann::json ToJson(const HistoryEvent& event) {
  // Data nested too deeply to write back safely (none is accepted, but a history may come from elsewhere)
  // shows as empty, as unreadable data does.
  nlohmann::json data = JsonDepthWithin(event.data) ? nlohmann::json::parse(event.data, nullptr, false)
                                                    : nlohmann::json(nlohmann::json::value_t::discarded);
  return {{"seq", event.seq},
          {"at", event.at},
          {"actor", event.actor},
          {"event", event.event},
          {"reason", event.reason},
          {"data", data.is_discarded() ? nlohmann::json::object() : data},
          {"hash", event.hash}};
}

namespace {

nlohmann::json MarkerOrNull(int number) { return number > 0 ? nlohmann::json(number) : nlohmann::json(nullptr); }

}  // namespace

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
  json["conditions"] = nlohmann::json::array();
  for (const ConditionDefinition& condition : workflow.conditions) {
    json["conditions"].push_back({{"key", condition.key},
                                  {"label", condition.label},
                                  {"question", condition.question},
                                  {"source", condition.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(condition.source)},
                                  {"required", condition.required}});
  }
  json["information_requests"] = {
      {"marker", MarkerOrNull(workflow.information_request_chain.marker)},
      {"marker_before_decision", MarkerOrNull(workflow.information_marker_before_decision)}};
  json["improvement_actions"] = {{"marker", MarkerOrNull(workflow.action_chain.marker)}};
  json["timescale"] = nullptr;
  if (const std::optional<TimescaleDefinition>& timescale = workflow.timescale) {
    json["timescale"] = {{"due_rule", timescale->due.text},
                         {"met_by", EventName(timescale->met_by)},
                         {"source", timescale->source.empty() ? nlohmann::json(nullptr) : nlohmann::json(timescale->source)},
                         {"local_default", timescale->local_default}};
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
                                   {"source", c.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.source)},
                                   {"local_default", c.local_default},
                                   {"blocks", Events(c.blocks)},
                                   {"condition", c.condition ? nlohmann::json(c.condition->text) : nlohmann::json(nullptr)},
                                   {"reminders", reminders},
                                   {"escalation", escalation}});
  }
  return json;
}

}  // namespace scr
