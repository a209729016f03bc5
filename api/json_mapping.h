// Mapping between the engine's value types and the JSON of the contract (a review's own: review_json.h).
#pragma once

#include <nlohmann/json.hpp>

#include "engine/model.h"
#include "engine/workflow.h"

namespace scr {

nlohmann::json ToJson(const HistoryEvent& event);
nlohmann::json WorkflowSummaryJson(const WorkflowDefinition& workflow);
nlohmann::json WorkflowDetailJson(const WorkflowDefinition& workflow);

}  // namespace scr
