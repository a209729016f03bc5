// The HTTP API over the engine: authenticates, checks the caller's role against the route table,
// parses JSON strictly, hands writes to the engine thread and reads through pooled read connections.
// Thread-safety: Listen() blocks the calling thread; Stop() may be called from any thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/clock.h"
#include "engine/engine.h"
#include "engine/roles.h"
#include "engine/workflow.h"

namespace scr {

class ApiServer {
 public:
  struct Options {
    std::string database_path;
    Engine* engine = nullptr;
    const WorkflowRegistry* workflows = nullptr;
    const BankHolidays* holidays = nullptr;
    const Clock* clock = nullptr;  // the review clock
    // What is timed in real time (sessions, sign-in throttling, tokens' use, message retries): clock.h.
    const Clock* real_time = &SystemClock::Instance();
    SimulatedClock* simulated_clock = nullptr;  // null on the system clock: /admin/clock answers 404
    // HTTPS with this PEM certificate and key when both are set (Bind refuses files it cannot use).
    std::string tls_cert;
    std::string tls_key;
    // The address users reach the service at (server.public_url), e.g. https://scr.example.org behind a
    // proxy that ends TLS: the session cookie is Secure when it starts with https:// (or with tls_cert set).
    std::string public_url;
    // GET /health/ready answers 503 when the oldest notification not yet delivered is older than this.
    std::chrono::minutes max_undelivered_age{30};
    // Connections one client address may hold open at once (behind a proxy on the same machine, every
    // connection comes from the proxy's address).
    size_t connections_per_address = 64;
    // Printed at the top and bottom of every printed page (print.protective_marking); empty for none.
    std::string protective_marking = "OFFICIAL-SENSITIVE";
  };

  // One route of the table: its method, path pattern (a regular expression) and who may call it.
  struct RouteInfo {
    std::string method;
    std::string pattern;
    bool requires_token = true;
    std::vector<Role> roles;
  };

  explicit ApiServer(const Options& options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds `host:port` (port 0: any free port); an error naming the problem when the address, or the TLS
  // certificate or key, cannot be used.
  Status Bind(const std::string& host, int port);
  int port() const;
  bool https() const;
  // Serves until Stop(); blocks the calling thread.
  void Serve();
  void Stop();
  // Every registered route, in registration order.
  const std::vector<RouteInfo>& routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scr
