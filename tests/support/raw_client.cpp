#include "support/raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace scr::test {

RawClient::RawClient(int port, const std::string& source) {
  socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &local.sin_addr);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  if (socket_ < 0 || bind(socket_, reinterpret_cast<sockaddr*>(&local), sizeof(local)) != 0 ||
      connect(socket_, reinterpret_cast<sockaddr*>(&server), sizeof(server)) != 0) {
    if (socket_ >= 0) close(socket_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port) + " from " + source);
  }
}

RawClient::~RawClient() { close(socket_); }

bool RawClient::Send(const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(socket_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string RawClient::StatusLine(std::chrono::milliseconds limit) {
  std::string received;
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (received.find("\r\n") == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd wanted{socket_, POLLIN, 0};
    if (left.count() <= 0 || poll(&wanted, 1, static_cast<int>(left.count())) <= 0) return "";
    char buffer[4096];
    ssize_t n = recv(socket_, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<size_t>(n));
  }
  return received.substr(0, received.find("\r\n"));
}

}  // namespace scr::test
