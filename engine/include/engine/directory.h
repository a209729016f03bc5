// Boards, their users and API tokens. A token is 256 random bits shown once; only its SHA-256 is stored.
// Every credential can be taken back: a token is revoked or expires, a user is disabled. Authenticate reads
// the database on every call (nothing is cached), so a change made by `scr-tracker admin` while the service
// runs holds from the service's next request.
// Ownership: owns one connection. Thread-safety: none; one instance per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"

namespace scr {

// What a token may do: the whole API (as its role allows), or only read the calendar feed, the one route
// that takes a token in its URL (a calendar program fetches by URL alone and keeps the URL).
enum class TokenScope { kApi, kCalendar };
const char* TokenScopeName(TokenScope scope);  // api, calendar
std::optional<TokenScope> TokenScopeFromName(std::string_view name);

struct NewToken {
  NewToken(BoardId board_id, Role token_role, std::optional<UserId> token_user = std::nullopt,
           TokenScope token_scope = TokenScope::kApi, std::optional<Instant> expires = std::nullopt)
      : board(board_id), role(token_role), user(token_user), scope(token_scope), expires_at(expires) {}
  BoardId board;
  Role role;
  std::optional<UserId> user;
  TokenScope scope;
  std::optional<Instant> expires_at;  // none: until revoked
};

// A presented token that holds: who it stands for, and what it may do.
struct TokenGrant {
  Actor actor;
  TokenScope scope = TokenScope::kApi;
};

// A token as an administrator sees it: never the token itself. Instants in RFC 3339, empty when none.
struct TokenRecord {
  int64_t id = 0;
  Role role = Role::kViewer;
  std::optional<UserId> user;
  std::string user_name;
  TokenScope scope = TokenScope::kApi;
  std::string created_at;
  std::string expires_at;
  std::string last_used_at;
  std::string revoked_at;
};

// What disabling a user took back.
struct UserDisabled {
  int tokens_revoked = 0;
  int sessions_ended = 0;
};

class Directory {
 public:
  // Opens the database for writing (creating and migrating it if new).
  // Users and tokens are created, changed and stamped at `real_time`'s now (clock.h).
  static Result<std::unique_ptr<Directory>> Open(const std::string& database_path,
                                                 const Clock& real_time = SystemClock::Instance());
  virtual ~Directory() = default;

  virtual Result<BoardId> CreateBoard(const std::string& name, Nation nation, const std::string& time_zone) = 0;
  // An agency user names its agency (access.h), which the other roles must not: InvalidArgument otherwise.
  virtual Result<UserId> CreateUser(BoardId board, Role role, const std::string& name, const std::string& email,
                                    const std::string& agency) = 0;
  // Gives an existing agency user its agency (or another one); InvalidArgument for a user of another role.
  virtual Status SetAgency(UserId user, const std::string& agency) = 0;
  // The token itself, returned once; NotFound when the board (or the user, in that board) does not exist,
  // InvalidArgument for a disabled user. An agency token must name an agency user, whose agency it is
  // confined to: InvalidArgument otherwise.
  virtual Result<std::string> CreateToken(const NewToken& token) = 0;
  // How the user wants alerts by email; NotFound when there is no such user.
  virtual Status SetEmailPreference(UserId user, EmailPreference preference) = 0;
  // The actor a presented token stands for, and its scope; NotFound, saying why, for an unknown, revoked or
  // expired token (expired when `now`, the service's clock, has reached its expiry) or one of a disabled user.
  virtual Result<TokenGrant> Authenticate(const std::string& token, Instant now) = 0;
  // The board's tokens, oldest first; NotFound for an unknown board.
  virtual Result<std::vector<TokenRecord>> ListTokens(BoardId board) = 0;
  // The id of a token given by its value; NotFound when no token has it.
  virtual Result<int64_t> FindToken(const std::string& token) = 0;
  // Revokes the token; true when it was revoked now, false when it already was; NotFound for an unknown id.
  virtual Result<bool> RevokeToken(int64_t token_id, Instant now) = 0;
  // Refuses the user's sign-in from now on, revokes its tokens and ends its sessions, in one transaction.
  virtual Result<UserDisabled> DisableUser(UserId user, Instant now) = 0;
  // Where the simulated clock stood when the service last moved it (simulated time never goes back).
  virtual Result<std::optional<Instant>> LoadSimulatedNow() = 0;
  virtual Status SaveSimulatedNow(Instant now) = 0;
};

// Hex SHA-256 of a token, as stored.
std::string HashToken(const std::string& token);

}  // namespace scr
