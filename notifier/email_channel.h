// Email through SMTP with libcurl, encrypted: TLS from the start with smtps://, else STARTTLS, which the server
// must offer (a message is never sent in plain text unless `allow_insecure`, for a relay on the same machine);
// and a login (AUTH) with the settings' user name and password, or the URL's. One connection is kept open between
// messages. Not thread-safe: the dispatcher's thread owns it.
#pragma once

#include <string>

#include "engine/clock.h"

#include "engine/status.h"

namespace scr::notifier {

struct SmtpSettings {
  std::string url;   // smtp://host:port, smtps://host:port, optionally with user:password@
  std::string from;  // the envelope sender and From: header
  bool allow_insecure = false;  // smtp:// may fall back to plain text when the server offers no STARTTLS
  std::string ca_file;  // a CA bundle to verify the server with, instead of the system's
  std::string username;  // with a password, log in as this user (overrides the URL's user:password@)
  std::string password;
};

struct Email {
  std::string to;
  std::string subject;
  std::string body;        // plain text
  std::string message_id;  // the message's idempotency key: a receiver can drop a repeat
  Instant date;            // its Date: header
};

class EmailChannel {
 public:
  explicit EmailChannel(SmtpSettings settings);
  ~EmailChannel();
  EmailChannel(const EmailChannel&) = delete;
  EmailChannel& operator=(const EmailChannel&) = delete;

  // Ok once the server accepted the message for delivery; otherwise what went wrong, in words.
  Status Send(const Email& email);

 private:
  SmtpSettings settings_;
  void* curl_;  // CURL*, kept for its open connection
};

// The URL without its user:password@, for logs and recorded attempts: a password is never written down.
std::string RedactedSmtpUrl(const std::string& url);

// The message as sent: headers (RFC 5322) and a plain-text body with CRLF line ends.
std::string FormatEmail(const Email& email, const std::string& from);

}  // namespace scr::notifier
