// What the commands keep of a review's family members (QM4, QM12): personal data, stored minimally and
// read back only to be changed or looked for by the privacy check. Used on one thread (the caller's
// connection), inside the caller's transaction; a storage failure throws (std::exception), a lookup that
// misses gives nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/ids.h"
#include "engine/model.h"

namespace scr {

class FamilyMemberStore {
 public:
  virtual ~FamilyMemberStore() = default;

  // Records `member` (its id, recorded_by and created_at are not read); its id.
  virtual int64_t InsertFamilyMember(ReviewId review, const FamilyMember& member, const std::string& recorded_by,
                                     const std::string& at) = 0;
  // The member as recorded (without recorded_by and created_at).
  virtual std::optional<FamilyMember> ReadFamilyMember(ReviewId review, int64_t member) = 0;
  // Stores every field of `member` (member.id) that a change may touch.
  virtual void UpdateFamilyMember(const FamilyMember& member, const std::string& at) = 0;
  // What identifies each family member of `review`: name, date of birth, address and other identifiers.
  virtual std::vector<FamilyMember> ReadFamilyIdentifiers(ReviewId review) = 0;
};

}  // namespace scr
