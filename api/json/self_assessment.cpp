// A review's Quality Marker self-assessment: each question with its current answer and earlier ones.
#include "json/resources.h"

namespace scr {

nlohmann::json ToJson(const SelfAssessmentAnswer& answer) {
  return {{"answer", answer.answer},     {"note", answer.note},           {"evidence", answer.evidence},
          {"phase", answer.phase},       {"stage", answer.stage},         {"answered_by", answer.answered_by},
          {"answered_at", answer.answered_at}};
}

nlohmann::json ToJson(const SelfAssessmentQuestion& question) {
  nlohmann::json history = nlohmann::json::array();
  for (const SelfAssessmentAnswer& answer : question.answers) history.push_back(ToJson(answer));
  nlohmann::json json = {{"id", question.id}, {"text", question.text}, {"history", history}};
  json["current"] = question.answers.empty() ? nlohmann::json(nullptr) : ToJson(question.answers.back());
  return json;
}

nlohmann::json ToJson(const SelfAssessment& assessment) {
  nlohmann::json markers = nlohmann::json::array();
  std::map<std::string, int> counts = {{"yes", 0}, {"partly", 0}, {"no", 0}, {"not_applicable", 0}, {"unanswered", 0}};
  int questions = 0;
  for (const SelfAssessmentMarker& marker : assessment.markers) {
    nlohmann::json entries = nlohmann::json::array();
    for (const SelfAssessmentQuestion& question : marker.questions) {
      entries.push_back(ToJson(question));
      ++questions;
      ++counts[question.answers.empty() ? "unanswered" : question.answers.back().answer];
    }
    markers.push_back({{"number", marker.number}, {"name", marker.name}, {"statement", marker.statement}, {"questions", entries}});
  }
  nlohmann::json summary = {{"questions", questions}};
  for (const auto& [answer, count] : counts) summary[answer] = count;
  return {{"review", assessment.review},
          {"title", assessment.title},
          {"workflow", assessment.workflow},
          {"phase", PhaseName(assessment.phase)},
          {"summary", summary},
          {"markers", markers}};
}

}  // namespace scr
