// The limits the HTTP library lacks, enforced on every connection below it: the library (cpp-httplib 0.11)
// reads header lines without a total limit, reads a chunked body whatever its size, and lets a client that
// sends a byte every few seconds hold a worker for ever. Here every byte the library reads comes through a
// stream that counts and times it:
//   - a request's headers: at most `max_header_bytes`, all within `header_deadline` of its first byte
//     (431 or 408, then the connection is closed);
//   - its body, however it is sent (Content-Length or chunked): at most `max_body_bytes` as sent, within
//     `body_deadline` of the headers (413 or 408);
//   - each read and write waits at most `idle_timeout`;
//   - at most `max_connections_per_address` connections from one client address and `max_connections` in
//     all (503 to the rest, at once), served by workers that grow with the connections.
// The library still parses and answers; the guard only refuses.
// Thread-safety: one ConnectionGuard is shared by every worker (its counts are guarded by a mutex); each
// connection's stream belongs to the worker serving it.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace scr {

struct HttpLimits {
  size_t max_header_bytes = 64 * 1024;
  size_t max_body_bytes = 1 << 20;
  std::chrono::milliseconds header_deadline{std::chrono::seconds(10)};
  std::chrono::milliseconds body_deadline{std::chrono::seconds(30)};
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(10)};
  size_t max_connections_per_address = 64;
  size_t max_connections = 512;
};

class ConnectionGuard {
 public:
  // Serves one request of the connection on `stream`: the library's process_request.
  using ServeRequest = std::function<bool(httplib::Stream& stream, bool close_connection, bool& connection_closed)>;

  explicit ConnectionGuard(HttpLimits limits) : limits_(limits) {}

  // Serves the accepted `socket` (through TLS when `tls` is set: the handshake, too, within the header
  // deadline) until the client closes it, keep-alive runs out or a limit is hit; then closes it.
  // `keep_alive_requests` and `keep_alive_timeout` as the library's own loop uses them; `listening` tells
  // whether the server still runs.
  void Serve(int socket, SSL_CTX* tls, size_t keep_alive_requests, std::chrono::seconds keep_alive_timeout,
             const std::function<bool()>& listening, const ServeRequest& serve_request);

  // Called once a request's headers have been read (the server's pre-routing step, on the same thread):
  // from here its body is counted against the body limit. A body announced over the limit is refused at
  // once (413, the connection closed) rather than read first, as the library would: true then.
  static bool HeadersRead(const httplib::Request& request);

  const HttpLimits& limits() const { return limits_; }

 private:
  // Counts the connection from `address`; false when that address or the server has too many.
  bool Admit(const std::string& address);
  void Release(const std::string& address);

  const HttpLimits limits_;
  std::mutex mutex_;                         // guards the two counts
  std::map<std::string, size_t> by_address_;  // open connections per client address
  size_t open_ = 0;
};

}  // namespace scr
