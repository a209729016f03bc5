#include "support/webhook_verifier.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace scr::test {
namespace {

const std::string kScriptDir = std::string(SCR_SOURCE_DIR) + "/tests/webhooks";

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

WebhookVerifier::WebhookVerifier(const std::string& secret, const std::string& other_secret, bool fail_first) {
  if (!std::filesystem::exists(kScriptDir + "/node_modules/standardwebhooks")) {
    throw std::runtime_error("the Standard Webhooks verifier is not installed: run npm ci --prefix " + kScriptDir);
  }
  char pattern[] = "/tmp/scr-webhooks-XXXXXX";
  int fd = mkstemp(pattern);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  close(fd);
  output_path_ = pattern;
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int out = open(output_path_.c_str(), O_WRONLY | O_TRUNC);
    dup2(out, 1);
    dup2(out, 2);
    std::string script = kScriptDir + "/receiver.mjs";
    execlp("node", "node", script.c_str(), secret.c_str(), other_secret.c_str(), fail_first ? "--fail-first" : "",
           static_cast<char*>(nullptr));
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    std::vector<std::string> lines = Lines(output_path_);
    if (!lines.empty() && lines[0].rfind("listening ", 0) == 0) {
      port_ = std::stoi(lines[0].substr(10));
      return;
    }
    int status = 0;
    bool exited = waitpid(pid_, &status, WNOHANG) == pid_;
    if (exited || std::chrono::steady_clock::now() > deadline) {
      if (!exited) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
      }
      pid_ = -1;
      std::stringstream output;
      output << std::ifstream(output_path_).rdbuf();
      std::remove(output_path_.c_str());
      throw std::runtime_error("the webhook verifier (node " + kScriptDir + "/receiver.mjs) did not start:\n" +
                               output.str());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

WebhookVerifier::~WebhookVerifier() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::remove(output_path_.c_str());
}

std::vector<nlohmann::json> WebhookVerifier::Deliveries() const {
  std::vector<nlohmann::json> deliveries;
  for (const std::string& line : Lines(output_path_)) {
    if (line.empty() || line.front() != '{') continue;
    nlohmann::json delivery = nlohmann::json::parse(line, nullptr, false);
    if (!delivery.is_discarded()) deliveries.push_back(std::move(delivery));  // a line still being written waits
  }
  return deliveries;
}

}  // namespace scr::test
