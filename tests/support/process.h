// Runs the real scr-tracker binary for integration tests: `serve` on a free port of 127.0.0.1, and
// one-shot commands with their output captured.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace scr::test {

struct CommandOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs scr-tracker with `arguments` and waits for it.
CommandOutput RunTracker(const std::vector<std::string>& arguments);
// Runs `scr-tracker admin ARGUMENTS --db DATABASE`, requires it to succeed, and returns what it printed,
// without the final newline (a new board's id, a token).
std::string RunAdmin(const std::string& database, std::vector<std::string> arguments);
// `scr-tracker admin set-password --user USER --db DATABASE`, the password on standard input; its exit code.
int SetPassword(const std::string& database, const std::string& user, const std::string& password);

// `scr-tracker serve` on an ephemeral port; stopped (SIGTERM, then waited for) on destruction.
class TrackerService {
 public:
  TrackerService(const std::string& database_path, const std::vector<std::string>& extra_arguments = {});
  // `scr-tracker demo` on an ephemeral port.
  static std::unique_ptr<TrackerService> Demo();
  ~TrackerService();
  TrackerService(const TrackerService&) = delete;
  TrackerService& operator=(const TrackerService&) = delete;

  int port() const { return port_; }
  // Stops with SIGTERM and returns the exit code.
  int Stop();
  // Kills with SIGKILL, as a crash would.
  void Kill();
  std::string Log() const;
  // What the service printed on stdout (the demo's URL and tokens).
  std::string Output() const;
  // The demo's printed token of the person `name` ("Police liaison (agency): scr_..."); fails the test
  // when there is none.
  std::string DemoToken(const std::string& name) const;

 private:
  explicit TrackerService(const std::vector<std::string>& arguments);
  void Start(const std::vector<std::string>& arguments);

  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

}  // namespace scr::test
