#include "engine/roles.h"

namespace scr {
namespace {
constexpr const char* kRoleNames[] = {"admin", "business_unit", "chair", "lead_reviewer", "agency", "viewer"};
}

const char* RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> RoleFromName(std::string_view name) {
  for (int i = 0; i < 6; ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return std::nullopt;
}

}  // namespace scr
