// Family members and their involvement in the review (QM4, QM12), stored minimally. Their names and
// dates of birth are personal data: the history records that a family member was recorded, their
// relationship and involvement, never who they are; no alert, message or log line carries them.
#include <nlohmann/json.hpp>

#include "service/commands/command_steps.h"

namespace scr {
namespace {

// The rules every recorded family member keeps, when recorded and after every change.
Status CheckFamilyMember(const FamilyMember& member) {
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
  return Status::Ok();
}

// Sets `field` to the given value, naming it in `changed` when it differs.
template <typename T>
void Apply(const std::optional<T>& given, T& field, const char* name, std::vector<std::string>& changed) {
  if (!given || *given == field) return;
  field = *given;
  changed.push_back(name);
}

}  // namespace


Status RecordFamilyMember(const RecordFamilyMemberCommand& command, CommandContext& context, CommandResult& result) {
  const FamilyMember& member = command.member;
  if (Status valid = CheckFamilyMember(member); !valid.ok()) return valid;
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();

  int64_t id = context.store().family_members().InsertFamilyMember(
      command.review, member, DescribeActor(command.actor), context.at());

  nlohmann::json data = {{"family_member", id}, {"relationship", member.relationship}, {"involvement", member.involvement}};
  AppendToHistory(command.review, review, command.actor, context, "family_member_recorded", "", data.dump());
  result.review = command.review;
  result.created_id = id;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

Status UpdateFamilyMember(const UpdateFamilyMemberCommand& command, CommandContext& context, CommandResult& result) {
  Result<OpenReview> checked_out = context.CheckOut(command.actor, command.review);
  if (!checked_out.ok()) return checked_out.status();
  OpenReview review = std::move(checked_out).value();
  std::optional<FamilyMember> stored =
      context.store().family_members().ReadFamilyMember(command.review, command.member);
  if (!stored) {
    return Status::NotFound("review " + std::to_string(command.review) + " has no family member " +
                            std::to_string(command.member));
  }
  FamilyMember& member = *stored;
  const std::string previous_involvement = member.involvement;
  std::vector<std::string> changed;  // the names of the fields changed, never their values
  Apply(command.name, member.name, "name", changed);
  Apply(command.relationship, member.relationship, "relationship", changed);
  if (command.date_of_birth && member.date_of_birth != command.date_of_birth) {
    member.date_of_birth = command.date_of_birth;
    changed.push_back("date_of_birth");
  }
  Apply(command.involvement, member.involvement, "involvement", changed);
  Apply(command.reason, member.reason, "reason", changed);
  Apply(command.support_needs, member.support_needs, "support_needs", changed);
  Apply(command.address, member.address, "address", changed);
  Apply(command.other_identifiers, member.other_identifiers, "other_identifiers", changed);
  if (Status valid = CheckFamilyMember(member); !valid.ok()) return valid;
  if (changed.empty()) {
    return Status::InvalidArgument("nothing changes: give a field with its new value (relationship, involvement, "
                                   "reason, support_needs, name, date_of_birth, address or other_identifiers)");
  }

  context.store().family_members().UpdateFamilyMember(member, context.at());

  // As when recorded: who they are to the child and whether they take part, never who they are.
  nlohmann::json data = {{"family_member", command.member}, {"relationship", member.relationship},
                         {"involvement", member.involvement}, {"changed", changed}};
  if (member.involvement != previous_involvement) data["previous_involvement"] = previous_involvement;
  AppendToHistory(command.review, review, command.actor, context, "family_member_updated", "", data.dump());
  result.review = command.review;
  result.phase = review.phase;
  context.CheckIn(command.review, std::move(review));
  return Status::Ok();
}

}  // namespace scr
