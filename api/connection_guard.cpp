#include "connection_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "problem.h"

namespace scr {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A chunked body is counted as sent, chunk sizes and line ends included: room for them beyond the limit.
constexpr size_t kChunkFraming = 64 * 1024;

std::string PeerAddress(int socket) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (getpeername(socket, reinterpret_cast<sockaddr*>(&address), &length) != 0) return "unknown";
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&address)->sin_addr, text, sizeof(text));
  } else if (address.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&address)->sin6_addr, text, sizeof(text));
  }
  return text;
}

void SetTimeout(int socket, int option, milliseconds timeout) {
  timeval value{};
  value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  value.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  setsockopt(socket, SOL_SOCKET, option, &value, sizeof(value));
}

// Waits until `socket` has something to read, at most `timeout`; true when it has.
bool WaitReadable(int socket, milliseconds timeout) {
  pollfd wanted{socket, POLLIN, 0};
  int ready = poll(&wanted, 1, static_cast<int>(std::max<int64_t>(0, timeout.count())));
  return ready > 0;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    default: return "Service Unavailable";
  }
}

std::string RawAnswer(int status, const std::string& title, const std::string& detail) {
  std::string body = ProblemBody(status, title, detail);
  return "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) +
         "\r\nContent-Type: application/problem+json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n" + body;
}

// One connection as the library reads and writes it: every byte counted against the limits of the request
// it belongs to, every wait bounded by the request's deadline and the idle timeout.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(int socket, SSL* tls, const HttpLimits& limits, std::string address)
      : socket_(socket), tls_(tls), limits_(limits), address_(std::move(address)) {}

  // Waits, in short steps so that a stopping server is not held up, for the next request's first byte.
  bool WaitForRequest(std::chrono::seconds keep_alive_timeout, const std::function<bool()>& listening) {
    auto until = SteadyClock::now() + keep_alive_timeout;
    while (listening()) {
      if (Buffered()) return true;
      auto left = std::chrono::duration_cast<milliseconds>(until - SteadyClock::now());
      if (left.count() <= 0) return false;
      if (WaitReadable(socket_, std::min(left, milliseconds(100)))) return true;
    }
    return false;
  }

  void StartRequest() {
    phase_ = Phase::kHeaders;
    counted_ = 0;
    deadline_ = SteadyClock::now() + limits_.header_deadline;
  }

  // False, after answering 413, when the body announced is over the limit.
  bool StartBody(uint64_t announced_length) {
    phase_ = Phase::kBody;
    counted_ = 0;
    deadline_ = SteadyClock::now() + limits_.body_deadline;
    if (announced_length <= limits_.max_body_bytes) return true;
    Refuse(413, "Request too large", BodyTooLarge());
    return false;
  }

  bool refused() const { return refused_; }

  bool is_readable() const override { return Buffered() || WaitReadable(socket_, limits_.idle_timeout); }
  // Writes block at most the idle timeout (SO_SNDTIMEO), so nothing to wait for here.
  bool is_writable() const override { return !refused_; }

  ssize_t read(char* ptr, size_t size) override {
    if (refused_) return -1;
    if (begin_ == end_ && !Fill()) return -1;
    size_t n = std::min(size, end_ - begin_);
    counted_ += n;
    if (phase_ == Phase::kHeaders && counted_ > limits_.max_header_bytes) {
      Refuse(431, "Request headers too large",
             "the request line and headers are over " + std::to_string(limits_.max_header_bytes / 1024) + " KiB");
      return -1;
    }
    if (phase_ == Phase::kBody && counted_ > limits_.max_body_bytes + kChunkFraming) {
      Refuse(413, "Request too large", BodyTooLarge());
      return -1;
    }
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (refused_) return -1;
    return WriteRaw(ptr, size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = address_;
    port = 0;
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (getpeername(socket_, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
    if (address.ss_family == AF_INET) port = ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) port = ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    port = 0;
    if (getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
      auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
      inet_ntop(AF_INET, &v4->sin_addr, text, sizeof(text));
      port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
      auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
      inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof(text));
      port = ntohs(v6->sin6_port);
    }
    ip = text;
  }

  socket_t socket() const override { return socket_; }

 private:
  enum class Phase { kHeaders, kBody };

  std::string BodyTooLarge() const {
    return "the request body is over " + std::to_string(limits_.max_body_bytes >> 20) + " MiB";
  }

  bool Buffered() const { return begin_ < end_ || (tls_ && SSL_pending(tls_) > 0); }

  // Reads what has arrived into the buffer, waiting no longer than the request's deadline and the idle
  // timeout; false on the end of the connection, an error or a timeout (answered 408 past the deadline).
  bool Fill() {
    if (!tls_) {
      // Most reads find their bytes waiting (the connection was just seen readable): no wait then.
      ssize_t n = recv(socket_, buffer_, sizeof(buffer_), MSG_DONTWAIT);
      if (n > 0) return Filled(n);
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return false;
    }
    if (!tls_ || SSL_pending(tls_) == 0) {
      auto now = SteadyClock::now();
      auto until = std::min(deadline_, now + limits_.idle_timeout);
      if (!WaitReadable(socket_, std::chrono::duration_cast<milliseconds>(until - now))) {
        if (SteadyClock::now() >= deadline_) {
          Refuse(408, "Request too slow",
                 phase_ == Phase::kHeaders
                     ? "the request's headers did not arrive within " +
                           std::to_string(limits_.header_deadline.count() / 1000) + " seconds"
                     : "the request's body did not arrive within " +
                           std::to_string(limits_.body_deadline.count() / 1000) + " seconds");
        }
        return false;
      }
    }
    ssize_t n = tls_ ? SSL_read(tls_, buffer_, sizeof(buffer_)) : recv(socket_, buffer_, sizeof(buffer_), 0);
    return n > 0 && Filled(n);
  }

  bool Filled(ssize_t n) {
    begin_ = 0;
    end_ = static_cast<size_t>(n);
    return true;
  }

  ssize_t WriteRaw(const char* ptr, size_t size) {
    if (tls_) return SSL_write(tls_, ptr, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
    return send(socket_, ptr, size, MSG_NOSIGNAL);
  }

  // Answers the request here (the library has not finished reading it) and ends the connection.
  void Refuse(int status, const std::string& title, const std::string& detail) {
    if (refused_) return;
    spdlog::warn("http: refused a request from {} with {}: {}", address_, status, detail);
    std::string answer = RawAnswer(status, title, detail);
    WriteRaw(answer.data(), answer.size());
    refused_ = true;
  }

  const int socket_;
  SSL* const tls_;
  const HttpLimits& limits_;
  const std::string address_;
  Phase phase_ = Phase::kHeaders;
  size_t counted_ = 0;  // bytes of the current phase handed to the library
  SteadyClock::time_point deadline_ = SteadyClock::now();
  char buffer_[16 * 1024];
  size_t begin_ = 0, end_ = 0;  // what of buffer_ has arrived and is not yet read
  bool refused_ = false;
};

thread_local GuardedStream* current_stream = nullptr;

// After an answer to a request that was not read whole, the client may still be sending: reading what comes
// for a moment before closing lets it receive the answer instead of a reset.
void CloseGently(int socket) {
  shutdown(socket, SHUT_WR);
  char discard[16 * 1024];
  auto until = SteadyClock::now() + milliseconds(500);
  size_t drained = 0;
  while (drained < (4u << 20)) {
    auto left = std::chrono::duration_cast<milliseconds>(until - SteadyClock::now());
    if (left.count() <= 0 || !WaitReadable(socket, left)) break;
    ssize_t n = recv(socket, discard, sizeof(discard), 0);
    if (n <= 0) break;
    drained += static_cast<size_t>(n);
  }
}

}  // namespace

