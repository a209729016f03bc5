// The documents register (the disclosable-material index): what material the review holds, whose it is,
// who holds it, and whether it may be disclosed. Metadata only.
#include "json/resources.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer, Role::kViewer};
const std::vector<Role> kRecorders = {Role::kAdmin, Role::kBusinessUnit, Role::kLeadReviewer};

void AnswerWithDocument(ApiContext& api, RequestContext& context, ReviewId review, int64_t id, int http_status) {
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto documents = (*queries)->Documents(context.actor.board_id, review);
  if (!documents.ok()) return WriteProblem(context.response, documents.status());
  for (const Document& document : *documents) {
    if (document.id == id) return WriteJson(context.response, http_status, ToJson(document));
  }
  WriteProblem(context.response, 404, "Not found", "no document " + std::to_string(id));
}

void ListDocuments(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto documents = (*queries)->Documents(context.actor.board_id, *review);
  if (!documents.ok()) return WriteProblem(context.response, documents.status());
  nlohmann::json items = nlohmann::json::array();
  for (const Document& document : *documents) items.push_back(ToJson(document));
  WriteListPage(context, std::move(items));
}

void RegisterDocument(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  StrictObject body(context.request.body,
                    {"title", "kind", "owner_body", "held_by", "date", "disclosure_status", "notes"});
  RegisterDocumentCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.document.title = body.Text("title", true, 500).value_or("");
  command.document.kind = body.Text("kind", true, 100).value_or("");
  command.document.owner_body = body.Text("owner_body", true, 200).value_or("");
  command.document.held_by = body.Text("held_by", true, 200).value_or("");
  command.document.document_date = body.DateField("date", true).value_or(Date());
  command.document.disclosure_status = body.Text("disclosure_status", false, 30).value_or("not_assessed");
  command.document.notes = body.Text("notes", false, 4000).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  AnswerWithDocument(api, context, *review, result.created_id, 201);
}

void UpdateDocument(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  std::optional<int64_t> document = review ? PathNumber(context, 2) : std::nullopt;
  if (!review || !document) return;
  StrictObject body(context.request.body, {"disclosure_status", "held_by", "notes"});
  UpdateDocumentCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.document = *document;
  command.disclosure_status = body.Text("disclosure_status", false, 30);
  command.held_by = body.Text("held_by", false, 200);
  command.notes = body.Text("notes", false, 4000);
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  AnswerWithDocument(api, context, *review, *document, 200);
}

}  // namespace

std::vector<Route> DocumentRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  const std::string documents = R"(/api/v1/reviews/(\d+)/documents)";
  return {
      {"GET", documents, true, kReaders, bind(ListDocuments)},
      {"POST", documents, true, kRecorders, bind(RegisterDocument)},
      {"PATCH", documents + R"(/(\d+))", true, kRecorders, bind(UpdateDocument)},
  };
}

}  // namespace scr
