// A recorded read of a review (GET /reviews/{id}/access-log).
#include "json/resources.h"

namespace scr {

nlohmann::json ToJson(const ReviewRead& read) {
  return {{"id", read.id},
          {"read_at", read.read_at},
          {"route", read.route},
          {"actor", {{"name", read.actor_name},
                     {"role", RoleName(read.actor_role)},
                     {"user", read.user_id ? nlohmann::json(*read.user_id) : nlohmann::json(nullptr)},
                     {"token", read.token_id ? nlohmann::json(*read.token_id) : nlohmann::json(nullptr)}}}};
}

}  // namespace scr
