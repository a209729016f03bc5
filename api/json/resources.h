// The JSON of the contract for each resource, one file per resource in this folder (a review's own, written
// straight to text: review_json.h; the history and the workflows: json_mapping.h). The routes only route.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "engine/access_log.h"
#include "engine/board_metrics.h"
#include "engine/model.h"
#include "engine/notifications.h"

namespace scr {

nlohmann::json ToJson(const ReviewRead& read);                  // access_log.cpp
nlohmann::json ToJson(const FollowUp& follow_up);               // improvement_actions.cpp
nlohmann::json ToJson(const ImprovementAction& action);         // improvement_actions.cpp
nlohmann::json AlertJson(const Alert& alert);                   // alerts.cpp
// What fired while the simulated clock moved to `now`: counts by kind, the first alerts and a sentence that
// says it ("Moved to Mon 14 Dec 2026: ...").
nlohmann::json FiredJson(const FiredSummary& fired, const std::string& now);  // alerts.cpp
nlohmann::json ToJson(const SelfAssessmentAnswer& answer);      // self_assessment.cpp
nlohmann::json ToJson(const SelfAssessmentQuestion& question);  // self_assessment.cpp
nlohmann::json ToJson(const SelfAssessment& assessment);        // self_assessment.cpp
nlohmann::json ToJson(const Document& document);                // documents.cpp
nlohmann::json ToJson(const FamilyMember& member);              // family_members.cpp
nlohmann::json ToJson(const PrivacyIdentifierRecord& identifier);  // privacy_identifiers.cpp
nlohmann::json ToJson(const InformationRequest& request);       // information_requests.cpp
nlohmann::json ToJson(const BoardMetrics& metrics);             // board_metrics.cpp
// `base`: where the page is reached (PublicBase), for the item's link.
nlohmann::json ToJson(const InboxItem& item, const std::string& base);  // inbox.cpp

}  // namespace scr
