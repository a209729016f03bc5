// A family member as recorded for a review (read only by the roles that may).
#include "json/resources.h"

namespace scr {

nlohmann::json ToJson(const FamilyMember& member) {
  return {{"id", member.id},
          {"name", member.name},
          {"relationship", member.relationship},
          {"date_of_birth", member.date_of_birth ? nlohmann::json(member.date_of_birth->ToString()) : nlohmann::json(nullptr)},
          {"involvement", member.involvement},
          {"reason", member.reason},
          {"support_needs", member.support_needs},
          {"address", member.address},
          {"other_identifiers", member.other_identifiers},
          {"recorded_by", member.recorded_by},
          {"created_at", member.created_at}};
}

}  // namespace scr
