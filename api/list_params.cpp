#include "list_params.h"

namespace scr {

std::optional<std::string> ReadStateAndOverdue(const httplib::Request& request, std::optional<Phase>* phase,
                                               std::optional<bool>* overdue) {
  if (request.has_param("state") && !request.get_param_value("state").empty()) {
    *phase = PhaseFromName(request.get_param_value("state"));
    if (!*phase) return "unknown state '" + request.get_param_value("state") + "'";
  }
  if (request.has_param("overdue") && !request.get_param_value("overdue").empty()) {
    std::string value = request.get_param_value("overdue");
    if (value != "true" && value != "false") return std::string("overdue must be true or false");
    *overdue = value == "true";
  }
  return std::nullopt;
}

}  // namespace scr
