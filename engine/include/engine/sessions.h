// Signing in to the dashboard with an email address and a password. Passwords are kept only as the output
// of scrypt (a slow, memory-hard KDF) with a salt of their own; a session is 256 random bits given to the
// browser as a cookie, stored only as its SHA-256, with a second random token that every change the page
// asks for must carry (against cross-site request forgery). Sessions last 12 hours; setting a user's
// password or disabling the user ends them all.
// Guessing is stopped: after 10 failed sign-ins for one email address (or 50 from one client address)
// within 15 minutes of real time, every attempt is refused unchecked, the right password too, until fewer
// remain in the window. The failures are kept in the database (a restart does not lift a lockout), written
// from the caller's thread beside the engine thread, as sessions are: a sign-in is rare and slow anyway.
// An unknown address costs the same scrypt as a known one.
// Ownership: owns one connection. Thread-safety: none; one instance per thread.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
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

struct SignInAttempt {
  std::string email;
  std::string password;
  std::string client;  // the client's IP address
  Instant now;         // real time, never a simulated clock
};

// A sign-in that was not refused for a wrong email or password: a session, or a lockout.
struct SignInOutcome {
  std::optional<Session> session;
  std::chrono::seconds retry_after{0};  // > 0: too many failures lately; try again after this long
  std::string locked_out;               // then, what is locked out: "email address" or "client address"
};

class Sessions {
 public:
  // A password set at `real_time`'s now ends the user's sessions from then (clock.h).
  static Result<std::unique_ptr<Sessions>> Open(const std::string& database_path,
                                                const Clock& real_time = SystemClock::Instance());
  virtual ~Sessions() = default;

  // At least 10 characters; NotFound for an unknown user. Ends every session of the user.
  virtual Status SetPassword(UserId user, const std::string& password) = 0;
  // A new session for the user (not disabled) with this email and password, or a lockout; NotFound, with
  // the same words (and after the same time) whichever was wrong, otherwise. Every attempt counts as a
  // failure until its password is found right.
  virtual Result<SignInOutcome> SignIn(const SignInAttempt& attempt) = 0;
  // The session a cookie stands for (its token field left empty); NotFound when unknown, ended, expired, or
  // its user disabled.
  virtual Result<Session> Find(const std::string& token, Instant now) = 0;
  virtual Status SignOut(const std::string& token, Instant now) = 0;
};

// scrypt of `password` with a fresh salt, as stored: "scrypt$N$r$p$salt$hash" (hex).
Result<std::string> HashPassword(const std::string& password);
bool PasswordMatches(const std::string& password, const std::string& stored);
// Hex SHA-256 of an email address, lower-cased: how failed sign-ins are counted and logged, never the address.
std::string EmailKey(const std::string& email);

}  // namespace scr
