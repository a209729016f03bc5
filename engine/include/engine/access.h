// Who may act on what, beyond the roles a route allows: an agency user is confined to its own agency's
// improvement actions and information requests, and what belongs to a role (a checkpoint's owner, an
// alert's addressee) is done by that role, or by another on its behalf.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/model.h"
#include "engine/status.h"

namespace scr {

// An agency's name as kept: the surrounding spaces removed. Names are then compared exactly: "Police"
// and "police" are two agencies, as are "Health" and "Health trust".
std::string AgencyName(std::string_view text);

// The one agency whose actions and information requests the actor may read and change: its own, for an
// agency user (empty for one given no agency yet: it matches nothing); none for the other roles, who see
// every agency's.
std::optional<std::string> AgencyScope(const Actor& actor);

// Whether the actor may read and change an item owned by, or addressed to, `agency`.
bool MayActForAgency(const Actor& actor, const std::string& agency);

// The role the actor acts for when doing what belongs to the role `owner`: none when it is its own role;
// `owner` when an admin or the business unit does it on the owner's behalf, or the chair where
// `chair_may_act`. PermissionDenied naming the owner role otherwise; `what` says what was attempted,
// e.g. "complete checkpoint chair_decision".
Result<std::optional<Role>> ActingFor(const Actor& actor, Role owner, bool chair_may_act, const std::string& what);

}  // namespace scr
