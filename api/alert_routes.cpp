// Alerts the scheduler fired, each with the titles of its review and of what it is about; acknowledging
// them; and the summary of what fired while the simulated clock moved (POST /admin/clock/advance).
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

nlohmann::json AlertJson(const Alert& alert) {
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
                         {"status", alert.status},
                         {"review_title", alert.review_title},
                         {"subject_title", alert.subject_title}};
  if (alert.kind == "deadline_extended") {
    json["reason"] = alert.reason;
    json["previous_due"] = alert.previous_due.empty() ? nlohmann::json(nullptr) : nlohmann::json(alert.previous_due);
    json["new_due"] = alert.due;
  }
  // information_request, action or follow_up, with the item's id
  if (item) json[alert.checkpoint.substr(0, slash)] = std::stoll(alert.checkpoint.substr(slash + 1));
  if (!alert.acknowledged_at.empty()) {
    json["acknowledged_by"] = alert.acknowledged_by;
    json["acknowledged_at"] = alert.acknowledged_at;
  }
  return json;
}

namespace {

std::string Counted(int64_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// "Mon 14 Dec 2026" from an RFC 3339 instant (its date as written).
std::string DayOf(const std::string& instant) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Result<Date> date = Date::Parse(instant.substr(0, 10));
  if (!date.ok()) return instant;
  return std::string(kDays[date->weekday()]) + " " + std::to_string(date->day()) + " " + kMonths[date->month() - 1] +
         " " + std::to_string(date->year());
}

}  // namespace

nlohmann::json FiredJson(const FiredSummary& fired, const std::string& now) {
  std::vector<std::string> parts;
  if (fired.timescales_missed) parts.push_back(Counted(fired.timescales_missed, "timescale missed", "timescales missed"));
  if (fired.timescales_at_risk) {
    parts.push_back(Counted(fired.timescales_at_risk, "timescale at risk", "timescales at risk"));
  }
  if (fired.reminders) parts.push_back(Counted(fired.reminders, "reminder", "reminders"));
  if (fired.overdue) parts.push_back(std::to_string(fired.overdue) + " overdue");
  if (fired.escalations) {
    parts.push_back(Counted(fired.escalations, "escalation", "escalations") +
                    (fired.escalations_to_chair == fired.escalations ? " to the chair" : ""));
  }
  if (fired.deadlines_extended) parts.push_back(Counted(fired.deadlines_extended, "deadline extended", "deadlines extended"));
  if (fired.digests) parts.push_back(Counted(fired.digests, "digest", "digests"));
  if (fired.messages_queued) parts.push_back(Counted(fired.messages_queued, "message queued", "messages queued"));
  std::string summary = "Moved to " + DayOf(now) + ": ";
  if (parts.empty()) summary += "nothing fell due";
  for (size_t i = 0; i < parts.size(); ++i) summary += (i ? ", " : "") + parts[i];
  nlohmann::json first = nlohmann::json::array();
  for (const Alert& alert : fired.first) first.push_back(AlertJson(alert));
  return {{"reminder", fired.reminders},
          {"overdue", fired.overdue},
          {"escalation", fired.escalations},
          {"escalation_to_chair", fired.escalations_to_chair},
          {"deadline_extended", fired.deadlines_extended},
          {"timescale_at_risk", fired.timescales_at_risk},
          {"timescale_missed", fired.timescales_missed},
          {"digests", fired.digests},
          {"messages_queued", fired.messages_queued},
          {"first", first},
          {"summary", summary}};
}

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
