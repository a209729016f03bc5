// The access log of a review, for admins: who read it, when, through which route.
#include <algorithm>

#include "problem.h"
#include "routes.h"

namespace scr {
namespace {

nlohmann::json ToJson(const ReviewRead& read) {
  return {{"id", read.id},
          {"read_at", read.read_at},
          {"route", read.route},
          {"actor", {{"name", read.actor_name},
                     {"role", RoleName(read.actor_role)},
                     {"user", read.user_id ? nlohmann::json(*read.user_id) : nlohmann::json(nullptr)},
                     {"token", read.token_id ? nlohmann::json(*read.token_id) : nlohmann::json(nullptr)}}}};
}

void ListReads(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  std::optional<int64_t> after;
  int limit = 100;
  try {
    const httplib::Request& request = context.request;
    if (request.has_param("cursor") && !request.get_param_value("cursor").empty()) {
      after = std::stoll(request.get_param_value("cursor"));
    }
    if (request.has_param("limit")) limit = std::clamp(std::stoi(request.get_param_value("limit")), 1, 500);
  } catch (const std::exception&) {
    return WriteProblem(context.response, 400, "Bad request", "cursor and limit must be whole numbers");
  }
  Result<std::vector<ReviewRead>> reads = api.access_log->Reads(context.actor.board_id, *id, after, limit);
  if (!reads.ok()) return WriteProblem(context.response, reads.status());
  nlohmann::json items = nlohmann::json::array();
  for (const ReviewRead& read : *reads) items.push_back(ToJson(read));
  bool full = static_cast<int>(reads->size()) == limit;
  WriteJson(context.response, 200,
            {{"items", items},
             {"next_cursor", full ? nlohmann::json(std::to_string(reads->back().id)) : nlohmann::json(nullptr)}});
}

}  // namespace

std::vector<Route> AccessLogRoutes(ApiContext& api) {
  return {
      {"GET", R"(/api/v1/reviews/(\d+)/access-log)", true, {Role::kAdmin},
       [&api](RequestContext& context) { ListReads(api, context); }},
  };
}

}  // namespace scr
