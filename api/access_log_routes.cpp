// The access log of a review, for admins: who read it, when, through which route.
#include <algorithm>

#include "json/resources.h"
#include "list_params.h"
#include "problem.h"
#include "routes.h"

namespace scr {
namespace {

void ListReads(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  PageParams page;
  if (std::optional<std::string> wrong = ReadPageParams(context.request, &page)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  Result<std::vector<ReviewRead>> reads =
      api.access_log->Reads(context.actor.board_id, *id, page.after, page.limit);
  if (!reads.ok()) return WriteProblem(context.response, reads.status());
  nlohmann::json items = nlohmann::json::array();
  for (const ReviewRead& read : *reads) items.push_back(ToJson(read));
  WriteJson(context.response, 200,
            {{"items", items}, {"next_cursor", NextCursor(reads->size(), page, reads->empty() ? 0 : reads->back().id)}});
}

}  // namespace

std::vector<Route> AccessLogRoutes(ApiContext& api) {
  return {
      {"GET", R"(/api/v1/reviews/(\d+)/access-log)", true, {Role::kAdmin},
       [&api](RequestContext& context) { ListReads(api, context); }},
  };
}

}  // namespace scr
