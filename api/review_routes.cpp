// Reviews, their events and history, checkpoints and parallel processes.
#include "engine/review_references.h"
#include "json_mapping.h"
#include "list_params.h"
#include "prefer_header.h"
#include "problem.h"
#include "review_json.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer, Role::kViewer};
const std::vector<Role> kReferrers = {Role::kAdmin, Role::kBusinessUnit};
const std::vector<Role> kDecisionRecorders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair};
// The roles that own checkpoints in the workflows, and admin and the business unit who act on their behalf;
// the engine holds each checkpoint to its own owner role (ActingFor, access.h). A checkpoint the agency role
// owns is not one agency's, so the business unit records it on the agencies' behalf.
const std::vector<Role> kCheckpointCompleters = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer};
const std::vector<Role> kProcessRecorders = {Role::kAdmin, Role::kBusinessUnit, Role::kLeadReviewer};

constexpr const char* kReviewId = R"(/api/v1/reviews/(\d+))";

// The review's JSON as it stands now. `reuse`: from ReviewAnswers when the review has not changed since it
// was last answered; a fresh answer is kept there, unless it names what a command created (`created`).
Result<std::string> ReviewAnswer(ApiContext& api, BoardId board, ReviewId id, bool reuse,
                                 std::optional<int64_t> created = std::nullopt) {
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return queries.status();
  if (reuse) {
    Result<ReviewVersion> version = (*queries)->VersionOf(board, id);
    if (!version.ok()) return version.status();
    if (std::shared_ptr<const std::string> kept = api.review_answers.Find(board, id, *version)) return *kept;
  }
  Result<ReviewView> review = (*queries)->GetReview(board, id);
  if (!review.ok()) return review.status();
  const WorkflowDefinition* workflow = api.options.workflows->Find(review->summary.workflow);
  if (created) return ReviewJson(*review, workflow, created);
  auto json = std::make_shared<const std::string>(ReviewJson(*review, workflow));
  api.review_answers.Keep(board, id, review->version, json);
  return *json;
}

// With `Prefer: return=minimal` (RFC 7240), a command on the review itself is answered with what it did:
// the review's id, its phase and its version (the length of its history), not the whole review.
bool AnswerMinimal(ApiContext& api, RequestContext& context, const CommandResult& result, int http_status) {
  if (!PrefersMinimalReturn(context.request)) return false;
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) {
    WriteProblem(context.response, queries.status());
    return true;
  }
  Result<ReviewVersion> version = (*queries)->VersionOf(context.actor.board_id, result.review);
  if (!version.ok()) {
    WriteProblem(context.response, version.status());
    return true;
  }
  context.response.set_header("Preference-Applied", "return=minimal");
  WriteJson(context.response, http_status,
            {{"id", result.review}, {"state", PhaseName(result.phase)}, {"version", version->last_seq}});
  return true;
}

// Answers a command with the review as it now stands (or, when asked, only what the command did).
void AnswerWithReview(ApiContext& api, RequestContext& context, const CommandResult& result, int http_status) {
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  context.response.set_header("Vary", "Prefer");
  std::optional<int64_t> created;
  if (result.created_id != result.review && result.created_id != 0) created = result.created_id;
  if (!created && AnswerMinimal(api, context, result, http_status)) return;
  Result<std::string> json = ReviewAnswer(api, context.actor.board_id, result.review, false, created);
  if (!json.ok()) return WriteProblem(context.response, json.status());
  WriteJsonText(context.response, http_status, std::move(json).value());
}

void CreateReview(ApiContext& api, RequestContext& context) {
  StrictObject body(context.request.body, {"workflow", "title", "incident_date", "referral_date", "rationale",
                                           "conditions", "statutory_criteria_met", "child_died",
                                           "family_lived_elsewhere", "late_referral_reason"});
  ReferCommand command{context.actor, {}};
  Referral& referral = command.referral;
  referral.workflow = body.Text("workflow", true, 100).value_or("");
  referral.title = body.Text("title", true, 200).value_or("");
  referral.incident_date = body.DateField("incident_date", true).value_or(Date());
  referral.referral_date = body.DateField("referral_date", true).value_or(Date());
  referral.rationale = body.Text("rationale", true).value_or("");
  referral.conditions = body.BooleanMap("conditions", 32);
  // The first review types' conditions, accepted as fields of their own as before `conditions` existed.
  for (const char* condition : {"statutory_criteria_met", "child_died", "family_lived_elsewhere"}) {
    std::optional<bool> answer = body.Boolean(condition, false);
    if (!answer) continue;
    auto given = referral.conditions.find(condition);
    if (given != referral.conditions.end() && given->second != *answer) {
      return WriteProblem(context.response, 400, "Bad request",
                          std::string(condition) + " is answered twice, differently: as a field and in conditions");
    }
    referral.conditions[condition] = *answer;
  }
  referral.late_referral_reason = body.Text("late_referral_reason", false).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (result.status.ok()) context.response.set_header("Location", "/api/v1/reviews/" + std::to_string(result.review));
  AnswerWithReview(api, context, result, 201);
}

