// Family members and their involvement (QM4, QM12), and the register of the other identifiers the privacy
// check looks for (QM14): names, addresses, places. Readable and recorded only by admins, the business unit
// and the lead reviewer. Never in a notification, a log line or the calendar.
#include "json/resources.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kFamilyRoles = {Role::kAdmin, Role::kBusinessUnit, Role::kLeadReviewer};

// Answers with the one family member `id` as it now stands.
void AnswerWithMember(ApiContext& api, RequestContext& context, ReviewId review, int64_t id, int http_status) {
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto members = (*queries)->FamilyMembers(context.actor.board_id, review);
  if (!members.ok()) return WriteProblem(context.response, members.status());
  for (const FamilyMember& member : *members) {
    if (member.id == id) return WriteJson(context.response, http_status, ToJson(member));
  }
  WriteProblem(context.response, 503, "Service unavailable", "the family member was saved but cannot be read back");
}

void ListMembers(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto members = (*queries)->FamilyMembers(context.actor.board_id, *review);
  if (!members.ok()) return WriteProblem(context.response, members.status());
  nlohmann::json items = nlohmann::json::array();
  for (const FamilyMember& member : *members) items.push_back(ToJson(member));
  WriteListPage(context, std::move(items));
}

void RecordMember(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  StrictObject body(context.request.body,
                    {"name", "relationship", "date_of_birth", "involvement", "reason", "support_needs", "address",
                     "other_identifiers"});
  RecordFamilyMemberCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.member.name = body.Text("name", true, 200).value_or("");
  command.member.relationship = body.Text("relationship", true, 100).value_or("");
  command.member.date_of_birth = body.DateField("date_of_birth", false);
  command.member.involvement = body.Text("involvement", true, 20).value_or("");
  command.member.reason = body.Text("reason", false, 2000).value_or("");
  command.member.support_needs = body.Text("support_needs", false, 2000).value_or("");
  command.member.address = body.Text("address", false, 500).value_or("");
  command.member.other_identifiers = body.TextList("other_identifiers", 20, 200);
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  AnswerWithMember(api, context, *review, result.created_id, 201);
}

void UpdateMember(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  std::optional<int64_t> member = review ? PathNumber(context, 2) : std::nullopt;
  if (!member) return;
  StrictObject body(context.request.body,
                    {"name", "relationship", "date_of_birth", "involvement", "reason", "support_needs", "address",
                     "other_identifiers"});
  UpdateFamilyMemberCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.member = *member;
  command.name = body.Text("name", false, 200);
  command.relationship = body.Text("relationship", false, 100);
  command.date_of_birth = body.DateField("date_of_birth", false);
  command.involvement = body.Text("involvement", false, 20);
  command.reason = body.Text("reason", false, 2000);
  command.support_needs = body.Text("support_needs", false, 2000);
  command.address = body.Text("address", false, 500);
  if (body.has("other_identifiers")) command.other_identifiers = body.TextList("other_identifiers", 20, 200);
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  AnswerWithMember(api, context, *review, *member, 200);
}

void ListIdentifiers(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto identifiers = (*queries)->PrivacyIdentifiers(context.actor.board_id, *review);
  if (!identifiers.ok()) return WriteProblem(context.response, identifiers.status());
  nlohmann::json items = nlohmann::json::array();
  for (const PrivacyIdentifierRecord& identifier : *identifiers) items.push_back(ToJson(identifier));
  WriteListPage(context, std::move(items));
}

void RecordIdentifier(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  StrictObject body(context.request.body, {"kind", "value", "note"});
  RecordPrivacyIdentifierCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.kind = body.Text("kind", true, 20).value_or("");
  command.value = body.Text("value", true, 500).value_or("");
  command.note = body.Text("note", false, 2000).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto identifiers = (*queries)->PrivacyIdentifiers(context.actor.board_id, *review);
  if (!identifiers.ok()) return WriteProblem(context.response, identifiers.status());
  for (const PrivacyIdentifierRecord& identifier : *identifiers) {
    if (identifier.id == result.created_id) return WriteJson(context.response, 201, ToJson(identifier));
  }
  WriteProblem(context.response, 503, "Service unavailable", "the identifier was recorded but cannot be read back");
}

void RemoveIdentifier(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  std::optional<int64_t> identifier = PathNumber(context, 2);
  if (!identifier) return;
  CommandResult result = RunCommand(api, RemovePrivacyIdentifierCommand{context.actor, *review, *identifier});
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  context.response.status = 204;
}

}  // namespace

std::vector<Route> FamilyRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  const std::string members = R"(/api/v1/reviews/(\d+)/family-members)";
  const std::string identifiers = R"(/api/v1/reviews/(\d+)/identifiers)";
  return {
      {"GET", members, true, kFamilyRoles, bind(ListMembers)},
      {"POST", members, true, kFamilyRoles, bind(RecordMember)},
      {"PATCH", members + R"(/(\d+))", true, kFamilyRoles, bind(UpdateMember)},
      {"GET", identifiers, true, kFamilyRoles, bind(ListIdentifiers)},
      {"POST", identifiers, true, kFamilyRoles, bind(RecordIdentifier)},
      {"DELETE", identifiers + R"(/(\d+))", true, kFamilyRoles, bind(RemoveIdentifier)},
  };
}

}  // namespace scr
