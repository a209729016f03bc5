// The documents register: the index of material a review holds and whether each may be disclosed. The
// documents themselves stay with their owners; the register records what exists and who holds it.
#include <nlohmann/json.hpp>

#include "service/commands/command_steps.h"

namespace scr {
namespace {

bool KnownDisclosure(const std::string& status) {
  return status == "not_assessed" || status == "disclosable" || status == "not_disclosable" || status == "disclosed";
}

const char* kDisclosureChoices = "disclosure_status must be not_assessed, disclosable, not_disclosable or disclosed";

}  // namespace

Status RegisterDocument(const RegisterDocumentCommand& command, CommandContext& context, CommandResult& result) {
  const Document& document = command.document;
  if (document.title.empty()) return Status::InvalidArgument("title must name the document");
  if (document.kind.empty()) return Status::InvalidArgument("kind must say what it is, e.g. chronology");
  if (document.owner_body.empty()) return Status::InvalidArgument("owner_body must name the body it belongs to");
  if (document.held_by.empty()) return Status::InvalidArgument("held_by must say who holds the copy");
  if (!KnownDisclosure(document.disclosure_status)) return Status::InvalidArgument(kDisclosureChoices);
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  int64_t id = context.store().documents().InsertDocument(command.review, document,
                                                          DescribeActor(command.actor), context.at());

  nlohmann::json data = {{"document", id}, {"kind", document.kind}, {"disclosure_status", document.disclosure_status}};
  AppendToHistory(command.review, review, command.actor, context, "document_registered", document.title, data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status UpdateDocument(const UpdateDocumentCommand& command, CommandContext& context, CommandResult& result) {
  if (command.disclosure_status && !KnownDisclosure(*command.disclosure_status)) {
    return Status::InvalidArgument(kDisclosureChoices);
  }
  if (command.held_by && command.held_by->empty()) return Status::InvalidArgument("held_by must say who holds the copy");
  if (!command.disclosure_status && !command.held_by && !command.notes) {
    return Status::InvalidArgument("give disclosure_status, held_by or notes to change");
  }
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  std::optional<Document> document = context.store().documents().ReadDocument(command.review, command.document);
  if (!document) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no document " +
                            std::to_string(command.document));
  }
  if (command.disclosure_status) document->disclosure_status = *command.disclosure_status;
  if (command.held_by) document->held_by = *command.held_by;
  if (command.notes) document->notes = *command.notes;
  context.store().documents().UpdateDocument(*document, context.at());

  nlohmann::json data = {{"document", command.document}};
  if (command.disclosure_status) data["disclosure_status"] = *command.disclosure_status;
  if (command.held_by) data["held_by"] = *command.held_by;
  AppendToHistory(command.review, review, command.actor, context, "document_updated", command.notes.value_or(""),
                  data.dump());
  result.review = command.review;
  result.created_id = command.document;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
