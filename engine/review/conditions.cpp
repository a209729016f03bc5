#include "review/conditions.h"

#include <nlohmann/json.hpp>

namespace scr {

Status CompleteReferralConditions(const WorkflowDefinition& workflow, std::map<std::string, bool>* conditions) {
  for (const auto& answer : *conditions) {
    if (!workflow.FindCondition(answer.first)) {
      return Status::InvalidArgument("unknown condition '" + answer.first + "': the conditions of " + workflow.name +
                                     " are " + workflow.ConditionKeys());
    }
  }
  for (const ConditionDefinition& condition : workflow.conditions) {
    if (conditions->count(condition.key)) continue;
    if (condition.required) {
      return Status::InvalidArgument("the referral must answer the condition " + condition.key + " (" +
                                     condition.question + "), true or false, in conditions");
    }
    (*conditions)[condition.key] = false;
  }
  return Status::Ok();
}

uint32_t ConditionsHeld(const WorkflowDefinition& workflow, const std::map<std::string, bool>& conditions) {
  uint32_t held = 0;
  for (size_t i = 0; i < workflow.conditions.size() && i < 32; ++i) {
    auto answer = conditions.find(workflow.conditions[i].key);
    if (answer != conditions.end() && answer->second) held |= 1u << i;
  }
  return held;
}

std::string EncodeConditions(const std::map<std::string, bool>& conditions) {
  return nlohmann::json(conditions).dump();
}

std::map<std::string, bool> DecodeConditions(const std::string& text) {
  std::map<std::string, bool> conditions;
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return conditions;
  for (const auto& item : json.items()) {
    if (item.value().is_boolean()) conditions[item.key()] = item.value().get<bool>();
  }
  return conditions;
}

}  // namespace scr
