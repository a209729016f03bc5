// The register of what the privacy check looks for beside the family members (QM14): names, addresses the
// family lived at, places and other identifiers. Personal data like the family members: the history says
// that one was recorded or removed and of what kind, never what it is; no alert, message or log line
// carries it, and retention erases the register with the family members.
#include <nlohmann/json.hpp>

#include "service/commands/command_steps.h"

namespace scr {
namespace {

bool KnownKind(const std::string& kind) {
  return kind == "name" || kind == "address" || kind == "place" || kind == "other";
}

}  // namespace

Status RecordPrivacyIdentifier(const RecordPrivacyIdentifierCommand& command, CommandContext& context,
                               CommandResult& result) {
  if (!KnownKind(command.kind)) {
    return Status::InvalidArgument("kind must be name, address, place or other");
  }
  if (command.value.find_first_not_of(" \t\r\n") == std::string::npos || command.value.size() > 500) {
    return Status::InvalidArgument(
        "value must be the name, address, place or identifier to look for (1 to 500 characters)");
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  PrivacyIdentifierRecord identifier;
  identifier.kind = command.kind;
  identifier.value = command.value;
  identifier.note = command.note;
  int64_t id = context.store().privacy().InsertIdentifier(command.review, identifier,
                                                          DescribeActor(command.actor), context.at());

  nlohmann::json data = {{"privacy_identifier", id}, {"kind", command.kind}};
  AppendToHistory(command.review, review, command.actor, context, "privacy_identifier_recorded", "",
                  data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status RemovePrivacyIdentifier(const RemovePrivacyIdentifierCommand& command, CommandContext& context,
                               CommandResult& result) {
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::optional<std::string> kind = context.store().privacy().ReadIdentifierKind(command.review, command.identifier);
  if (!kind) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no identifier " +
                            std::to_string(command.identifier));
  }
  context.store().privacy().RemoveIdentifier(command.identifier);

  nlohmann::json data = {{"privacy_identifier", command.identifier}, {"kind", *kind}};
  AppendToHistory(command.review, review, command.actor, context, "privacy_identifier_removed", "",
                  data.dump());
  result.review = command.review;
  result.created_id = command.identifier;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
