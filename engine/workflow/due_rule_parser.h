// Parses the small language of due rules, reminders and escalation delays (see workflows/README.md).
// Private to the workflow loader.
#pragma once

#include <string>

#include "engine/workflow.h"

namespace scr {

// "10 working days", "1 month", "2 weeks", "0 working days".
Result<Duration> ParseDuration(const std::string& text);
// "10 working days after decide_to_review", "1 month after referral", "on 2027-01-31",
// "5 working days after terms_of_reference_agreed done", "10 days after decide_to_review or decide_not_to_review".
// Checkpoint names are checked later by the loader, which knows the file's keys.
Result<DueRule> ParseDueRule(const std::string& text);
// "5 working days before"
Result<ReminderStep> ParseReminder(const std::string& text);
// "child_died", "not statutory_criteria_met": the key is checked later by the loader, which knows the
// workflow's conditions.
Result<Condition> ParseCondition(const std::string& text);

}  // namespace scr
