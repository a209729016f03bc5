// The roles of the contract: who may do what is decided by role, within one board.
#pragma once

#include <optional>
#include <string_view>

namespace scr {

enum class Role { kAdmin, kBusinessUnit, kChair, kLeadReviewer, kAgency, kViewer };

const char* RoleName(Role role);  // admin, business_unit, chair, lead_reviewer, agency, viewer
std::optional<Role> RoleFromName(std::string_view name);

}  // namespace scr