void ListReviews(ApiContext& api, RequestContext& context) {
  const httplib::Request& request = context.request;
  ReviewFilter filter;
  if (std::optional<std::string> wrong = ReadStateAndOverdue(request, &filter.phase, &filter.overdue)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  PageParams page_params;
  if (std::optional<std::string> wrong = ReadPageParams(request, &page_params)) {
    return WriteProblem(context.response, 400, "Bad request", *wrong);
  }
  filter.after = page_params.after;
  filter.limit = page_params.limit;
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  Result<ReviewPage> page = (*queries)->ListReviews(context.actor.board_id, filter);
  if (!page.ok()) return WriteProblem(context.response, page.status());
  WriteJsonText(context.response, 200, ReviewListJson(*page));
}

void GetReview(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  Result<std::string> json = ReviewAnswer(api, context.actor.board_id, *id, true);
  if (!json.ok()) return WriteProblem(context.response, json.status());
  WriteJsonText(context.response, 200, std::move(json).value());
}

// A refused event's 409 says what may happen now: the events allowed, and every event of the phase with
// what holds it back (read as GET /reviews/{id} shows them), and for a blocked event its own blockers.
void RefuseEvent(ApiContext& api, RequestContext& context, ReviewId id, const std::string& event,
                 const Status& refusal) {
  nlohmann::json members;
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  Result<ReviewView> review = queries.ok() ? (*queries)->GetReview(context.actor.board_id, id) : queries.status();
  if (review.ok()) {
    members["allowed_events"] = nlohmann::json::array();
    for (LifecycleEvent allowed : review->allowed_events) members["allowed_events"].push_back(EventName(allowed));
    members["next_events"] = nlohmann::json::parse(NextEventsJson(review->next_events));
    for (const nlohmann::json& next : members["next_events"]) {
      if (next["event"] == event) members["blocked_by"] = next["blocked_by"];
    }
  }
  WriteProblem(context.response, refusal, members);
}

void RecordEvent(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  StrictObject body(context.request.body, {"event", "reason", "data"});
  ApplyEventCommand command{context.actor, *id, body.Text("event", true, 100).value_or(""),
                            body.Text("reason", false).value_or(""), body.ObjectText("data")};
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  Status::Code code = result.status.code();
  if (code == Status::Code::kInvalidTransition || code == Status::Code::kBlocked) {
    return RefuseEvent(api, context, *id, command.event, result.status);
  }
  AnswerWithReview(api, context, result, 200);
}

void ListEvents(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  Result<ConnectionPool<ReviewQueries>::Lease> queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  Result<std::vector<HistoryEvent>> history = (*queries)->History(context.actor.board_id, *id);
  if (!history.ok()) return WriteProblem(context.response, history.status());
  nlohmann::json items = nlohmann::json::array();
  for (const HistoryEvent& event : *history) items.push_back(ToJson(event));
  WriteListPage(context, std::move(items));
}

void CompleteCheckpoint(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  StrictObject body(context.request.body.empty() ? "{}" : context.request.body, {"note", "evidence"});
  CompleteCheckpointCommand command{context.actor, *id, context.request.matches[2].str(),
                                    body.Text("note", false).value_or(""), body.Text("evidence", false).value_or("")};
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  AnswerWithReview(api, context, RunCommand(api, command), 200);
}

void WaiveCheckpoint(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  StrictObject body(context.request.body, {"reason"});
  WaiveCheckpointCommand command{context.actor, *id, context.request.matches[2].str(),
                                 body.Text("reason", true).value_or("")};
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  AnswerWithReview(api, context, RunCommand(api, command), 200);
}

void ExtendCheckpoint(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  StrictObject body(context.request.body, {"due", "reason"});
  ExtendCheckpointCommand command{context.actor, *id, context.request.matches[2].str(),
                                  body.DateField("due", true).value_or(Date()), body.Text("reason", true).value_or("")};
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  AnswerWithReview(api, context, RunCommand(api, command), 200);
}

// What a parallel process holds: `holds` (publication, family_involvement, review; "" for nothing), or as
// the first clients say it, `holds_publication` (true: publication; false: nothing). Both may be given if
// they agree. Null when neither is given.
std::optional<std::string> HoldsOf(StrictObject& body) {
  std::optional<std::string> holds = body.Text("holds", false, 30);
  std::optional<bool> publication = body.Boolean("holds_publication", false);
  if (!publication) return holds;
  std::string from_flag = *publication ? "publication" : "";
  if (holds && (*holds == "publication") != *publication) {
    body.Fail("holds and holds_publication disagree: send holds alone (publication, family_involvement or review)");
  }
  return holds ? holds : from_flag;
}

void AddParallelProcess(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  StrictObject body(context.request.body, {"kind", "status", "holds", "holds_publication", "owner", "notes"});
  AddParallelProcessCommand command;
  command.actor = context.actor;
  command.review = *id;
  command.kind = body.Text("kind", true, 100).value_or("");
  command.status = body.Text("status", false, 20).value_or("active");
  std::optional<std::string> holds = HoldsOf(body);
  command.holds = holds.value_or("");
  command.owner = body.Text("owner", false, 200).value_or("");
  command.notes = body.Text("notes", false).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  AnswerWithReview(api, context, result, 201);
}

void UpdateParallelProcess(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  std::optional<ReviewId> process = PathNumber(context, 2);
  if (!id || !process) return;
  StrictObject body(context.request.body, {"status", "holds", "holds_publication", "owner", "notes"});
  UpdateParallelProcessCommand command;
  command.actor = context.actor;
  command.review = *id;
  command.process = *process;
  command.status = body.Text("status", false, 20);
  command.holds = HoldsOf(body);
  command.owner = body.Text("owner", false, 200);
  command.notes = body.Text("notes", false);
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  AnswerWithReview(api, context, RunCommand(api, command), 200);
}

// PATCH /reviews/{id} {"references": {KEY: TEXT | null}}: the references given are set, those given as null
// removed, the others kept.
void PatchReview(ApiContext& api, RequestContext& context) {
  std::optional<ReviewId> id = PathNumber(context, 1);
  if (!id) return;
  StrictObject body(context.request.body, {"references"});
  SetReferencesCommand command{context.actor, *id, body.NullableTextMap("references", 32, kMaxReferenceLength)};
  if (body.ok() && !body.has("references")) {
    return WriteProblem(context.response, 400, "Bad request", "say what to change: references, an object of "
                                                               "references to set (or null to remove)");
  }
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  AnswerWithReview(api, context, RunCommand(api, command), 200);
}

}  // namespace

