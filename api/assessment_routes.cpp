// The Quality Marker self-assessment of a review (answers kept with their stage, and a printable report),
// and the privacy check of the report's text before publication (QM14).
#include "json/resources.h"
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kReaders = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                    Role::kViewer};
const std::vector<Role> kAssessors = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer};
// The findings quote the family's details back: only those who may read the family's records check.
const std::vector<Role> kPrivacyCheckers = {Role::kAdmin, Role::kBusinessUnit, Role::kLeadReviewer};

void GetAssessment(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto assessment = (*queries)->GetSelfAssessment(context.actor.board_id, *review);
  if (!assessment.ok()) return WriteProblem(context.response, assessment.status());
  WriteJson(context.response, 200, ToJson(*assessment));
}

void AnswerQuestion(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  std::string question_id = context.request.matches[2].str();
  StrictObject body(context.request.body, {"answer", "note", "evidence"});
  AnswerSelfAssessmentCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.question_id = question_id;
  command.answer = body.Text("answer", true, 20).value_or("");
  command.note = body.Text("note", false, 4000).value_or("");
  command.evidence = body.Text("evidence", false, 2000).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto assessment = (*queries)->GetSelfAssessment(context.actor.board_id, *review);
  if (!assessment.ok()) return WriteProblem(context.response, assessment.status());
  for (const SelfAssessmentMarker& marker : assessment->markers) {
    for (const SelfAssessmentQuestion& question : marker.questions) {
      if (question.id != question_id) continue;
      nlohmann::json json = ToJson(question);
      json["marker"] = marker.number;
      return WriteJson(context.response, 200, json);
    }
  }
  WriteProblem(context.response, 404, "Not found", "no question " + question_id);
}

void CheckPrivacy(ApiContext& api, RequestContext& context) {
  std::optional<int64_t> review = PathNumber(context, 1);
  if (!review) return;
  StrictObject body(context.request.body, {"text"});
  CheckPrivacyCommand command;
  command.actor = context.actor;
  command.review = *review;
  command.text = body.Text("text", true, 1 << 20).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  CommandResult result = RunCommand(api, command);
  if (!result.status.ok()) return WriteProblem(context.response, result.status);
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  auto check = (*queries)->GetPrivacyCheck(context.actor.board_id, *review, result.created_id);
  if (!check.ok()) return WriteProblem(context.response, check.status());
  nlohmann::json findings = nlohmann::json::array();
  for (const PrivacyCheckRecord::Finding& finding : check->findings) {
    // The words found are given back from the caller's own text; they are never stored.
    std::string match = static_cast<size_t>(finding.byte_end) <= command.text.size()
                            ? command.text.substr(finding.byte_start, finding.byte_end - finding.byte_start)
                            : "";
    findings.push_back({{"kind", finding.kind}, {"start", finding.start}, {"end", finding.end}, {"match", match}});
  }
  WriteJson(context.response, 200,
            {{"id", check->id},
             {"review", *review},
             {"text_sha256", check->text_sha256},
             {"checked_by", check->checked_by},
             {"checked_at", check->checked_at},
             {"passed", findings.empty()},
             {"findings", findings}});
}

}  // namespace

std::vector<Route> AssessmentRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  const std::string assessment = R"(/api/v1/reviews/(\d+)/self-assessment)";
  return {
      {"GET", assessment, true, kReaders, bind(GetAssessment)},
      {"GET", assessment + "/report", true, kReaders, bind(PrintSelfAssessmentReport)},
      {"PUT", assessment + R"(/([a-z0-9][a-z0-9_-]{0,63}))", true, kAssessors, bind(AnswerQuestion)},
      {"POST", R"(/api/v1/reviews/(\d+)/privacy-check)", true, kPrivacyCheckers, bind(CheckPrivacy)},
  };
}

}  // namespace scr
