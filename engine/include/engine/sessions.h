// Signing in to the dashboard with an email address and a password. Passwords are kept only as the output
// of scrypt (a slow, memory-hard KDF) with a salt of their own; a session is 256 random bits given to the
// browser as a cookie, stored only as its SHA-256, with a second random token that every change the page
// asks for must carry (against cross-site request forgery). Sessions last 12 hours.
// Ownership: owns one connection. Thread-safety: none; one instance per thread.
#pragma once

#include <memory>
#include <string>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/status.h"

namespace scr {

struct Session {
  std::string token;       // the cookie's value: given once, at sign-in
  std::string csrf_token;  // sent back by the page in X-CSRF-Token on every change
  Actor actor;
  Instant expires_at;
};

class Sessions {
 public:
  static Result<std::unique_ptr<Sessions>> Open(const std::string& database_path);
  virtual ~Sessions() = default;

  // At least 10 characters; NotFound for an unknown user.
  virtual Status SetPassword(UserId user, const std::string& password) = 0;
  // A new session for the user with this email and password; NotFound, with the same words whichever was
  // wrong, otherwise.
  virtual Result<Session> SignIn(const std::string& email, const std::string& password, Instant now) = 0;
  // The session a cookie stands for (its token field left empty); NotFound when unknown, ended or expired.
  virtual Result<Session> Find(const std::string& token, Instant now) = 0;
  virtual Status SignOut(const std::string& token, Instant now) = 0;
};

// scrypt of `password` with a fresh salt, as stored: "scrypt$N$r$p$salt$hash" (hex).
Result<std::string> HashPassword(const std::string& password);
bool PasswordMatches(const std::string& password, const std::string& stored);

}  // namespace scr
