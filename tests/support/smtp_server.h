// A real SMTP server for tests: Debian's aiosmtpd (under /usr/bin/python3) on 127.0.0.1, storing what it
// receives in a Maildir that the test reads. Stopped on destruction; can be stopped and started again
// on the same port to play an outage. Optionally offers STARTTLS, or wants a login.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/test_support.h"

namespace scr::test {

// The one account a server that wants a login accepts.
struct SmtpLogin {
  std::string user;
  std::string password;
};

struct ReceivedMail {
  std::string to;          // the envelope recipient
  std::string subject;
  std::string message_id;  // without the angle brackets
  std::string body;
};

class SmtpServer {
 public:
  // Starts on a free port; with a certificate and key, it offers STARTTLS and refuses mail without it.
  explicit SmtpServer(const std::string& maildir, const std::string& tls_cert = "", const std::string& tls_key = "");
  // Starts on a free port; refuses mail from a client that has not logged in as `login` (AUTH PLAIN or
  // LOGIN, offered without TLS: loopback only).
  SmtpServer(const std::string& maildir, SmtpLogin login);
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  void Stop();
  void Start();  // on the same port, after Stop()
  // Every message received so far, oldest first.
  std::vector<ReceivedMail> Received() const;

 private:
  std::string maildir_;
  std::string tls_cert_;
  std::string tls_key_;
  SmtpLogin login_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace scr::test
