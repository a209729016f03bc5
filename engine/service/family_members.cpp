// Family members and their involvement in the review (QM4, QM12), stored minimally. Their names and
// dates of birth are personal data: the history records that a family member was recorded, their
// relationship and involvement, never who they are; no alert, message or log line carries them.
#include <nlohmann/json.hpp>

#include "service/review_service_impl.h"

namespace scr {

Status ReviewServiceImpl::Handle(const RecordFamilyMemberCommand& command, const Context& context,
                                 CommandResult& result) {
  const FamilyMember& member = command.member;
  if (member.name.empty() || member.name.size() > 200) return Status::InvalidArgument("name must be 1 to 200 characters");
  if (member.relationship.empty() || member.relationship.size() > 100) {
    return Status::InvalidArgument("relationship must say how they are related to the child, e.g. mother");
  }
  if (member.involvement != "involved" && member.involvement != "declined" && member.involvement != "not_approached" &&
      member.involvement != "deferred") {
    return Status::InvalidArgument("involvement must be involved, declined, not_approached or deferred");
  }
  for (const std::string& identifier : member.other_identifiers) {
    if (identifier.empty() || identifier.size() > 200) return Status::InvalidArgument("each of other_identifiers must be 1 to 200 characters");
  }
  if (member.involvement != "involved" && member.reason.empty()) {
    return Status::InvalidArgument("a family member not involved needs the reason (QM4: the review records why)");
  }
  Result<OpenReview> checked_out = CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  Database::Statement insert = database_->Prepare(
      "INSERT INTO family_members (review_id, name, relationship, date_of_birth, involvement, reason, support_needs, "
      "address, other_identifiers, recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, command.review);
  insert->bind(2, member.name);
  insert->bind(3, member.relationship);
  if (member.date_of_birth) insert->bind(4, member.date_of_birth->ToString());
  else insert->bind(4);
  insert->bind(5, member.involvement);
  insert->bind(6, member.reason);
  insert->bind(7, member.support_needs);
  insert->bind(8, member.address);
  insert->bind(9, nlohmann::json(member.other_identifiers).dump());
  insert->bind(10, DescribeActor(command.actor));
  insert->bindNoCopy(11, context.at);
  insert->bindNoCopy(12, context.at);
  insert->exec();
  int64_t id = database_->connection().getLastInsertRowid();

  nlohmann::json data = {{"family_member", id}, {"relationship", member.relationship}, {"involvement", member.involvement}};
  AppendToHistory(command.review, review, command.actor, context, "family_member_recorded", "", data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
