// An information request to an agency.
#include "json/resources.h"

namespace scr {

nlohmann::json ToJson(const InformationRequest& request) {
  return {{"id", request.id},
          {"review", request.review_id},
          {"agency", request.agency},
          {"request", request.request},
          {"requested_on", request.requested_on.ToString()},
          {"due", request.due.ToString()},
          {"status", request.status},
          {"marker", request.marker > 0 ? nlohmann::json(request.marker) : nlohmann::json(nullptr)},
          {"before_decision", request.before_decision},
          {"answered_on", request.answered_on ? nlohmann::json(request.answered_on->ToString()) : nlohmann::json(nullptr)},
          {"reason", request.reason},
          {"recorded_by", request.recorded_by},
          {"created_at", request.created_at},
          {"updated_at", request.updated_at}};
}

}  // namespace scr
