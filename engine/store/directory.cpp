#include "engine/directory.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sqlite3.h>

#include "engine/calendar.h"
#include "store/database.h"
#include "store/event_log.h"

namespace scr {
namespace {

constexpr size_t kTokenBytes = 32;

std::string Now() { return FormatInstant(std::chrono::system_clock::now()); }

class DirectoryImpl final : public Directory {
 public:
  explicit DirectoryImpl(std::unique_ptr<Database> database) : database_(std::move(database)) {}

  Result<BoardId> CreateBoard(const std::string& name, Nation nation, const std::string& time_zone) override {
    if (name.empty()) return Status::InvalidArgument("the board needs a name");
    try {
      Database::Statement insert =
          database_->Prepare("INSERT INTO boards (name, nation, time_zone, created_at) VALUES (?, ?, ?, ?)");
      insert->bind(1, name);
      insert->bind(2, NationName(nation));
      insert->bind(3, time_zone);
      insert->bind(4, Now());
      insert->exec();
      return database_->connection().getLastInsertRowid();
    } catch (const std::exception& e) {
      return StorageError(e, "creating a board");
    }
  }

  Result<UserId> CreateUser(BoardId board, Role role, const std::string& name, const std::string& email) override {
    if (name.empty()) return Status::InvalidArgument("the user needs a name");
    if (email.find('@') == std::string::npos) return Status::InvalidArgument("'" + email + "' is not an email address");
    try {
      if (!BoardExists(board)) return Status::NotFound("no board " + std::to_string(board));
      Database::Statement insert = database_->Prepare(
          "INSERT INTO users (board_id, role, name, email, created_at) VALUES (?, ?, ?, ?, ?)");
      insert->bind(1, board);
      insert->bind(2, RoleName(role));
      insert->bind(3, name);
      insert->bind(4, email);
      insert->bind(5, Now());
      insert->exec();
      return database_->connection().getLastInsertRowid();
    } catch (const SQLite::Exception& e) {
      if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) {
        return Status::Conflict("board " + std::to_string(board) + " already has a user with email " + email);
      }
      return StorageError(e, "creating a user");
    }
  }

  Result<std::string> CreateToken(BoardId board, Role role, std::optional<UserId> user) override {
    try {
      if (!BoardExists(board)) return Status::NotFound("no board " + std::to_string(board));
      if (user) {
        Database::Statement find = database_->Prepare("SELECT 1 FROM users WHERE id = ? AND board_id = ?");
        find->bind(1, *user);
        find->bind(2, board);
        if (!find->executeStep()) return Status::NotFound("board " + std::to_string(board) + " has no user " + std::to_string(*user));
      }
      unsigned char random[kTokenBytes];
      if (RAND_bytes(random, sizeof random) != 1) return Status::Storage("no randomness available for a token");
      EventHash bytes{};
      std::copy(random, random + kTokenBytes, bytes.begin());
      std::string token = "scr_" + ToHex(bytes);
      Database::Statement insert = database_->Prepare(
          "INSERT INTO tokens (board_id, role, user_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)");
      insert->bind(1, board);
      insert->bind(2, RoleName(role));
      if (user) insert->bind(3, *user);
      insert->bind(4, HashToken(token));
      insert->bind(5, Now());
      insert->exec();
      return token;
    } catch (const std::exception& e) {
      return StorageError(e, "creating a token");
    }
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

  Result<Actor> Authenticate(const std::string& token) override {
    try {
      Database::Statement find = database_->Prepare(
          "SELECT t.id, t.board_id, t.role, t.user_id, u.name FROM tokens t LEFT JOIN users u ON u.id = t.user_id "
          "WHERE t.token_hash = ? AND t.revoked_at IS NULL");
      find->bind(1, HashToken(token));
      if (!find->executeStep()) return Status::NotFound("unknown token");
      Actor actor;
      actor.token_id = find->getColumn(0).getInt64();
      actor.board_id = find->getColumn(1).getInt64();
      actor.role = RoleFromName(find->getColumn(2).getText()).value_or(Role::kViewer);
      if (!find->getColumn(3).isNull()) {
        actor.user_id = find->getColumn(3).getInt64();
        actor.name = find->getColumn(4).getString();
      } else {
        actor.name = "token " + std::to_string(find->getColumn(0).getInt64());
      }
      return actor;
    } catch (const std::exception& e) {
      return StorageError(e, "checking a token");
    }
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
  bool BoardExists(BoardId board) {
    Database::Statement find = database_->Prepare("SELECT 1 FROM boards WHERE id = ?");
    find->bind(1, board);
    return find->executeStep();
  }

  std::unique_ptr<Database> database_;
};

}  // namespace

std::string HashToken(const std::string& token) {
  EventHash hash{};
  unsigned int length = 0;
  EVP_Digest(token.data(), token.size(), hash.data(), &length, Sha256(), nullptr);
  return ToHex(hash);
}

Result<std::unique_ptr<Directory>> Directory::Open(const std::string& database_path) {
  Result<std::unique_ptr<Database>> database = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  return std::unique_ptr<Directory>(new DirectoryImpl(std::move(database).value()));
}

}  // namespace scr
