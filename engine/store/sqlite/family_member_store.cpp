#include "store/sqlite/family_member_store.h"

#include <nlohmann/json.hpp>

namespace scr {
namespace {

std::vector<std::string> DecodeOtherIdentifiers(const std::string& text) {
  std::vector<std::string> identifiers;
  nlohmann::json others = nlohmann::json::parse(text, nullptr, false);
  if (!others.is_array()) return identifiers;
  for (const auto& other : others) {
    if (other.is_string()) identifiers.push_back(other.get<std::string>());
  }
  return identifiers;
}

std::string EncodeOtherIdentifiers(const std::vector<std::string>& identifiers) {
  return nlohmann::json(identifiers).dump();
}

}  // namespace

int64_t SqliteFamilyMemberStore::InsertFamilyMember(ReviewId review, const FamilyMember& member,
                                                    const std::string& recorded_by, const std::string& at) {
  Database::Statement insert = database_.Prepare(
      "INSERT INTO family_members (review_id, name, relationship, date_of_birth, involvement, reason, support_needs, "
      "address, other_identifiers, recorded_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, review);
  insert->bind(2, member.name);
  insert->bind(3, member.relationship);
  if (member.date_of_birth) insert->bind(4, member.date_of_birth->ToString());
  else insert->bind(4);
  insert->bind(5, member.involvement);
  insert->bind(6, member.reason);
  insert->bind(7, member.support_needs);
  insert->bind(8, member.address);
  insert->bind(9, EncodeOtherIdentifiers(member.other_identifiers));
  insert->bind(10, recorded_by);
  insert->bindNoCopy(11, at);
  insert->bindNoCopy(12, at);
  insert->exec();
  return database_.connection().getLastInsertRowid();
}

std::optional<FamilyMember> SqliteFamilyMemberStore::ReadFamilyMember(ReviewId review, int64_t id) {
  Database::Statement select = database_.Prepare(
      "SELECT name, relationship, date_of_birth, involvement, reason, support_needs, address, other_identifiers "
      "FROM family_members WHERE id = ? AND review_id = ?");
  select->bind(1, id);
  select->bind(2, review);
  if (!select->executeStep()) return std::nullopt;
  FamilyMember member;
  member.id = id;
  member.name = select->getColumn(0).getString();
  member.relationship = select->getColumn(1).getString();
  if (!select->getColumn(2).isNull()) {
    Result<Date> born = Date::Parse(select->getColumn(2).getString());
    if (born.ok()) member.date_of_birth = *born;
  }
  member.involvement = select->getColumn(3).getString();
  member.reason = select->getColumn(4).getString();
  member.support_needs = select->getColumn(5).getString();
  member.address = select->getColumn(6).getString();
  member.other_identifiers = DecodeOtherIdentifiers(select->getColumn(7).getString());
  return member;
}

void SqliteFamilyMemberStore::UpdateFamilyMember(const FamilyMember& member, const std::string& at) {
  Database::Statement update = database_.Prepare(
      "UPDATE family_members SET name = ?, relationship = ?, date_of_birth = ?, involvement = ?, reason = ?, "
      "support_needs = ?, address = ?, other_identifiers = ?, updated_at = ? WHERE id = ?");
  update->bind(1, member.name);
  update->bind(2, member.relationship);
  if (member.date_of_birth) update->bind(3, member.date_of_birth->ToString());
  else update->bind(3);
  update->bind(4, member.involvement);
  update->bind(5, member.reason);
  update->bind(6, member.support_needs);
  update->bind(7, member.address);
  update->bind(8, EncodeOtherIdentifiers(member.other_identifiers));
  update->bindNoCopy(9, at);
  update->bind(10, member.id);
  update->exec();
}

std::vector<FamilyMember> SqliteFamilyMemberStore::ReadFamilyIdentifiers(ReviewId review) {
  std::vector<FamilyMember> family;
  Database::Statement members = database_.Prepare(
      "SELECT name, date_of_birth, address, other_identifiers FROM family_members WHERE review_id = ?");
  members->bind(1, review);
  while (members->executeStep()) {
    FamilyMember member;
    member.name = members->getColumn(0).getString();
    if (Result<Date> born = Date::Parse(members->getColumn(1).getText()); born.ok()) member.date_of_birth = *born;
    member.address = members->getColumn(2).getString();
    member.other_identifiers = DecodeOtherIdentifiers(members->getColumn(3).getString());
    family.push_back(std::move(member));
  }
  return family;
}

}  // namespace scr
