// The token half of the directory (engine/directory.h): issuing, checking, listing and taking back API
// tokens, and disabling a user. Private to the engine; each function runs on the caller's connection.
#pragma once

#include <string>
#include <vector>

#include "engine/directory.h"
#include "store/sqlite/database.h"

namespace scr {

Result<std::string> CreateToken(Database& database, const NewToken& token, Instant now);
Result<TokenGrant> AuthenticateToken(Database& database, const std::string& token, Instant now);
Result<std::vector<TokenRecord>> ListTokens(Database& database, BoardId board);
Result<int64_t> FindToken(Database& database, const std::string& token);
Result<bool> RevokeToken(Database& database, int64_t token_id, Instant now);
Result<UserDisabled> DisableUser(Database& database, UserId user, Instant now);

}  // namespace scr
