// The OpenAPI document, the review types loaded, and the simulated clock.
#include "json/resources.h"
#include "json_mapping.h"
#include "list_params.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {

extern const char* const kOpenApiDocument;  // api/openapi.json, compiled in (openapi_document.cpp)

namespace {

const std::vector<Role> kEveryRole = {Role::kAdmin, Role::kBusinessUnit, Role::kChair,
                                      Role::kLeadReviewer, Role::kAgency, Role::kViewer};

void ListWorkflows(ApiContext& api, RequestContext& context) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& workflow : api.options.workflows->all()) items.push_back(WorkflowSummaryJson(*workflow));
  WriteListPage(context, std::move(items));
}

void GetWorkflow(ApiContext& api, RequestContext& context) {
  const WorkflowDefinition* workflow = api.options.workflows->Find(context.request.matches[1].str());
  if (!workflow) return WriteProblem(context.response, 404, "Not found", "no workflow " + context.request.matches[1].str());
  WriteJson(context.response, 200, WorkflowDetailJson(*workflow));
}

void GetOpenApi(ApiContext&, RequestContext& context) {
  context.response.status = 200;
  context.response.set_content(kOpenApiDocument, "application/json");
}

void GetClock(ApiContext& api, RequestContext& context) {
  if (!api.options.simulated_clock) {
    return WriteProblem(context.response, 404, "Not found", "the service runs on the system clock");
  }
  WriteJson(context.response, 200, {{"now", FormatInstant(api.options.simulated_clock->Now())}, {"simulated", true}});
}

constexpr int kFirstFired = 10;  // alerts listed by name in the answer to a move of the clock

void AdvanceClock(ApiContext& api, RequestContext& context) {
  SimulatedClock* clock = api.options.simulated_clock;
  if (!clock) return WriteProblem(context.response, 404, "Not found", "the service runs on the system clock");
  StrictObject body(context.request.body, {"days", "to"});
  std::optional<long long> days = body.Integer("days", false);
  std::optional<std::string> to = body.Text("to", false, 40);
  if (body.ok() && days.has_value() == to.has_value()) {
    return WriteProblem(context.response, 400, "Bad request", "give either 'days' or 'to'");
  }
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  Instant target = clock->Now();
  if (days) {
    if (*days < 0 || *days > 3660) return WriteProblem(context.response, 400, "Bad request", "days must be 0 to 3660");
    target += std::chrono::hours(24 * *days);
  } else {
    Result<Instant> parsed = ParseInstant(*to);
    if (!parsed.ok()) return WriteProblem(context.response, 400, "Bad request", parsed.status().message());
    target = *parsed;
  }
  if (target < clock->Now()) {
    return WriteProblem(context.response, 400, "Bad request",
                        "the simulated clock never goes back; it is now " + FormatInstant(clock->Now()));
  }
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  Result<FiredMark> before = (*queries)->MarkFired();
  if (!before.ok()) return WriteProblem(context.response, before.status());
  // The new time is stored before anything fires: if the service stops half-way, it starts again at the
  // new time and fires the rest as a catch-up.
  Result<ConnectionPool<Directory>::Lease> directory = api.directories.Acquire();
  if (!directory.ok()) return WriteProblem(context.response, directory.status());
  if (Status saved = (*directory)->SaveSimulatedNow(target); !saved.ok()) return WriteProblem(context.response, saved);
  // On the engine thread, after every command already submitted, so that what is due fires in order.
  Status moved;
  api.options.engine->Post([&](ReviewService&) { moved = clock->AdvanceTo(target); }).get();
  if (!moved.ok()) return WriteProblem(context.response, moved);
  std::string now = FormatInstant(clock->Now());
  Result<FiredSummary> fired = (*queries)->FiredSince(context.actor.board_id, *before, kFirstFired);
  if (!fired.ok()) return WriteProblem(context.response, fired.status());
  WriteJson(context.response, 200, {{"now", now}, {"simulated", true}, {"fired", FiredJson(*fired, now)}});
}

}  // namespace

void WriteJson(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void WriteListPage(RequestContext& context, nlohmann::json items) {
  PageParams page;
  if (std::optional<std::string> wrong = ReadPageParams(context.request, &page)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  WriteJson(context.response, 200, PageOf(std::move(items), page));
}

void WriteJsonText(httplib::Response& response, int status, std::string body) {
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/json");
}

std::optional<int64_t> PathNumber(RequestContext& context, size_t index) {
  try {
    return std::stoll(context.request.matches[static_cast<int>(index)].str());
  } catch (const std::exception&) {
    WriteProblem(context.response, 404, "Not found", "no such resource at " + context.request.path);
    return std::nullopt;
  }
}

std::string PublicBase(const ApiContext& api, const httplib::Request& request) {
  if (!api.options.public_url.empty()) return api.options.public_url;
  return "http://" + request.get_header_value("Host");
}

CommandResult RunCommand(ApiContext& api, Command command) { return api.options.engine->Submit(std::move(command)).get(); }

std::vector<Route> ServiceRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  return {
      {"GET", "/api/v1/openapi.json", false, {}, bind(GetOpenApi)},
      {"GET", "/api/v1/workflows", true, kEveryRole, bind(ListWorkflows)},
      {"GET", "/api/v1/workflows/([a-z][a-z0-9-]*)", true, kEveryRole, bind(GetWorkflow)},
      {"GET", "/api/v1/admin/clock", true, kEveryRole, bind(GetClock)},
      {"POST", "/api/v1/admin/clock/advance", true, {Role::kAdmin}, bind(AdvanceClock)},
  };
}

}  // namespace scr
