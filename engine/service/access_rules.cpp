#include "engine/access.h"

namespace scr {

std::string AgencyName(std::string_view text) {
  const char* kSpaces = " \t\r\n";
  size_t first = text.find_first_not_of(kSpaces);
  if (first == std::string_view::npos) return "";
  size_t last = text.find_last_not_of(kSpaces);
  return std::string(text.substr(first, last - first + 1));
}

std::optional<std::string> AgencyScope(const Actor& actor) {
  if (actor.role != Role::kAgency) return std::nullopt;
  return actor.agency;
}

bool MayActForAgency(const Actor& actor, const std::string& agency) {
  std::optional<std::string> scope = AgencyScope(actor);
  return !scope || (!scope->empty() && *scope == agency);
}

Result<std::optional<Role>> ActingFor(const Actor& actor, Role owner, bool chair_may_act, const std::string& what) {
  if (actor.role == owner) return std::optional<Role>();
  bool on_behalf = actor.role == Role::kAdmin || actor.role == Role::kBusinessUnit ||
                   (chair_may_act && actor.role == Role::kChair);
  if (on_behalf) return std::optional<Role>(owner);
  std::string others = chair_may_act ? "admin, business_unit or chair" : "admin or business_unit";
  return Status::PermissionDenied(std::string("only the ") + RoleName(owner) + " role may " + what + ", or " + others +
                                  " on its behalf; the role " + RoleName(actor.role) + " may not");
}

}  // namespace scr
