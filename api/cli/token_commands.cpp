#include "cli/token_commands.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

#include "cli/runtime.h"
#include "engine/calendar.h"
#include "engine/date.h"
#include "engine/directory.h"

namespace scr::cli {
namespace {

struct TokenOptions {
  std::string database_path;
  long long board = 0;
  std::string role;
  long long user = 0;
  std::string scope = "api";
  std::string expires;
  std::string token;
  long long id = 0;
  bool json = false;
};

Result<std::unique_ptr<Directory>> OpenDirectory(const TokenOptions& options) {
  if (options.database_path.empty()) return Status::InvalidArgument("--db PATH is required");
  return Directory::Open(options.database_path);
}

// A token given --expires DATE works through that day (UTC) and no longer.
Result<Instant> ExpiryOf(const std::string& text) {
  Result<Date> date = Date::Parse(text);
  if (!date.ok()) return Status::InvalidArgument("--expires must be a date, YYYY-MM-DD: " + date.status().message());
  Instant end = Instant(std::chrono::hours(24) * (date->days_since_epoch() + 1));
  if (end <= SystemClock::Instance().Now()) {
    return Status::InvalidArgument("--expires " + text + " is in the past; give today or a later date");
  }
  return end;
}

int CreateToken(const TokenOptions& options) {
  std::optional<Role> role = RoleFromName(options.role);
  if (!role) {
    return Fail("unknown role '" + options.role + "'; use admin, business_unit, chair, lead_reviewer, agency or viewer");
  }
  std::optional<TokenScope> scope = TokenScopeFromName(options.scope);
  if (!scope) {
    return Fail("--scope must be api (the whole API, as the role allows) or calendar (only the calendar feed, "
                "GET /api/v1/calendar.ics?token=...), not '" + options.scope + "'");
  }
  NewToken token{options.board, *role, std::nullopt, *scope, std::nullopt};
  if (options.user != 0) token.user = options.user;
  if (!options.expires.empty()) {
    Result<Instant> expires = ExpiryOf(options.expires);
    if (!expires.ok()) return Fail(expires.status().message());
    token.expires_at = *expires;
  }
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  Result<std::string> created = (*directory)->CreateToken(token);
  if (!created.ok()) return Fail(created.status().message());
  std::cout << *created << "\n";
  return 0;
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

void PrintTable(const std::vector<TokenRecord>& tokens) {
  std::cout << std::left << std::setw(6) << "id" << std::setw(15) << "role" << std::setw(26) << "user" << std::setw(10)
            << "scope" << std::setw(22) << "created" << std::setw(22) << "expires" << std::setw(22) << "last used"
            << "revoked\n";
  for (const TokenRecord& token : tokens) {
    std::string user = token.user ? std::to_string(*token.user) + " " + token.user_name : "-";
    if (user.size() > 25) user = user.substr(0, 24) + "~";
    std::cout << std::left << std::setw(6) << token.id << std::setw(15) << RoleName(token.role) << std::setw(26) << user
              << std::setw(10) << TokenScopeName(token.scope) << std::setw(22) << token.created_at << std::setw(22)
              << OrDash(token.expires_at) << std::setw(22) << OrDash(token.last_used_at) << OrDash(token.revoked_at)
              << "\n";
  }
}

nlohmann::json AsJson(const std::vector<TokenRecord>& tokens) {
  auto or_null = [](const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); };
  nlohmann::json list = nlohmann::json::array();
  for (const TokenRecord& token : tokens) {
    list.push_back({{"id", token.id},
                    {"role", RoleName(token.role)},
                    {"user", token.user ? nlohmann::json(*token.user) : nlohmann::json(nullptr)},
                    {"user_name", or_null(token.user_name)},
                    {"scope", TokenScopeName(token.scope)},
                    {"created_at", token.created_at},
                    {"expires_at", or_null(token.expires_at)},
                    {"last_used_at", or_null(token.last_used_at)},
                    {"revoked_at", or_null(token.revoked_at)}});
  }
  return list;
}

int ListTokens(const TokenOptions& options) {
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  Result<std::vector<TokenRecord>> tokens = (*directory)->ListTokens(options.board);
  if (!tokens.ok()) return Fail(tokens.status().message());
  if (options.json) std::cout << AsJson(*tokens).dump(2) << "\n";
  else PrintTable(*tokens);
  return 0;
}

int RevokeToken(const TokenOptions& options) {
  if (options.token.empty() == (options.id == 0)) return Fail("give the token to revoke: --token TOKEN or --id ID");
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  Result<int64_t> id = options.id != 0 ? Result<int64_t>(options.id) : (*directory)->FindToken(options.token);
  if (!id.ok()) return Fail(id.status().message());
  Result<bool> revoked = (*directory)->RevokeToken(*id, SystemClock::Instance().Now());
  if (!revoked.ok()) return Fail(revoked.status().message());
  std::cout << "token " << *id << (*revoked ? " is revoked" : " was already revoked") << "\n";
  return 0;
}

int DisableUser(const TokenOptions& options) {
  Result<std::unique_ptr<Directory>> directory = OpenDirectory(options);
  if (!directory.ok()) return Fail(directory.status().message());
  Result<UserDisabled> disabled = (*directory)->DisableUser(options.user, SystemClock::Instance().Now());
  if (!disabled.ok()) return Fail(disabled.status().message());
  std::cout << "user " << options.user << " is disabled: sign-in refused, " << disabled->tokens_revoked
            << " tokens revoked, " << disabled->sessions_ended << " sessions ended\n";
  return 0;
}

}  // namespace

void AddTokenCommands(CLI::App& admin, int& exit_code) {
  auto options = std::make_shared<TokenOptions>();

  CLI::App* create = admin.add_subcommand("create-token", "Create an API or calendar token; prints it once");
  create->add_option("--db", options->database_path, "SQLite database file")->required();
  create->add_option("--board", options->board, "Board id")->required();
  create->add_option("--role", options->role, "The token's role")->required();
  create->add_option("--user", options->user, "The user the token belongs to (required for an agency token)");
  create->add_option("--scope", options->scope,
                     "api (the whole API, as the role allows; the default) or calendar (only the calendar feed, "
                     "the one URL that may carry a token)");
  create->add_option("--expires", options->expires, "YYYY-MM-DD: the last day (UTC) the token works; default never");
  create->callback([options, &exit_code] { exit_code = CreateToken(*options); });

  CLI::App* list = admin.add_subcommand("list-tokens", "List a board's tokens (never the tokens themselves)");
  list->add_option("--db", options->database_path, "SQLite database file")->required();
  list->add_option("--board", options->board, "Board id")->required();
  list->add_flag("--json", options->json, "A JSON list instead of a table");
  list->callback([options, &exit_code] { exit_code = ListTokens(*options); });

  CLI::App* revoke = admin.add_subcommand("revoke-token", "Revoke a token, at once, even while the service runs");
  revoke->add_option("--db", options->database_path, "SQLite database file")->required();
  revoke->add_option("--token", options->token, "The token itself");
  revoke->add_option("--id", options->id, "The token's id (admin list-tokens)");
  revoke->callback([options, &exit_code] { exit_code = RevokeToken(*options); });

  CLI::App* disable = admin.add_subcommand("disable-user",
                                           "Refuse a user's sign-in from now on, revoke its tokens, end its sessions");
  disable->add_option("--db", options->database_path, "SQLite database file")->required();
  disable->add_option("--user", options->user, "User id")->required();
  disable->callback([options, &exit_code] { exit_code = DisableUser(*options); });
}

}  // namespace scr::cli
