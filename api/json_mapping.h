// Mapping between the engine's value types and the JSON of the contract.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/model.h"
#include "engine/workflow.h"

namespace scr {

nlohmann::json ToJson(const ReviewSummary& summary);
nlohmann::json ToJson(const ReviewView& review, const WorkflowDefinition* workflow);
nlohmann::json ToJson(const CheckpointView& checkpoint);
nlohmann::json ToJson(const ParallelProcess& process);
nlohmann::json ToJson(const HistoryEvent& event);
nlohmann::json WorkflowSummaryJson(const WorkflowDefinition& workflow);
nlohmann::json WorkflowDetailJson(const WorkflowDefinition& workflow);

}  // namespace scr
