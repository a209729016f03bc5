// The documents register: the index of material a review holds and whether each may be disclosed. The
// documents themselves stay with their owners; the register records what exists and who holds it.
#include <nlohmann/json.hpp>

#include "service/review_service_impl.h"

namespace scr {
namespace {

bool KnownDisclosure(const std::string& status) {
  return status == "not_assessed" || status == "disclosable" || status == "not_disclosable" || status == "disclosed";
}

const char* kDisclosureChoices = "disclosure_status must be not_assessed, disclosable, not_disclosable or disclosed";

}  // namespace

Status ReviewServiceImpl::Handle(const RegisterDocumentCommand& command, const Context& context,
                                 CommandResult& result) {
  const Document& document = command.document;
  if (document.title.empty()) return Status::InvalidArgument("title must name the document");
  if (document.kind.empty()) return Status::InvalidArgument("kind must say what it is, e.g. chronology");
  if (document.owner_body.empty()) return Status::InvalidArgument("owner_body must name the body it belongs to");
  if (document.held_by.empty()) return Status::InvalidArgument("held_by must say who holds the copy");
  if (!KnownDisclosure(document.disclosure_status)) return Status::InvalidArgument(kDisclosureChoices);
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  Database::Statement insert = database_->Prepare(
      "INSERT INTO documents (review_id, title, kind, owner_body, held_by, document_date, disclosure_status, notes, "
      "recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, command.review);
  insert->bind(2, document.title);
  insert->bind(3, document.kind);
  insert->bind(4, document.owner_body);
  insert->bind(5, document.held_by);
  insert->bind(6, document.document_date.ToString());
  insert->bind(7, document.disclosure_status);
  insert->bind(8, document.notes);
  insert->bind(9, DescribeActor(command.actor));
  insert->bindNoCopy(10, context.at);
  insert->bindNoCopy(11, context.at);
  insert->exec();
  int64_t id = database_->connection().getLastInsertRowid();

  nlohmann::json data = {{"document", id}, {"kind", document.kind}, {"disclosure_status", document.disclosure_status}};
  AppendToHistory(command.review, review, command.actor, context, "document_registered", document.title, data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status ReviewServiceImpl::Handle(const UpdateDocumentCommand& command, const Context& context, CommandResult& result) {
  if (command.disclosure_status && !KnownDisclosure(*command.disclosure_status)) {
    return Status::InvalidArgument(kDisclosureChoices);
  }
  if (command.held_by && command.held_by->empty()) return Status::InvalidArgument("held_by must say who holds the copy");
  if (!command.disclosure_status && !command.held_by && !command.notes) {
    return Status::InvalidArgument("give disclosure_status, held_by or notes to change");
  }
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  Database::Statement find = database_->Prepare(
      "SELECT disclosure_status, held_by, notes FROM documents WHERE id = ? AND review_id = ?");
  find->bind(1, command.document);
  find->bind(2, command.review);
  if (!find->executeStep()) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no document " +
                            std::to_string(command.document));
  }
  std::string status = command.disclosure_status.value_or(find->getColumn(0).getString());
  std::string held_by = command.held_by.value_or(find->getColumn(1).getString());
  std::string notes = command.notes.value_or(find->getColumn(2).getString());
  find->reset();
  Database::Statement update = database_->Prepare(
      "UPDATE documents SET disclosure_status = ?, held_by = ?, notes = ?, updated_at = ? WHERE id = ?");
  update->bind(1, status);
  update->bind(2, held_by);
  update->bind(3, notes);
  update->bindNoCopy(4, context.at);
  update->bind(5, command.document);
  update->exec();

  nlohmann::json data = {{"document", command.document}};
  if (command.disclosure_status) data["disclosure_status"] = *command.disclosure_status;
  if (command.held_by) data["held_by"] = *command.held_by;
  AppendToHistory(command.review, review, command.actor, context, "document_updated", command.notes.value_or(""),
                  data.dump());
  result.review = command.review;
  result.created_id = command.document;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
