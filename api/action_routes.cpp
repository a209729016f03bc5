// Improvement actions (QM15, QM18): agreed on a review, updated as they progress, evidenced, followed up;
// and the board's view across reviews, by agency and RAG.
#include "json/resources.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                    Role::kAgency, Role::kViewer};
const std::vector<Role> kPlanners = {Role::kAdmin, Role::kBusinessUnit, Role::kChair};
// The owner agency reports progress on its own actions.
const std::vector<Role> kUpdaters = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kAgency};

// Why an agency user may not read or change another agency's action.
std::string OtherAgencysAction(const Actor& actor, const ImprovementAction& action) {
  return "improvement action " + std::to_string(action.id) + " belongs to " + action.owner_agency +
         "; an agency user of " + (actor.agency.empty() ? std::string("no agency") : actor.agency) +
         " reads and changes only its own agency's actions";
}

// Answers with the actions that pass `filter`, or the one action `id` of them. An agency user gets only
// its own agency's: the others are left out of a list, and refused (403) when asked for by id.
void AnswerWithActions(ApiContext& api, RequestContext& context, ActionFilter filter,
                       std::optional<int64_t> id = std::nullopt, int http_status = 200) {
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  if (!id) filter.agency_scope = AgencyScope(context.actor);
  auto actions = (*queries)->Actions(context.actor.board_id, filter);
  if (!actions.ok()) return WriteProblem(context.response, actions.status());
  nlohmann::json items = nlohmann::json::array();
  for (const ImprovementAction& action : *actions) {
    if (id && action.id == *id) {
      if (!MayActForAgency(context.actor, action.owner_agency)) {
        return WriteProblem(context.response, 403, "Not your agency's action", OtherAgencysAction(context.actor, action));
      }
      return WriteJson(context.response, http_status, ToJson(action));
    }
    items.push_back(ToJson(action));
  }
  if (id) return WriteProblem(context.response, 404, "Not found", "no improvement action " + std::to_string(*id));
  WriteListPage(context, std::move(items));
}

void ListReviewActions(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  ActionFilter filter;
  filter.review = *review;
  AnswerWithActions(api, context, filter);
}

void GetAction(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  std::optional<int64_t> action = review ? PathNumber(context, 2) : std::nullopt;
  if (!action) return;
  ActionFilter filter;
  filter.review = *review;
  AnswerWithActions(api, context, filter, *action);
}

void AddAction(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  StrictObject body(context.request.body, {"title", "finding", "recommendation", "owner_agency", "lead", "priority",
                                           "business_plan_priority", "due"});
  AddActionCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.action.title = body.Text("title", true, 300).value_or("");
  command.action.finding = body.Text("finding", true, 4000).value_or("");
  command.action.recommendation = body.Text("recommendation", false, 4000).value_or("");
  command.action.owner_agency = body.Text("owner_agency", true, 200).value_or("");
  command.action.lead = body.Text("lead", false, 200).value_or("");
  command.action.priority = body.Text("priority", true, 10).value_or("");
  command.action.business_plan_priority = body.Text("business_plan_priority", false, 300).value_or("");
  command.action.due = body.DateField("due", true).value_or(Date());
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  ActionFilter filter;
  filter.review = *review;
  AnswerWithActions(api, context, filter, result.created_id, 201);
}

void UpdateAction(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  std::optional<int64_t> action = review ? PathNumber(context, 2) : std::nullopt;
  if (!action) return;
  StrictObject body(context.request.body,
                    {"status", "lead", "due", "impact", "impact_measure", "note", "reason"});
  UpdateActionCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.action = *action;
  command.status = body.Text("status", false, 20);
  command.lead = body.Text("lead", false, 200);
  command.due = body.DateField("due", false);
  command.impact = body.Text("impact", false, 4000);
  command.impact_measure = body.Text("impact_measure", false, 4000);
  command.note = body.Text("note", false, 4000).value_or("");
  command.reason = body.Text("reason", false, 2000).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  ActionFilter filter;
  filter.review = *review;
  AnswerWithActions(api, context, filter, *action);
}

