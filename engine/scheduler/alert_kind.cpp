#include "engine/alert_kind.h"

#include <array>

namespace scr {
namespace {

constexpr std::array<AlertKind, 6> kKinds = {AlertKind::kReminder,         AlertKind::kOverdue,
                                             AlertKind::kEscalation,       AlertKind::kDeadlineExtended,
                                             AlertKind::kTimescaleAtRisk, AlertKind::kTimescaleMissed};

}  // namespace

const char* AlertKindName(AlertKind kind) {
  switch (kind) {
    case AlertKind::kReminder: return "reminder";
    case AlertKind::kOverdue: return "overdue";
    case AlertKind::kEscalation: return "escalation";
    case AlertKind::kDeadlineExtended: return "deadline_extended";
    case AlertKind::kTimescaleAtRisk: return "timescale_at_risk";
    case AlertKind::kTimescaleMissed: return "timescale_missed";
  }
  return "reminder";
}

std::optional<AlertKind> AlertKindFromName(std::string_view name) {
  for (AlertKind kind : kKinds) {
    if (name == AlertKindName(kind)) return kind;
  }
  return std::nullopt;
}

}  // namespace scr
