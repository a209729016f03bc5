// FamilyMemberStore on SQLite: the family_members table (other identifiers kept as a JSON array of
// strings). Borrows the caller's Database; not thread-safe (one connection, one thread).
#pragma once

#include "store/sqlite/database.h"
#include "store/family_member_store.h"

namespace scr {

class SqliteFamilyMemberStore final : public FamilyMemberStore {
 public:
  explicit SqliteFamilyMemberStore(Database& database) : database_(database) {}

  int64_t InsertFamilyMember(ReviewId review, const FamilyMember& member, const std::string& recorded_by,
                             const std::string& at) override;
  std::optional<FamilyMember> ReadFamilyMember(ReviewId review, int64_t member) override;
  void UpdateFamilyMember(const FamilyMember& member, const std::string& at) override;
  std::vector<FamilyMember> ReadFamilyIdentifiers(ReviewId review) override;

 private:
  Database& database_;
};

}  // namespace scr
