// A plain TCP connection to a server on this machine, for tests that send requests as an attacker would:
// byte by byte, without end, or from another loopback address.
#pragma once

#include <chrono>
#include <string>

namespace scr::test {

class RawClient {
 public:
  // Connects to 127.0.0.1:`port` from `source` (any 127.x.y.z address is this machine's own); throws when
  // the connection cannot be made.
  explicit RawClient(int port, const std::string& source = "127.0.0.1");
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Sends all of `bytes`; false when the server closed the connection first.
  bool Send(const std::string& bytes);
  // The status line of the answer, waiting at most `limit`; empty when none came.
  std::string StatusLine(std::chrono::milliseconds limit = std::chrono::seconds(20));

 private:
  int socket_ = -1;
};

}  // namespace scr::test
