// GET /work: the caller's work list. Every role sees its own work; admin and the business unit see the
// whole board's (narrowed with role=); an agency user, only its own agency's requests and actions.
#include "json_writer.h"
#include "list_params.h"
#include "problem.h"
#include "routes.h"

namespace scr {
namespace {

const std::vector<Role> kEveryRole = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                      Role::kAgency, Role::kViewer};
constexpr int kMaxWithin = 260;  // about a year of working days

void WriteBlocker(JsonWriter& json, const WorkBlocker& blocker) {
  json.BeginObject().Field("kind", blocker.kind);
  if (blocker.kind == "hold") {
    json.Field("process", blocker.process).Field("process_kind", blocker.process_kind).Field("holds", blocker.holds);
  } else if (blocker.kind == "paused") {
    json.Field("since", blocker.since).Field("reason", blocker.reason);
  } else {
    json.Field("key", blocker.key).Field("title", blocker.title);
  }
  json.EndObject();
}

// The page of the work list `page` asks for (the cursor counts the items of earlier pages).
std::string WorkJson(const WorkList& list, int within, const PageParams& page) {
  size_t start = std::min(static_cast<size_t>(page.after.value_or(0)), list.items.size());
  size_t end = std::min(start + static_cast<size_t>(page.limit), list.items.size());
  JsonWriter json(256 * (end - start + 1));
  json.BeginObject().Field("today", list.today.ToString()).Field("within", within).Key("items").BeginArray();
  for (size_t i = start; i < end; ++i) {
    const WorkItem& item = list.items[i];
    json.BeginObject()
        .Field("review", item.review)
        .Field("review_title", item.review_title)
        .Field("kind", WorkKindName(item.kind))
        .Field("key", item.key)
        .Field("title", item.title)
        .Field("due", item.due.ToString())
        .Field("working_days_left", item.working_days_left)
        .Field("status", item.status)
        .Field("owner_role", RoleName(item.owner_role))
        .Field("owner_agency", item.owner_agency.empty() ? std::nullopt : std::optional<std::string>(item.owner_agency))
        .Key("blocked_by")
        .BeginArray();
    for (const WorkBlocker& blocker : item.blocked_by) WriteBlocker(json, blocker);
    json.EndArray().EndObject();
  }
  json.EndArray().Key("next_cursor");
  if (end < list.items.size()) json.String(std::to_string(end));
  else json.Null();
  json.EndObject();
  return json.Take();
}

// The work filter the caller may have; the detail of a 400 or a 403 otherwise (`forbidden` says which).
std::optional<std::string> ReadWorkFilter(const RequestContext& context, WorkFilter* filter, bool* forbidden) {
  const httplib::Request& request = context.request;
  if (request.has_param("within")) {
    const std::string text = request.get_param_value("within");
    bool digits = !text.empty() && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(text) > kMaxWithin) {
      return "within must be a whole number of working days from 0 to " + std::to_string(kMaxWithin) +
             ", for example within=10; it was '" + text + "'";
    }
    filter->within_working_days = std::stoi(text);
  }
  const Actor& actor = context.actor;
  bool whole_board = actor.role == Role::kAdmin || actor.role == Role::kBusinessUnit;
  filter->role = whole_board ? std::nullopt : std::optional<Role>(actor.role);
  if (request.has_param("role") && !request.get_param_value("role").empty()) {
    std::optional<Role> asked = RoleFromName(request.get_param_value("role"));
    if (!asked) {
      return "unknown role '" + request.get_param_value("role") +
             "'; use admin, business_unit, chair, lead_reviewer, agency or viewer";
    }
    if (!whole_board && *asked != actor.role) {
      *forbidden = true;
      return std::string("the role ") + RoleName(actor.role) + " may see only its own work: ask without role= (or with role=" +
             RoleName(actor.role) + "); admin and business_unit may see another role's";
    }
    filter->role = asked;
  }
  filter->agency_scope = AgencyScope(actor);
  return std::nullopt;
}

void GetWork(ApiContext& api, RequestContext& context) {
  WorkFilter filter;
  bool forbidden = false;
  if (std::optional<std::string> wrong = ReadWorkFilter(context, &filter, &forbidden)) {
    return WriteProblem(context.response, forbidden ? 403 : 400, forbidden ? "Forbidden" : "Bad request", *wrong);
  }
  PageParams page;
  if (std::optional<std::string> wrong = ReadPageParams(context.request, &page)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  Result<WorkList> list = (*queries)->Work(context.actor.board_id, filter);
  if (!list.ok()) return WriteProblem(context.response, list.status());
  WriteJsonText(context.response, 200, WorkJson(*list, filter.within_working_days, page));
}

}  // namespace

std::vector<Route> WorkRoutes(ApiContext& api) {
  return {{"GET", "/api/v1/work", true, kEveryRole, [&api](RequestContext& context) { GetWork(api, context); }}};
}

}  // namespace scr
