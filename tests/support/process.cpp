#include "support/process.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace scr::test {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string TempPath(const std::string& stem) {
  std::string pattern = "/tmp/scr-it-" + stem + "-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  close(fd);
  return pattern;
}

pid_t Spawn(const std::vector<std::string>& arguments, const std::string& out_path, const std::string& err_path) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_TRUNC);
    int err = open(err_path.c_str(), O_WRONLY | O_TRUNC);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string binary = SCR_TRACKER_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = arguments;
    for (std::string& argument : copies) argv.push_back(argument.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

CommandOutput RunTracker(const std::vector<std::string>& arguments) {
  std::string out_path = TempPath("out"), err_path = TempPath("err");
  CommandOutput output;
  output.exit_code = Wait(Spawn(arguments, out_path, err_path));
  output.out = ReadAll(out_path);
  output.err = ReadAll(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return output;
}

std::string RunAdmin(const std::string& database, std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "admin");
  arguments.push_back("--db");
  arguments.push_back(database);
  CommandOutput output = RunTracker(arguments);
  INFO(output.err);
  REQUIRE(output.exit_code == 0);
  while (!output.out.empty() && output.out.back() == '\n') output.out.pop_back();
  return output.out;
}

int SetPassword(const std::string& database, const std::string& user, const std::string& password) {
  std::string command = "printf '%s\\n' '" + password + "' | '" SCR_TRACKER_BINARY "' admin set-password --db '" +
                        database + "' --user " + user + " >/dev/null 2>&1";
  return std::system(command.c_str());
}

TrackerService::TrackerService(const std::string& database_path, const std::vector<std::string>& extra_arguments)
    : log_path_(TempPath("serve")) {
  std::vector<std::string> arguments = {"serve", "--db", database_path, "--listen", "127.0.0.1:0"};
  arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
  Start(arguments);
}

TrackerService::TrackerService(const std::vector<std::string>& arguments) : log_path_(TempPath("serve")) {
  Start(arguments);
}

std::unique_ptr<TrackerService> TrackerService::Demo() {
  return std::unique_ptr<TrackerService>(new TrackerService(std::vector<std::string>{"demo", "--listen", "127.0.0.1:0"}));
}

std::string TrackerService::Output() const { return ReadAll(log_path_ + ".out"); }

std::string TrackerService::DemoToken(const std::string& name) const {
  std::smatch match;
  std::string banner = Output();
  REQUIRE(std::regex_search(banner, match, std::regex(name + R"( \([a-z_]+\): (scr_[0-9a-f]{64}))")));
  return match[1].str();
}

void TrackerService::Start(const std::vector<std::string>& arguments) {
  std::string out_path = log_path_ + ".out";
  std::ofstream(out_path).close();
  pid_ = Spawn(arguments, out_path, log_path_);
  static const std::regex kServing(R"(serving .* on https?://127\.0\.0\.1:(\d+))");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch match;
    std::string log = ReadAll(log_path_);
    if (std::regex_search(log, match, kServing)) {
      port_ = std::stoi(match[1].str());
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("scr-tracker serve exited at start:\n" + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  throw std::runtime_error("scr-tracker serve did not start within 30 s:\n" + ReadAll(log_path_));
}

TrackerService::~TrackerService() {
  if (pid_ > 0) Stop();
  std::remove((log_path_ + ".out").c_str());
  std::remove(log_path_.c_str());
}

int TrackerService::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int code = Wait(pid_);
  pid_ = -1;
  return code;
}

void TrackerService::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  Wait(pid_);
  pid_ = -1;
}

std::string TrackerService::Log() const { return ReadAll(log_path_); }

}  // namespace scr::test
