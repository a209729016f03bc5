#include "engine/directory.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include "engine/access.h"
#include "engine/calendar.h"
#include "store/sqlite/database.h"
#include "store/sqlite/event_log.h"
#include "store/sqlite/tokens.h"

namespace scr {
namespace {

class DirectoryImpl final : public Directory {
 public:
  DirectoryImpl(std::unique_ptr<Database> database, const Clock& real_time)
      : database_(std::move(database)), real_time_(real_time) {}

  Result<BoardId> CreateBoard(const std::string& name, Nation nation, const std::string& time_zone) override {
    if (name.empty()) return Status::InvalidArgument("the board needs a name");
    try {
      Database::Statement insert =
          database_->Prepare("INSERT INTO boards (name, nation, time_zone, created_at) VALUES (?, ?, ?, ?)");
      insert->bind(1, name);
      insert->bind(2, NationName(nation));
      insert->bind(3, time_zone);
      insert->bind(4, FormatInstant(real_time_.Now()));
      insert->exec();
      return database_->connection().getLastInsertRowid();
    } catch (const std::exception& e) {
      return StorageError(e, "creating a board");
    }
  }

  Result<UserId> CreateUser(BoardId board, Role role, const std::string& name, const std::string& email,
                            const std::string& agency) override {
    if (name.empty()) return Status::InvalidArgument("the user needs a name");
    if (email.find('@') == std::string::npos) return Status::InvalidArgument("'" + email + "' is not an email address");
    std::string kept_agency = AgencyName(agency);
    if (Status valid = CheckAgency(role, kept_agency); !valid.ok()) return valid;
    try {
      if (!BoardExists(board)) return Status::NotFound("no board " + std::to_string(board));
      Database::Statement insert = database_->Prepare(
          "INSERT INTO users (board_id, role, name, email, created_at, agency) VALUES (?, ?, ?, ?, ?, ?)");
      insert->bind(1, board);
      insert->bind(2, RoleName(role));
      insert->bind(3, name);
      insert->bind(4, email);
      insert->bind(5, FormatInstant(real_time_.Now()));
      if (role == Role::kAgency) insert->bind(6, kept_agency);
      else insert->bind(6);
      insert->exec();
      return database_->connection().getLastInsertRowid();
    } catch (const SQLite::Exception& e) {
      if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) {
        return Status::Conflict("board " + std::to_string(board) + " already has a user with email " + email);
      }
      return StorageError(e, "creating a user");
    }
  }

  Status SetAgency(UserId user, const std::string& agency) override {
    std::string kept_agency = AgencyName(agency);
    if (Status valid = CheckAgency(Role::kAgency, kept_agency); !valid.ok()) return valid;
    try {
      Database::Statement find = database_->Prepare("SELECT role FROM users WHERE id = ?");
      find->bind(1, user);
      if (!find->executeStep()) return Status::NotFound("no user " + std::to_string(user));
      std::string role = find->getColumn(0).getString();
      find->reset();
      if (role != RoleName(Role::kAgency)) {
        return Status::InvalidArgument("user " + std::to_string(user) + " is a " + role +
                                       " user; only agency users belong to an agency");
      }
      Database::Statement update = database_->Prepare("UPDATE users SET agency = ? WHERE id = ?");
      update->bind(1, kept_agency);
      update->bind(2, user);
      update->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "setting the agency of user " + std::to_string(user));
    }
  }

  Result<std::string> CreateToken(const NewToken& token) override {
    return scr::CreateToken(*database_, token, real_time_.Now());
  }

  Status SetEmailPreference(UserId user, EmailPreference preference) override {
    try {
      Database::Statement update = database_->Prepare("UPDATE users SET email_preference = ? WHERE id = ?");
      update->bind(1, EmailPreferenceName(preference));
      update->bind(2, user);
      update->exec();
      if (database_->connection().getChanges() == 0) return Status::NotFound("no user " + std::to_string(user));
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "saving the email preference of user " + std::to_string(user));
    }
  }

  Result<TokenGrant> Authenticate(const std::string& token, Instant now) override {
    return AuthenticateToken(*database_, token, now);
  }

  Result<std::vector<TokenRecord>> ListTokens(BoardId board) override { return scr::ListTokens(*database_, board); }

  Result<int64_t> FindToken(const std::string& token) override { return scr::FindToken(*database_, token); }

  Result<bool> RevokeToken(int64_t token_id, Instant now) override {
    return scr::RevokeToken(*database_, token_id, now);
  }

  Result<UserDisabled> DisableUser(UserId user, Instant now) override {
    return scr::DisableUser(*database_, user, now);
  }

  Result<std::optional<Instant>> LoadSimulatedNow() override {
    try {
      Database::Statement find = database_->Prepare("SELECT value FROM service_state WHERE key = 'simulated_now'");
      if (!find->executeStep()) return std::optional<Instant>();
      Result<Instant> stored = ParseInstant(find->getColumn(0).getString());
      if (!stored.ok()) return stored.status();
      return std::optional<Instant>(*stored);
    } catch (const std::exception& e) {
      return StorageError(e, "reading the simulated clock");
    }
  }

  Status SaveSimulatedNow(Instant now) override {
    try {
      Database::Statement save = database_->Prepare(
          "INSERT INTO service_state (key, value) VALUES ('simulated_now', ?) "
          "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");  // never back
      save->bind(1, FormatInstant(now));
      save->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "saving the simulated clock");
    }
  }

 private:
  static Status CheckAgency(Role role, const std::string& agency) {
    if (role == Role::kAgency && agency.empty()) {
      return Status::InvalidArgument("an agency user belongs to one agency: give --agency NAME, spelt as the board's "
                                     "improvement actions and information requests name it (e.g. Police)");
    }
    if (role != Role::kAgency && !agency.empty()) {
      return Status::InvalidArgument(std::string("only agency users belong to an agency; a ") + RoleName(role) +
                                     " user sees every agency's actions, so leave --agency out");
    }
    if (agency.size() > 200) return Status::InvalidArgument("an agency's name has at most 200 characters");
    return Status::Ok();
  }

  bool BoardExists(BoardId board) {
    Database::Statement find = database_->Prepare("SELECT 1 FROM boards WHERE id = ?");
    find->bind(1, board);
    return find->executeStep();
  }

  std::unique_ptr<Database> database_;
  const Clock& real_time_;
};

}  // namespace

std::string HashToken(const std::string& token) {
  EventHash hash{};
  unsigned int length = 0;
  EVP_Digest(token.data(), token.size(), hash.data(), &length, Sha256(), nullptr);
  return ToHex(hash);
}

Result<std::unique_ptr<Directory>> Directory::Open(const std::string& database_path, const Clock& real_time) {
  Result<std::unique_ptr<Database>> database = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  return std::unique_ptr<Directory>(new DirectoryImpl(std::move(database).value(), real_time));
}

}  // namespace scr
