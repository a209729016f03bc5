#include "store/sqlite/tokens.h"

#include <openssl/rand.h>
#include <sqlite3.h>

#include "engine/calendar.h"
#include "store/sqlite/event_log.h"

namespace scr {
namespace {

constexpr size_t kTokenBytes = 32;

std::string TextOrEmpty(const SQLite::Column& column) { return column.isNull() ? "" : column.getString(); }

struct UserState {
  BoardId board = 0;
  std::string disabled_at;  // empty while the user is not disabled
  std::string role;
  std::string agency;  // empty for users of other roles than agency, and agency users made before agencies
};

// NotFound when the user does not exist.
Result<UserState> FindUser(Database& database, UserId user) {
  Database::Statement find = database.Prepare("SELECT board_id, disabled_at, role, agency FROM users WHERE id = ?");
  find->bind(1, user);
  if (!find->executeStep()) return Status::NotFound("no user " + std::to_string(user));
  return UserState{find->getColumn(0).getInt64(), TextOrEmpty(find->getColumn(1)), find->getColumn(2).getString(),
                   TextOrEmpty(find->getColumn(3))};
}

}  // namespace

const char* TokenScopeName(TokenScope scope) { return scope == TokenScope::kCalendar ? "calendar" : "api"; }

std::optional<TokenScope> TokenScopeFromName(std::string_view name) {
  if (name == "api") return TokenScope::kApi;
  if (name == "calendar") return TokenScope::kCalendar;
  return std::nullopt;
}

Result<std::string> CreateToken(Database& database, const NewToken& token, Instant now) {
  try {
    Database::Statement board = database.Prepare("SELECT 1 FROM boards WHERE id = ?");
    board->bind(1, token.board);
    if (!board->executeStep()) return Status::NotFound("no board " + std::to_string(token.board));
    if (token.role == Role::kAgency && !token.user) {
      return Status::InvalidArgument("an agency token must belong to an agency user, whose agency it is confined "
                                     "to: give --user with the id of a user made with --role agency --agency NAME");
    }
    if (token.user) {
      Result<UserState> user = FindUser(database, *token.user);
      if (!user.ok() || user->board != token.board) {
        return Status::NotFound("board " + std::to_string(token.board) + " has no user " + std::to_string(*token.user));
      }
      if (!user->disabled_at.empty()) {
        return Status::InvalidArgument("user " + std::to_string(*token.user) + " was disabled on " + user->disabled_at +
                                       "; a disabled user gets no new token");
      }
      if (token.role == Role::kAgency && user->role != RoleName(Role::kAgency)) {
        return Status::InvalidArgument("user " + std::to_string(*token.user) + " is a " + user->role +
                                       " user; an agency token must belong to an agency user");
      }
      if (token.role == Role::kAgency && user->agency.empty()) {
        return Status::InvalidArgument("user " + std::to_string(*token.user) +
                                       " belongs to no agency yet; give it one with admin set-agency first");
      }
    }
    if (token.expires_at && *token.expires_at <= now) {
      return Status::InvalidArgument("the expiry " + FormatInstant(*token.expires_at) + " has already passed");
    }
    unsigned char random[kTokenBytes];
    if (RAND_bytes(random, sizeof random) != 1) return Status::Storage("no randomness available for a token");
    EventHash bytes{};
    std::copy(random, random + kTokenBytes, bytes.begin());
    std::string value = "scr_" + ToHex(bytes);
    Database::Statement insert = database.Prepare(
        "INSERT INTO tokens (board_id, role, user_id, token_hash, created_at, scope, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert->bind(1, token.board);
    insert->bind(2, RoleName(token.role));
    if (token.user) insert->bind(3, *token.user);
    insert->bind(4, HashToken(value));
    insert->bind(5, FormatInstant(now));
    insert->bind(6, TokenScopeName(token.scope));
    if (token.expires_at) insert->bind(7, FormatInstant(*token.expires_at));
    insert->exec();
    return value;
  } catch (const std::exception& e) {
    return StorageError(e, "creating a token");
  }
}

Result<TokenGrant> AuthenticateToken(Database& database, const std::string& token, Instant now) {
  try {
    Database::Statement find = database.Prepare(
        "SELECT t.id, t.board_id, t.role, t.user_id, u.name, t.scope, t.expires_at, t.revoked_at, u.disabled_at, "
        "u.agency FROM tokens t LEFT JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?");
    find->bind(1, HashToken(token));
    if (!find->executeStep()) return Status::NotFound("unknown token");
    if (!find->getColumn(7).isNull()) return Status::NotFound("this token was revoked on " + find->getColumn(7).getString());
    if (!find->getColumn(8).isNull()) return Status::NotFound("this token's user has been disabled");
    if (!find->getColumn(6).isNull()) {
      Result<Instant> expires = ParseInstant(find->getColumn(6).getString());
      if (!expires.ok() || *expires <= now) return Status::NotFound("this token expired on " + find->getColumn(6).getString());
    }
    TokenGrant grant;
    Actor& actor = grant.actor;
    actor.token_id = find->getColumn(0).getInt64();
    actor.board_id = find->getColumn(1).getInt64();
    actor.role = RoleFromName(find->getColumn(2).getText()).value_or(Role::kViewer);
    if (!find->getColumn(3).isNull()) {
      actor.user_id = find->getColumn(3).getInt64();
      actor.name = find->getColumn(4).getString();
      // An agency token is confined to its user's agency; one made before users had agencies, to none.
      if (actor.role == Role::kAgency) actor.agency = TextOrEmpty(find->getColumn(9));
    } else {
      actor.name = "token " + std::to_string(*actor.token_id);
    }
    grant.scope = TokenScopeFromName(find->getColumn(5).getText()).value_or(TokenScope::kCalendar);
    return grant;
  } catch (const std::exception& e) {
    return StorageError(e, "checking a token");
  }
}

Result<std::vector<TokenRecord>> ListTokens(Database& database, BoardId board) {
  try {
    Database::Statement exists = database.Prepare("SELECT 1 FROM boards WHERE id = ?");
    exists->bind(1, board);
    if (!exists->executeStep()) return Status::NotFound("no board " + std::to_string(board));
    Database::Statement list = database.Prepare(
        "SELECT t.id, t.role, t.user_id, u.name, t.scope, t.created_at, t.expires_at, t.last_used_at, t.revoked_at "
        "FROM tokens t LEFT JOIN users u ON u.id = t.user_id WHERE t.board_id = ? ORDER BY t.id");
    list->bind(1, board);
    std::vector<TokenRecord> tokens;
    while (list->executeStep()) {
      TokenRecord record;
      record.id = list->getColumn(0).getInt64();
      record.role = RoleFromName(list->getColumn(1).getText()).value_or(Role::kViewer);
      if (!list->getColumn(2).isNull()) record.user = list->getColumn(2).getInt64();
      record.user_name = TextOrEmpty(list->getColumn(3));
      record.scope = TokenScopeFromName(list->getColumn(4).getText()).value_or(TokenScope::kCalendar);
      record.created_at = list->getColumn(5).getString();
      record.expires_at = TextOrEmpty(list->getColumn(6));
      record.last_used_at = TextOrEmpty(list->getColumn(7));
      record.revoked_at = TextOrEmpty(list->getColumn(8));
      tokens.push_back(std::move(record));
    }
    return tokens;
  } catch (const std::exception& e) {
    return StorageError(e, "listing the tokens of board " + std::to_string(board));
  }
}

Result<int64_t> FindToken(Database& database, const std::string& token) {
  try {
    Database::Statement find = database.Prepare("SELECT id FROM tokens WHERE token_hash = ?");
    find->bind(1, HashToken(token));
    if (!find->executeStep()) return Status::NotFound("no token has that value; check it was copied whole");
    return find->getColumn(0).getInt64();
  } catch (const std::exception& e) {
    return StorageError(e, "finding a token");
  }
}

Result<bool> RevokeToken(Database& database, int64_t token_id, Instant now) {
  try {
    Database::Statement revoke = database.Prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    revoke->bind(1, FormatInstant(now));
    revoke->bind(2, token_id);
    revoke->exec();
    if (database.connection().getChanges() > 0) return true;
    Database::Statement exists = database.Prepare("SELECT 1 FROM tokens WHERE id = ?");
    exists->bind(1, token_id);
    if (!exists->executeStep()) return Status::NotFound("no token " + std::to_string(token_id));
    return false;
  } catch (const std::exception& e) {
    return StorageError(e, "revoking token " + std::to_string(token_id));
  }
}

Result<UserDisabled> DisableUser(Database& database, UserId user, Instant now) {
  try {
    WriteTransaction transaction(database);
    if (Result<UserState> state = FindUser(database, user); !state.ok()) return state.status();
    const std::string at = FormatInstant(now);
    Database::Statement disable = database.Prepare("UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL");
    disable->bind(1, at);
    disable->bind(2, user);
    disable->exec();
    UserDisabled done;
    Database::Statement revoke = database.Prepare(
        "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL");
    revoke->bind(1, at);
    revoke->bind(2, user);
    done.tokens_revoked = revoke->exec();
    Database::Statement end = database.Prepare("UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL");
    end->bind(1, at);
    end->bind(2, user);
    done.sessions_ended = end->exec();
    transaction.Commit();
    return done;
  } catch (const std::exception& e) {
    return StorageError(e, "disabling user " + std::to_string(user));
  }
}

}  // namespace scr