bool ConnectionGuard::HeadersRead(const httplib::Request& request) {
  if (!current_stream) return false;
  std::string announced = request.get_header_value("Content-Length");
  return !current_stream->StartBody(announced.empty() ? 0 : std::strtoull(announced.c_str(), nullptr, 10));
}

bool ConnectionGuard::Admit(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t& from_address = by_address_[address];
  if (from_address >= limits_.max_connections_per_address || open_ >= limits_.max_connections) {
    if (from_address == 0) by_address_.erase(address);
    return false;
  }
  ++from_address;
  ++open_;
  return true;
}

void ConnectionGuard::Release(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = by_address_.find(address);
  if (found != by_address_.end() && --found->second == 0) by_address_.erase(found);
  --open_;
}

void ConnectionGuard::Serve(int socket, SSL_CTX* tls, size_t keep_alive_requests,
                            std::chrono::seconds keep_alive_timeout, const std::function<bool()>& listening,
                            const ServeRequest& serve_request) {
  std::string address = PeerAddress(socket);
  if (!Admit(address)) {
    spdlog::warn("http: refused a connection from {}: it already has {} open (or the service {})", address,
                 limits_.max_connections_per_address, limits_.max_connections);
    if (!tls) {
      std::string answer = RawAnswer(503, "Too many connections",
                                     "too many connections from your address are open; close some and try again");
      send(socket, answer.data(), answer.size(), MSG_NOSIGNAL);
      char discard[4096];  // what the client sent already, so that the close is not a reset
      while (recv(socket, discard, sizeof(discard), MSG_DONTWAIT) > 0) {
      }
      shutdown(socket, SHUT_RDWR);
    }
    close(socket);
    return;
  }
  SetTimeout(socket, SO_SNDTIMEO, limits_.idle_timeout);
  SSL* session = nullptr;
  bool ready = true;
  if (tls) {
    // The handshake, blocking, bounded as the headers are.
    SetTimeout(socket, SO_RCVTIMEO, limits_.header_deadline);
    session = SSL_new(tls);
    ready = session && SSL_set_fd(session, socket) == 1 && SSL_accept(session) == 1;
    SetTimeout(socket, SO_RCVTIMEO, limits_.idle_timeout);
  }
  bool refused = false;
  if (ready) {
    GuardedStream stream(socket, session, limits_, address);
    current_stream = &stream;
    for (size_t left = keep_alive_requests; left > 0 && stream.WaitForRequest(keep_alive_timeout, listening); --left) {
      stream.StartRequest();
      bool connection_closed = false;
      bool served = serve_request(stream, left == 1, connection_closed);
      if (!served || connection_closed || stream.refused()) break;
    }
    current_stream = nullptr;
    refused = stream.refused();
  }
  if (session) {
    if (ready) SSL_shutdown(session);
    SSL_free(session);
  }
  if (refused) CloseGently(socket);
  shutdown(socket, SHUT_RDWR);
  close(socket);
  Release(address);
}

}  // namespace scr
