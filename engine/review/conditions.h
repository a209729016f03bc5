// A review's answers to its workflow's conditions (child_died, ...): checked at referral, stored as a JSON
// object in reviews.conditions, and held by an open review as one bit per condition. Free functions,
// no state.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "engine/status.h"
#include "engine/workflow.h"

namespace scr {

// Refuses a key the workflow does not declare and a required condition left unanswered, naming them;
// answers every other declared condition `false`.
Status CompleteReferralConditions(const WorkflowDefinition& workflow, std::map<std::string, bool>* conditions);
// Bit i set when the workflow's condition i holds.
uint32_t ConditionsHeld(const WorkflowDefinition& workflow, const std::map<std::string, bool>& conditions);
std::string EncodeConditions(const std::map<std::string, bool>& conditions);  // {"child_died":true,...}
std::map<std::string, bool> DecodeConditions(const std::string& text);      // {} when damaged

}  // namespace scr
