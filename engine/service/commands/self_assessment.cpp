// The Quality Marker self-assessment of a review: each question of a marker answered yes, partly, no or
// not applicable, at the start, as the review goes and at its end. Every answer is kept with the phase the
// review was in, so the history shows how the review improved.
#include <nlohmann/json.hpp>

#include "service/commands/command_steps.h"

namespace scr {

Status AnswerSelfAssessment(const AnswerSelfAssessmentCommand& command, CommandContext& context,
                            CommandResult& result) {
  if (command.answer != "yes" && command.answer != "partly" && command.answer != "no" &&
      command.answer != "not_applicable") {
    return Status::InvalidArgument("answer must be yes, partly, no or not_applicable");
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  int marker = 0;
  for (const Marker& m : review.workflow->markers) {
    for (const MarkerQuestion& question : m.questions) {
      if (question.id == command.question_id) marker = m.number;
    }
  }
  if (marker == 0) {
    return Status::NotFound("the " + review.workflow->name + " self-assessment has no question '" + command.question_id + "'");
  }

  SelfAssessmentAnswer answer;
  answer.answer = command.answer;
  answer.note = command.note;
  answer.evidence = command.evidence;
  answer.phase = PhaseName(review.phase);
  answer.answered_by = DescribeActor(command.actor);
  answer.answered_at = context.at();
  int64_t id = context.store().self_assessment().InsertAnswer(command.review, command.question_id, answer);

  nlohmann::json data = {{"question", command.question_id}, {"marker", marker}, {"answer", command.answer}};
  AppendToHistory(command.review, review, command.actor, context, "self_assessment_answered", command.note, data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
