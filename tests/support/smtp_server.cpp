#include "support/smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace scr::test {
namespace {

bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return connected;
}

std::string Header(const std::string& headers, const std::string& name) {
  std::istringstream lines(headers);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > name.size() && line.compare(0, name.size() + 1, name + ":") == 0) {
      std::string value = line.substr(name.size() + 1);
      value.erase(0, value.find_first_not_of(' '));
      return value;
    }
  }
  return "";
}

}  // namespace

SmtpServer::SmtpServer(const std::string& maildir, const std::string& tls_cert, const std::string& tls_key)
    : maildir_(maildir), tls_cert_(tls_cert), tls_key_(tls_key), port_(FreePort()) {
  Start();
}

SmtpServer::SmtpServer(const std::string& maildir, SmtpLogin login)
    : maildir_(maildir), login_(std::move(login)), port_(FreePort()) {
  Start();
}

SmtpServer::~SmtpServer() { Stop(); }

void SmtpServer::Start() {
  if (pid_ > 0) return;
  std::string listen = "127.0.0.1:" + std::to_string(port_);
  std::string port = std::to_string(port_);
  std::string login_script = std::string(SCR_SOURCE_DIR) + "/tests/support/smtp_login_server.py";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    std::freopen("/dev/null", "w", stdout);
    if (!login_.user.empty()) {
      execl("/usr/bin/python3", "python3", login_script.c_str(), "127.0.0.1", port.c_str(), maildir_.c_str(),
            login_.user.c_str(), login_.password.c_str(), static_cast<char*>(nullptr));
    } else if (tls_cert_.empty()) {
      execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "aiosmtpd.handlers.Mailbox", maildir_.c_str(), static_cast<char*>(nullptr));
    } else {
      execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "--tlscert",
            tls_cert_.c_str(), "--tlskey", tls_key_.c_str(), "-c", "aiosmtpd.handlers.Mailbox", maildir_.c_str(),
            static_cast<char*>(nullptr));
    }
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!Accepts(port_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("aiosmtpd exited at start; is python3-aiosmtpd installed (deploy/install-deps.sh)?");
    }
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("aiosmtpd did not start listening");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void SmtpServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<ReceivedMail> SmtpServer::Received() const {
  std::vector<std::pair<std::filesystem::file_time_type, std::string>> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(maildir_ + "/new", error)) {
    files.emplace_back(entry.last_write_time(), entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> mails;
  for (const auto& [time, path] : files) {
    std::ifstream file(path);
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    size_t split = text.find("\n\n");
    std::string headers = text.substr(0, split), body = split == std::string::npos ? "" : text.substr(split + 2);
    std::string id = Header(headers, "Message-ID");
    if (id.size() >= 2 && id.front() == '<') id = id.substr(1, id.size() - 2);
    mails.push_back({Header(headers, "X-RcptTo"), Header(headers, "Subject"), id, body});
  }
  return mails;
}

}  // namespace scr::test
