// Alerts the scheduler fired, and acknowledging one.
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

nlohmann::json ToJson(const Alert& alert) {
  // A dated item's alert names the item ("action/12") where a checkpoint's names its key.
  size_t slash = alert.checkpoint.find('/');
  bool item = slash != std::string::npos;
  nlohmann::json json = {{"id", alert.id},
                         {"review", alert.review},
                         {"checkpoint", item ? nlohmann::json(nullptr) : nlohmann::json(alert.checkpoint)},
                         {"kind", alert.kind},
                         {"level", alert.level},
                         {"recipient_role", alert.recipient_role},
                         {"due", alert.due},
                         {"scheduled_for", alert.scheduled_for},
                         {"fired_at", alert.fired_at},
                         {"fired_late_by_s", alert.fired_late_by_s},
                         {"status", alert.status}};
  // information_request, action or follow_up, with the item's id
  if (item) json[alert.checkpoint.substr(0, slash)] = std::stoll(alert.checkpoint.substr(slash + 1));
  if (!alert.acknowledged_at.empty()) {
    json["acknowledged_by"] = alert.acknowledged_by;
    json["acknowledged_at"] = alert.acknowledged_at;
  }
  return json;
}

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
    if (auto cursor = param("cursor")) filter.after = std::stoll(*cursor);
    if (auto limit = param("limit")) filter.limit = std::stoi(*limit);
  } catch (const std::exception&) {
    return WriteProblem(context.response, 400, "Bad request", "review, level, cursor and limit must be whole numbers");
  }
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto page = (*queries)->ListAlerts(context.actor.board_id, filter);
  if (!page.ok()) return WriteProblem(context.response, page.status());
  nlohmann::json items = nlohmann::json::array();
  for (const Alert& alert : page->first) items.push_back(ToJson(alert));
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
