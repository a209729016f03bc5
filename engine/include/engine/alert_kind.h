// The kinds of alert the scheduler fires, shared by the engine that fires them and the notifier that
// words them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace scr {

enum class AlertKind : uint8_t { kReminder, kOverdue, kEscalation, kDeadlineExtended, kTimescaleAtRisk, kTimescaleMissed };
// reminder, overdue, escalation, deadline_extended, timescale_at_risk, timescale_missed
const char* AlertKindName(AlertKind kind);
std::optional<AlertKind> AlertKindFromName(std::string_view name);

}  // namespace scr
