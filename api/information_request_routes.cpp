// Information requested from agencies (QM10, or QM2 before the decision: the workflow says): asked with a
// date, answered or declined with a reason; the scheduler chases each open one like a checkpoint.
#include "json/resources.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                    Role::kAgency, Role::kViewer};
const std::vector<Role> kRecorders = {Role::kAdmin, Role::kBusinessUnit, Role::kLeadReviewer};
// An agency user answers the requests addressed to its own agency (the engine holds it to them, and to the
// answer: their due date and agency are the business unit's to change).
const std::vector<Role> kAnswerers = {Role::kAdmin, Role::kBusinessUnit, Role::kLeadReviewer, Role::kAgency};

// Answers with the one request `id` as it now stands.
void AnswerWithRequest(ApiContext& api, RequestContext& context, ReviewId review, int64_t id, int http_status) {
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto requests = (*queries)->InformationRequests(context.actor.board_id, review, std::nullopt);
  if (!requests.ok()) return WriteProblem(context.response, requests.status());
  for (const InformationRequest& request : *requests) {
    if (request.id != id) continue;
    if (!MayActForAgency(context.actor, request.agency)) {
      return WriteProblem(context.response, 403, "Not your agency's request",
                          "information request " + std::to_string(id) + " is addressed to " + request.agency +
                              "; an agency user reads and changes only those addressed to its own agency");
    }
    return WriteJson(context.response, http_status, ToJson(request));
  }
  WriteProblem(context.response, 404, "Not found", "no information request " + std::to_string(id));
}

void ListRequests(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto requests = (*queries)->InformationRequests(context.actor.board_id, *review, AgencyScope(context.actor));
  if (!requests.ok()) return WriteProblem(context.response, requests.status());
  nlohmann::json items = nlohmann::json::array();
  for (const InformationRequest& request : *requests) items.push_back(ToJson(request));
  WriteListPage(context, std::move(items));
}

void AddRequest(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  StrictObject body(context.request.body, {"agency", "request", "due"});
  RequestInformationCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.agency = body.Text("agency", true, 200).value_or("");
  command.request = body.Text("request", true).value_or("");
  command.due = body.DateField("due", true).value_or(Date());
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  AnswerWithRequest(api, context, *review, result.created_id, 201);
}

void AnswerRequest(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  std::optional<int64_t> request = review ? PathNumber(context, 2) : std::nullopt;
  if (!review || !request) return;
  StrictObject body(context.request.body, {"status", "reason", "due", "agency"});
  AnswerInformationRequestCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.request = *request;
  command.status = body.Text("status", false, 20).value_or("");
  command.reason = body.Text("reason", false).value_or("");
  command.due = body.DateField("due", false);
  command.agency = body.Text("agency", false, 200);
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  AnswerWithRequest(api, context, *review, *request, 200);
}

}  // namespace

std::vector<Route> InformationRequestRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  const std::string requests = R"(/api/v1/reviews/(\d+)/information-requests)";
  return {
      {"GET", requests, true, kReaders, bind(ListRequests)},
      {"POST", requests, true, kRecorders, bind(AddRequest)},
      {"PATCH", requests + R"(/(\d+))", true, kAnswerers, bind(AnswerRequest)},
  };
}

}  // namespace scr
