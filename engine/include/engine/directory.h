// Boards, their users and API tokens. A token is 256 random bits shown once; only its SHA-256 is stored.
// Ownership: owns one connection. Thread-safety: none; one instance per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"

namespace scr {

class Directory {
 public:
  // Opens the database for writing (creating and migrating it if new).
  static Result<std::unique_ptr<Directory>> Open(const std::string& database_path);
  virtual ~Directory() = default;

  virtual Result<BoardId> CreateBoard(const std::string& name, Nation nation, const std::string& time_zone) = 0;
  virtual Result<UserId> CreateUser(BoardId board, Role role, const std::string& name, const std::string& email) = 0;
  // The token itself, returned once; NotFound when the board (or the user, in that board) does not exist.
  virtual Result<std::string> CreateToken(BoardId board, Role role, std::optional<UserId> user) = 0;
  // How the user wants alerts by email; NotFound when there is no such user.
  virtual Status SetEmailPreference(UserId user, EmailPreference preference) = 0;
  // The actor a presented token stands for; NotFound for an unknown or revoked token.
  virtual Result<Actor> Authenticate(const std::string& token) = 0;
  // Where the simulated clock stood when the service last moved it (simulated time never goes back).
  virtual Result<std::optional<Instant>> LoadSimulatedNow() = 0;
  virtual Status SaveSimulatedNow(Instant now) = 0;
};

// Hex SHA-256 of a token, as stored.
std::string HashToken(const std::string& token);

}  // namespace scr