std::vector<Route> ReviewRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  const std::string review = kReviewId;
  const std::string checkpoint = review + R"(/checkpoints/([a-z][a-z0-9_]*))";
  return {
      {"POST", "/api/v1/reviews", true, kReferrers, bind(CreateReview)},
      {"GET", "/api/v1/reviews", true, kReaders, bind(ListReviews)},
      {"GET", review, true, kReaders, bind(GetReview)},
      {"PATCH", review, true, kDecisionRecorders, bind(PatchReview)},
      {"POST", review + "/events", true, kDecisionRecorders, bind(RecordEvent)},
      {"GET", review + "/events", true, kReaders, bind(ListEvents)},
      {"POST", checkpoint + "/complete", true, kCheckpointCompleters, bind(CompleteCheckpoint)},
      {"POST", checkpoint + "/waive", true, kCheckpointCompleters, bind(WaiveCheckpoint)},
      {"POST", checkpoint + "/extend", true, kCheckpointCompleters, bind(ExtendCheckpoint)},
      {"POST", review + "/parallel-processes", true, kProcessRecorders, bind(AddParallelProcess)},
      {"PATCH", review + R"(/parallel-processes/(\d+))", true, kProcessRecorders, bind(UpdateParallelProcess)},
  };
}

}  // namespace scr
