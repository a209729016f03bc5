#include "engine/sessions.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <vector>

#include "engine/calendar.h"
#include "engine/directory.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sign_in_throttle.h"

namespace scr {
namespace {

// scrypt's cost: 16 MiB and about 50 ms a guess on this class of machine.
constexpr uint64_t kCostN = 1 << 14;
constexpr uint64_t kBlockR = 8;
constexpr uint64_t kParallelP = 1;
constexpr size_t kHashBytes = 32;
constexpr std::chrono::hours kSessionLength{12};

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string hex;
  char pair[3];
  for (size_t i = 0; i < size; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", bytes[i]);
    hex += pair;
  }
  return hex;
}

std::vector<unsigned char> Unhex(const std::string& hex) {
  std::vector<unsigned char> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

bool Scrypt(const std::string& password, const std::vector<unsigned char>& salt, uint64_t n, uint64_t r, uint64_t p,
            unsigned char* out) {
  return EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, r, p, 64 * 1024 * 1024, out,
                        kHashBytes) == 1;
}

Result<std::string> RandomHex(size_t bytes) {
  std::vector<unsigned char> random(bytes);
  if (RAND_bytes(random.data(), static_cast<int>(bytes)) != 1) return Status::Storage("no randomness available");
  return Hex(random.data(), bytes);
}

// A real hash, with the parameters of every stored one, of a password nobody has: made once.
const std::string& DummyHash() {
  static const std::string hash = [] {
    Result<std::string> made = HashPassword("no user has this password");
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

class SessionsImpl final : public Sessions {
 public:
  SessionsImpl(std::unique_ptr<Database> database, const Clock& real_time)
      : database_(std::move(database)), real_time_(real_time) {}

  Status SetPassword(UserId user, const std::string& password) override {
    if (password.size() < 10) return Status::InvalidArgument("a password needs at least 10 characters");
    Result<std::string> hash = HashPassword(password);
    if (!hash.ok()) return hash.status();
    try {
      WriteTransaction transaction(*database_);
      Database::Statement update = database_->Prepare("UPDATE users SET password_hash = ? WHERE id = ?");
      update->bind(1, *hash);
      update->bind(2, user);
      update->exec();
      if (database_->connection().getChanges() == 0) return Status::NotFound("no user " + std::to_string(user));
      Database::Statement end = database_->Prepare(
          "UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL");
      end->bind(1, FormatInstant(real_time_.Now()));
      end->bind(2, user);
      end->exec();
      transaction.Commit();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "setting a password");
    }
  }

  Result<SignInOutcome> SignIn(const SignInAttempt& attempt) override {
    const std::string email_key = EmailKey(attempt.email);
    try {
      int64_t recorded = 0;
      {
        WriteTransaction transaction(*database_);
        Throttle throttle = CheckThrottle(*database_, email_key, attempt.client, attempt.now);
        if (throttle.retry_after.count() > 0) return SignInOutcome{std::nullopt, throttle.retry_after, throttle.by};
        recorded = RecordAttempt(*database_, email_key, attempt.client, attempt.now);
        transaction.Commit();
      }
      std::optional<Actor> actor = CheckPassword(attempt.email, attempt.password);
      if (!actor) return Status::NotFound("the email address or the password is wrong");

      Result<std::string> token = RandomHex(32), csrf = RandomHex(32);
      if (!token.ok() || !csrf.ok()) return Status::Storage("no randomness available for a session");
      Session session{*token, *csrf, *actor, attempt.now + kSessionLength};
      WriteTransaction transaction(*database_);
      ForgetAttempt(*database_, recorded);
      Database::Statement insert = database_->Prepare(
          "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
      insert->bind(1, HashToken(session.token));
      insert->bind(2, *actor->user_id);
      insert->bind(3, session.csrf_token);
      insert->bind(4, FormatInstant(attempt.now));
      insert->bind(5, FormatInstant(session.expires_at));
      insert->exec();
      transaction.Commit();
      return SignInOutcome{session, std::chrono::seconds(0), ""};
    } catch (const std::exception& e) {
      return StorageError(e, "signing in");
    }
  }

  Result<Session> Find(const std::string& token, Instant now) override {
    try {
      Database::Statement find = database_->Prepare(
          "SELECT s.csrf_token, s.expires_at, u.id, u.board_id, u.role, u.name, u.agency FROM sessions s "
          "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.ended_at IS NULL AND u.disabled_at IS NULL");
      find->bind(1, HashToken(token));
      if (!find->executeStep()) return Status::NotFound("no such session");
      Result<Instant> expires = ParseInstant(find->getColumn(1).getString());
      if (!expires.ok() || *expires <= now) return Status::NotFound("the session has expired; sign in again");
      Session session;
      session.csrf_token = find->getColumn(0).getString();
      session.expires_at = *expires;
      session.actor = Actor{find->getColumn(3).getInt64(), RoleFromName(find->getColumn(4).getText()).value_or(Role::kViewer),
                            find->getColumn(5).getString(), find->getColumn(2).getInt64()};
      session.actor.agency = find->getColumn(6).getString();  // the user's agency: empty for the other roles
      return session;
    } catch (const std::exception& e) {
      return StorageError(e, "checking a session");
    }
  }

  Status SignOut(const std::string& token, Instant now) override {
    try {
      Database::Statement end = database_->Prepare("UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL");
      end->bind(1, FormatInstant(now));
      end->bind(2, HashToken(token));
      end->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return StorageError(e, "signing out");
    }
  }

 private:
  // The user (not disabled) with this email and password. An address with no such user is checked
  // against a hash of the same cost, so that it takes as long to refuse.
  std::optional<Actor> CheckPassword(const std::string& email, const std::string& password) {
    Database::Statement find = database_->Prepare(
        "SELECT id, board_id, role, name, password_hash, agency FROM users "
        "WHERE email = ? AND password_hash IS NOT NULL AND disabled_at IS NULL");
    find->bind(1, email);
    std::optional<Actor> actor;
    bool any = false;
    while (find->executeStep()) {
      any = true;
      if (actor || !PasswordMatches(password, find->getColumn(4).getString())) continue;
      actor = Actor{find->getColumn(1).getInt64(), RoleFromName(find->getColumn(2).getText()).value_or(Role::kViewer),
                    find->getColumn(3).getString(), find->getColumn(0).getInt64()};
      actor->agency = find->getColumn(5).getString();  // the user's agency: empty for the other roles
    }
    if (!any) PasswordMatches(password, DummyHash());
    return actor;
  }

  std::unique_ptr<Database> database_;
  const Clock& real_time_;
};

}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return Status::Storage("no randomness available for a salt");
  unsigned char hash[kHashBytes];
  if (!Scrypt(password, salt, kCostN, kBlockR, kParallelP, hash)) return Status::Storage("scrypt failed");
  return "scrypt$" + std::to_string(kCostN) + "$" + std::to_string(kBlockR) + "$" + std::to_string(kParallelP) + "$" +
         Hex(salt.data(), salt.size()) + "$" + Hex(hash, kHashBytes);
}

bool PasswordMatches(const std::string& password, const std::string& stored) {
  std::vector<std::string> parts;
  std::stringstream in(stored);
  for (std::string part; std::getline(in, part, '$');) parts.push_back(part);
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  try {
    uint64_t n = std::stoull(parts[1]), r = std::stoull(parts[2]), p = std::stoull(parts[3]);
    std::vector<unsigned char> salt = Unhex(parts[4]), expected = Unhex(parts[5]);
    unsigned char hash[kHashBytes];
    if (n > (1u << 20) || r > 32 || p > 4 || expected.size() != kHashBytes) return false;
    if (!Scrypt(password, salt, n, r, p, hash)) return false;
    return CRYPTO_memcmp(hash, expected.data(), kHashBytes) == 0;
  } catch (const std::exception&) {
    return false;
  }
}

std::string EmailKey(const std::string& email) {
  std::string lower = email;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return HashToken(lower);
}

Result<std::unique_ptr<Sessions>> Sessions::Open(const std::string& database_path, const Clock& real_time) {
  DummyHash();  // made now rather than during the first sign-in for an unknown address
  Result<std::unique_ptr<Database>> database = Database::Open(database_path, Database::Mode::kReadWrite);
  if (!database.ok()) return database.status();
  return std::unique_ptr<Sessions>(std::make_unique<SessionsImpl>(std::move(database).value(), real_time));
}

}  // namespace scr
