// Alerts the scheduler fired, each with the titles of its review and of what it is about; acknowledging
// them; and the summary of what fired while the simulated clock moved (POST /admin/clock/advance).
#include "json/resources.h"
#include "list_params.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kAlertReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                         Role::kViewer};
// An alert is acknowledged by the role it was sent to, or by admin or the business unit on its behalf: the
// engine holds each alert to its recipient role (ActingFor, access.h), so every role may ask.
const std::vector<Role> kAcknowledgers = {Role::kAdmin,        Role::kBusinessUnit, Role::kChair,
                                          Role::kLeadReviewer, Role::kAgency,       Role::kViewer};
constexpr size_t kMaxAcknowledgedAtOnce = 200;  // a page of the alerts list

}  // namespace

namespace {

void ListAlerts(ApiContext& api, RequestContext& context) {
  const httplib::Request& request = context.request;
  AlertFilter filter;
  auto param = [&request](const char* name) -> std::optional<std::string> {
    if (!request.has_param(name) || request.get_param_value(name).empty()) return std::nullopt;
    return request.get_param_value(name);
  };
  try {
    filter.status = param("status");
    if (filter.status && *filter.status != "open" && *filter.status != "acknowledged" && *filter.status != "resolved") {
      return WriteProblem(context.response, 400, "Bad request", "status must be open, acknowledged or resolved");
    }
    if (auto review = param("review")) filter.review = std::stoll(*review);
    if (auto level = param("level")) filter.level = std::stoi(*level);
    if (auto role = param("role")) {
      filter.role = RoleFromName(*role);
      if (!filter.role) return WriteProblem(context.response, 400, "Bad request", "unknown role '" + *role + "'");
    }
  } catch (const std::exception&) {
    return WriteProblem(context.response, 400, "Bad request", "review and level must be whole numbers");
  }
  PageParams page_params;
  if (std::optional<std::string> wrong = ReadPageParams(request, &page_params)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  filter.after = page_params.after;
  filter.limit = page_params.limit;
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto page = (*queries)->ListAlerts(context.actor.board_id, filter);
  if (!page.ok()) return WriteProblem(context.response, page.status());
  nlohmann::json items = nlohmann::json::array();
  for (const Alert& alert : page->first) items.push_back(AlertJson(alert));
  WriteJson(context.response, 200,
            {{"items", items},
             {"next_cursor", page->second ? nlohmann::json(std::to_string(*page->second)) : nlohmann::json(nullptr)}});
}

// The note of an acknowledgement's body, which may be left empty; nothing, after answering 400, when the
// body is not {"note": TEXT} (or, with `ids`, {"ids": [...], "note": TEXT}).
std::optional<std::string> ReadNote(RequestContext& context, StrictObject& body) {
  std::optional<std::string> note = body.Text("note", false, 2000);
  if (!body.ok()) {
    WriteProblem(context.response, 400, "Bad request", body.error());
    return std::nullopt;
  }
  return note.value_or("");
}

void AcknowledgeAlert(ApiContext& api, RequestContext& context) {
  int64_t id = 0;
  try {
    id = std::stoll(context.request.matches[1].str());
  } catch (const std::exception&) {
    return WriteProblem(context.response, 404, "Not found", "no such alert");
  }
  bool empty = context.request.body.find_first_not_of(" \t\r\n") == std::string::npos;
  StrictObject body(empty ? "{}" : context.request.body, {"note"});
  std::optional<std::string> note = ReadNote(context, body);
  if (!note) return;
  CommandResult result = RunCommand(api, AcknowledgeAlertCommand{context.actor, {id}, *note});
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  WriteJson(context.response, 200, {{"id", id}, {"status", "acknowledged"}});
}

// Several alerts at once: all of them, or none (the refusal names the first that may not be acknowledged).
void AcknowledgeAlerts(ApiContext& api, RequestContext& context) {
  StrictObject body(context.request.body, {"ids", "note"});
  std::vector<int64_t> ids = body.IntegerList("ids", kMaxAcknowledgedAtOnce);
  if (body.ok() && ids.empty()) {
    return WriteProblem(context.response, 400, "Bad request", "'ids' must list the alerts to acknowledge");
  }
  std::optional<std::string> note = ReadNote(context, body);
  if (!note) return;
  CommandResult result = RunCommand(api, AcknowledgeAlertCommand{context.actor, ids, *note});
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  nlohmann::json items = nlohmann::json::array();
  for (int64_t id : ids) items.push_back({{"id", id}, {"status", "acknowledged"}});
  WriteJson(context.response, 200, {{"items", items}});
}

}  // namespace

std::vector<Route> AlertRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  return {
      {"GET", "/api/v1/alerts", true, kAlertReaders, bind(ListAlerts)},
      {"POST", R"(/api/v1/alerts/(\d+)/acknowledge)", true, kAcknowledgers, bind(AcknowledgeAlert)},
      {"POST", "/api/v1/alerts/acknowledge", true, kAcknowledgers, bind(AcknowledgeAlerts)},
  };
}

}  // namespace scr