void CloseFollowUp(ApiContext& api, RequestContext& context, bool waive) {
  std::optional<int64_t> review = PathNumber(context, 1);
  std::optional<int64_t> follow_up = review ? PathNumber(context, 2) : std::nullopt;
  if (!follow_up) return;
  CloseFollowUpCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.follow_up = *follow_up;
  command.waive = waive;
  if (waive) {
    StrictObject body(context.request.body, {"reason"});
    command.reason = body.Text("reason", true, 2000).value_or("");
    if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  } else {
    StrictObject body(context.request.body, {"change_holds", "findings", "unintended_consequences"});
    command.change_holds = body.Boolean("change_holds", true);
    command.findings = body.Text("findings", true, 4000).value_or("");
    command.unintended_consequences = body.Text("unintended_consequences", false, 4000).value_or("");
    if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  }
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  ActionFilter filter;
  filter.review = *review;
  auto actions = (*queries)->Actions(context.actor.board_id, filter);
  if (!actions.ok()) return WriteProblem(context.response, actions.status());
  for (const ImprovementAction& action : *actions) {
    for (const FollowUp& closed : action.follow_ups) {
      if (closed.id == *follow_up) return WriteJson(context.response, 200, ToJson(closed));
    }
  }
  WriteProblem(context.response, 404, "Not found", "no follow-up " + std::to_string(*follow_up));
}

// The query's filters for the board-wide list; nothing, after answering 400, when one is malformed.
std::optional<ActionFilter> ReadFilter(RequestContext& context) {
  const httplib::Request& request = context.request;
  ActionFilter filter;
  auto param = [&request](const char* name) -> std::optional<std::string> {
    if (!request.has_param(name) || request.get_param_value(name).empty()) return std::nullopt;
    return request.get_param_value(name);
  };
  if (auto overdue = param("overdue")) {
    if (*overdue != "true" && *overdue != "false") {
      WriteProblem(context.response, 400, "Bad request", "overdue must be true or false");
      return std::nullopt;
    }
    filter.overdue = *overdue == "true";
  }
  filter.agency = param("agency");
  filter.status = param("status");
  static const std::set<std::string> kStatuses = {"not_started", "in_progress", "completed", "evidenced", "not_achieved", "dropped"};
  if (filter.status && !kStatuses.count(*filter.status)) {
    WriteProblem(context.response, 400, "Bad request",
                 "status must be not_started, in_progress, completed, evidenced, not_achieved or dropped");
    return std::nullopt;
  }
  return filter;
}

void ListBoardActions(ApiContext& api, RequestContext& context) {
  if (std::optional<ActionFilter> filter = ReadFilter(context)) AnswerWithActions(api, context, *filter);
}

void SummariseByAgency(ApiContext& api, RequestContext& context) {
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  ActionFilter own;
  own.agency_scope = AgencyScope(context.actor);
  auto actions = (*queries)->Actions(context.actor.board_id, own);
  if (!actions.ok()) return WriteProblem(context.response, actions.status());
  std::map<std::string, nlohmann::json> agencies;
  for (const ImprovementAction& action : *actions) {
    nlohmann::json& agency = agencies[action.owner_agency];
    if (agency.is_null()) {
      agency = {{"agency", action.owner_agency}, {"total", 0}, {"overdue", 0},
                {"rag", {{"red", 0}, {"amber", 0}, {"green", 0}, {"none", 0}}},
                {"status", nlohmann::json::object()}};
    }
    agency["total"] = agency["total"].get<int>() + 1;
    if (action.overdue) agency["overdue"] = agency["overdue"].get<int>() + 1;
    agency["rag"][action.rag] = agency["rag"][action.rag].get<int>() + 1;
    agency["status"][action.status] = agency["status"].value(action.status, 0) + 1;
  }
  nlohmann::json items = nlohmann::json::array();
  for (auto& [name, agency] : agencies) items.push_back(agency);
  WriteListPage(context, std::move(items));
}

}  // namespace

std::vector<Route> ActionRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  const std::string actions = R"(/api/v1/reviews/(\d+)/actions)";
  const std::string follow_up = R"(/api/v1/reviews/(\d+)/follow-ups/(\d+))";
  return {
      {"GET", actions, true, kReaders, bind(ListReviewActions)},
      {"POST", actions, true, kPlanners, bind(AddAction)},
      {"GET", actions + R"(/(\d+))", true, kReaders, bind(GetAction)},
      {"PATCH", actions + R"(/(\d+))", true, kUpdaters, bind(UpdateAction)},
      {"POST", follow_up + "/complete", true, kPlanners,
       [&api](RequestContext& context) { CloseFollowUp(api, context, false); }},
      {"POST", follow_up + "/waive", true, kPlanners, [&api](RequestContext& context) { CloseFollowUp(api, context, true); }},
      {"GET", "/api/v1/actions", true, kReaders, bind(ListBoardActions)},
      {"GET", "/api/v1/actions/by-agency", true, kReaders, bind(SummariseByAgency)},
  };
}

}  // namespace scr
