// The library's HTTP (or HTTPS) server, serving every accepted connection through a ConnectionGuard
// (connection_guard.h) instead of its own unguarded loop, on workers that grow with the connections.
#pragma once

#include <httplib.h>

#include <memory>
#include <type_traits>

#include "connection_guard.h"
#include "growing_thread_pool.h"

namespace scr {

// `Library` is httplib::Server or httplib::SSLServer; constructed with the library's own arguments.
template <typename Library>
class GuardedServer : public Library {
 public:
  template <typename... Arguments>
  explicit GuardedServer(std::shared_ptr<ConnectionGuard> guard, Arguments&&... arguments)
      : Library(std::forward<Arguments>(arguments)...), guard_(std::move(guard)) {
    // Room for every connection the guard admits, and for those it refuses at once.
    size_t workers = guard_->limits().max_connections + 64;
    this->new_task_queue = [workers] { return new GrowingThreadPool(workers); };
    this->set_pre_routing_handler([](const httplib::Request& request, httplib::Response&) {
      return ConnectionGuard::HeadersRead(request) ? httplib::Server::HandlerResponse::Handled
                                                   : httplib::Server::HandlerResponse::Unhandled;
    });
  }

 private:
  // Replaces the library's loop over one connection (a private virtual of the library: overriding is allowed,
  // and its own request parsing, process_request, is protected).
  bool process_and_close_socket(socket_t socket) override {
    SSL_CTX* tls = nullptr;
    if constexpr (std::is_base_of_v<httplib::SSLServer, Library>) tls = this->ssl_context();
    guard_->Serve(
        socket, tls, this->keep_alive_max_count_, std::chrono::seconds(this->keep_alive_timeout_sec_),
        [this] { return this->is_running(); },
        [this](httplib::Stream& stream, bool close_connection, bool& connection_closed) {
          return this->process_request(stream, close_connection, connection_closed, nullptr);
        });
    return true;
  }

  std::shared_ptr<ConnectionGuard> guard_;
};

}  // namespace scr
