#include "api/server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>
#include <regex>

#include "guarded_server.h"
#include "problem.h"
#include "routes.h"
#include "tls.h"

namespace scr {
namespace {

// The limits every request meets, however it is sent (connection_guard.h). A review's JSON is a few KiB.
HttpLimits LimitsFor(const ApiServer::Options& options) {
  HttpLimits limits;
  limits.max_header_bytes = 64 * 1024;
  limits.max_body_bytes = 1 << 20;
  limits.max_connections_per_address = options.connections_per_address;
  return limits;
}

struct PresentedToken {
  std::string value;
  bool in_url = false;
};

// The token of the Authorization header; on a route that allows it (a calendar feed, which calendar
// programs fetch by URL alone), the `token` query parameter.
std::optional<PresentedToken> TokenOf(const httplib::Request& request, bool query_allowed) {
  std::string header = request.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() > prefix.size() && header.compare(0, prefix.size(), prefix) == 0) {
    return PresentedToken{header.substr(prefix.size()), false};
  }
  if (query_allowed && request.has_param("token")) return PresentedToken{request.get_param_value("token"), true};
  return std::nullopt;
}

// The detail of a 401: why the credential presented was refused (revoked, expired, ...), and what to do.
std::string NotSignedIn(const Status& why) {
  const std::string what_to_do =
      "sign in, or send 'Authorization: Bearer <token>'; ask your board's administrator for a token";
  return why.message() == "no session" ? what_to_do : why.message() + "; " + what_to_do;
}

// A GET of one review's data (the review, its history, family members, documents, ...) is named in the
// access log by its method and path template, e.g. "GET /api/v1/reviews/{id}/events"; other routes by "".
std::string ReadOfReview(const Route& route) {
  const std::string review = R"(/api/v1/reviews/(\d+))";
  if (route.method != "GET" || !route.requires_token || route.pattern.compare(0, review.size(), review) != 0) return "";
  std::string rest = std::regex_replace(route.pattern.substr(review.size()), std::regex(R"(\([^)]*\))"), "{item}");
  return "GET /api/v1/reviews/{id}" + rest;
}

}  // namespace

struct ApiServer::Impl {
  explicit Impl(const Options& options)
      : api{options,
            ConnectionPool<ReviewQueries>([options] {
              return ReviewQueries::Open({options.database_path, options.workflows, options.holidays, options.clock});
            }),
            ConnectionPool<Directory>([options] { return Directory::Open(options.database_path); }),
            ConnectionPool<Notifications>([options] { return Notifications::Open(options.database_path); }),
            ConnectionPool<Sessions>([options] { return Sessions::Open(options.database_path); }),
            AccessLog::Create(options.database_path),
            TokenUse::Create(options.database_path),
            {}} {}

  void Register(const Route& route) {
    routes.push_back({route.method, route.pattern, route.requires_token, route.roles});
    std::string read_of_review = ReadOfReview(route);
    auto handler = [this, route, read_of_review](const httplib::Request& request, httplib::Response& response) {
      Handle(route, read_of_review, request, response);
    };
    if (route.method == "GET") server->Get(route.pattern, handler);
    else if (route.method == "POST") server->Post(route.pattern, handler);
    else if (route.method == "PUT") server->Put(route.pattern, handler);
    else if (route.method == "PATCH") server->Patch(route.pattern, handler);
    else if (route.method == "DELETE") server->Delete(route.pattern, handler);
  }

  // `read_of_review`: the route's name in the access log when it reads a review's data, else empty.
  void Handle(const Route& route, const std::string& read_of_review, const httplib::Request& request,
              httplib::Response& response) {
    auto started = std::chrono::steady_clock::now();
    RequestContext context{request, response, Actor{}, {}};
    std::string who = "-";
    if (route.requires_token) {
      Result<Actor> actor = Authenticate(route, context);
      if (!actor.ok() && actor.status().code() == Status::Code::kPermissionDenied) {
        WriteProblem(response, 403, "Not allowed", actor.status().message());
      } else if (!actor.ok() && actor.status().code() == Status::Code::kStorage) {
        WriteProblem(response, actor.status());
      } else if (!actor.ok()) {
        response.set_header("WWW-Authenticate", "Bearer");
        WriteProblem(response, 401, "Not signed in", NotSignedIn(actor.status()));
      } else {
        context.actor = *actor;
        who = actor->name + "/" + RoleName(actor->role) + "@board" + std::to_string(actor->board_id);
        bool allowed = std::find(route.roles.begin(), route.roles.end(), actor->role) != route.roles.end();
        if (!allowed) {
          WriteProblem(response, 403, "Not allowed for your role",
                       std::string("the role ") + RoleName(actor->role) + " cannot " + route.method + " " + request.path);
        }
      }
    }
    if (response.status == -1) route.handler(context);
    if (!read_of_review.empty() && response.status == 200) RecordRead(read_of_review, context);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("http {} {} -> {} by {} in {:.1f} ms", request.method, request.path, response.status, who, ms);
  }

  // The caller of a route that needs one: a token's (the Authorization header, or ?token= where the route
  // takes it) or a session's. A calendar-scoped token is accepted only where ?token= is, and only such a
  // token in a URL: an API token would sit in calendar providers' hands and in logs. No cache: a token
  // revoked or a user disabled a moment ago is refused now.
  Result<Actor> Authenticate(const Route& route, RequestContext& context) {
    std::optional<PresentedToken> token = TokenOf(context.request, route.token_in_query);
    if (!token) return AuthenticateSession(context);
    Result<ConnectionPool<Directory>::Lease> directory = api.directories.Acquire();
    if (!directory.ok()) return directory.status();
    Instant now = (api.options.clock ? api.options.clock : api.options.real_time)->Now();
    Result<TokenGrant> grant = (*directory)->Authenticate(token->value, now);
    if (!grant.ok()) return grant.status();
    if (token->in_url && grant->scope != TokenScope::kCalendar) {
      return Status::PermissionDenied(
          "an API token is not accepted in a URL, where it would be kept by calendar programs and logs; for the "
          "calendar feed, ask your administrator for a calendar token (scr-tracker admin create-token --scope "
          "calendar), or send this one as 'Authorization: Bearer <token>'");
    }
    if (grant->scope == TokenScope::kCalendar && !route.token_in_query) {
      return Status::PermissionDenied(
          "this is a calendar token: it reads the calendar feed (GET /api/v1/calendar.ics?token=...) and nothing "
          "else; use an API token for the rest of the API");
    }
    if (grant->actor.token_id) api.token_use->Note(*grant->actor.token_id, api.options.real_time->Now());
    return grant->actor;
  }

  // The signed-in user of a session cookie. A change (anything but GET) must also carry the session's
  // X-CSRF-Token, which a page of another site cannot read: refused otherwise.
  Result<Actor> AuthenticateSession(RequestContext& context) {
    std::optional<std::string> cookie = SessionCookie(context.request);
    if (!cookie) return Status::NotFound("no session");
    Result<ConnectionPool<Sessions>::Lease> sessions = api.sessions.Acquire();
    if (!sessions.ok()) return sessions.status();
    Result<Session> session = (*sessions)->Find(*cookie, api.options.real_time->Now());
    if (!session.ok()) return session.status();
    if (context.request.method != "GET" && context.request.get_header_value("X-CSRF-Token") != session->csrf_token) {
      return Status::PermissionDenied("a change made with a session must carry the page's X-CSRF-Token header");
    }
    context.csrf_token = session->csrf_token;
    return session->actor;
  }

  // A read that cannot be recorded is not served: its answer becomes a 503.
  void RecordRead(const std::string& route, RequestContext& context) {
    const httplib::Request& request = context.request;
    Status recorded = Status::NotFound("no review number in the path");
    try {
      recorded = api.access_log->Record(context.actor, std::stoll(request.matches[1].str()), route,
                                        api.options.clock->Now());
    } catch (const std::exception&) {  // not a number: the handler answered 404 already
    }
    if (recorded.ok()) return;
    spdlog::error("http {} {}: the read was not recorded in the access log, so it was refused: {}", request.method,
                  request.path, recorded.message());
    context.response.body.clear();
    WriteProblem(context.response, 503, "Service unavailable",
                 "the read could not be recorded in the access log; try again shortly");
  }

  ApiContext api;
  std::vector<ApiServer::RouteInfo> routes;
  std::unique_ptr<httplib::Server> server;  // an httplib::SSLServer when TLS is configured
  Status tls_problem;                       // why the configured certificate or key cannot be used
  int port = 0;
  int listening_socket = -1;  // the last socket the library made to listen on
};

ApiServer::ApiServer(const Options& options) : impl_(std::make_unique<Impl>(options)) {
  auto guard = std::make_shared<ConnectionGuard>(LimitsFor(options));
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    Result<std::unique_ptr<httplib::Server>> https = MakeHttpsServer(guard, options.tls_cert, options.tls_key);
    if (https.ok()) impl_->server = std::move(https).value();
    else impl_->tls_problem = https.status();
  }
  if (!impl_->server) impl_->server = std::make_unique<GuardedServer<httplib::Server>>(guard);
  httplib::Server& server = *impl_->server;
  // A body announced with Content-Length over the limit is refused before it is read; one sent in chunks is
  // counted as it arrives by the guard.
  server.set_payload_max_length(guard->limits().max_body_bytes);
  // Answers are never kept by browsers or proxies (they hold a family's data), and never read as another
  // type than the one they say.
  server.set_default_headers({{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});
  // Every HTML answer carries a content security policy: the dashboard's own (web_pages.cpp), or for
  // printable reports one that runs no script and loads nothing.
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.get_header_value("Content-Type").rfind("text/html", 0) == 0 &&
        !response.has_header("Content-Security-Policy")) {
      response.set_header("Content-Security-Policy",
                          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
                          "base-uri 'none'; form-action 'none'");
    }
  });
  // A busy client keeps its connection (and its worker) for up to 1,000 requests rather than the library's
  // 5: connecting again costs more than most answers. An idle connection still lets go after 5 seconds.
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // answers go out at once, not held back waiting for an acknowledgement
  server.set_socket_options([impl = impl_.get()](socket_t socket) {
    httplib::default_socket_options(socket);
    impl->listening_socket = socket;
  });
  for (const Route& route : HealthRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : ServiceRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : ReviewRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : AlertRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : NotificationRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : InformationRequestRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : FamilyRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : DocumentRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : CalendarRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : ActionRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : AssessmentRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : MetricsRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : SessionRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : WorkRoutes(impl_->api)) impl_->Register(route);
  for (const Route& route : ReportRoutes(impl_->api)) impl_->Register(route);
  RegisterWebPages(server);
  for (const Route& route : AccessLogRoutes(impl_->api)) impl_->Register(route);
  server.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("http {} {}: unexpected failure: {}", request.method, request.path, what);
    WriteProblem(response, 500, "Internal error", "the request failed unexpectedly; it has been logged");
  });
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (response.body.empty()) {
      if (response.status == 404) {
        WriteProblem(response, 404, "Not found", "no resource at " + request.path);
      } else if (response.status == 413) {
        WriteProblem(response, 413, "Request too large", "the request body is over 1 MiB");
      } else {
        WriteProblem(response, response.status, "Request refused", "the request could not be handled");
      }
    }
  });
}

ApiServer::~ApiServer() { Stop(); }

Status ApiServer::Bind(const std::string& host, int port) {
  if (!impl_->tls_problem.ok()) return impl_->tls_problem;
  httplib::Server& server = *impl_->server;
  int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return Status::InvalidArgument("cannot listen on " + host + ":" + std::to_string(port) +
                                   "; is another program using the port?");
  }
  impl_->port = bound;
  // The library listens with a backlog of 5 connections: more clients connecting at once than that have
  // their connection attempts dropped and retried a second later. Listening again widens the backlog.
  if (impl_->listening_socket >= 0 && ::listen(impl_->listening_socket, SOMAXCONN) != 0) {
    spdlog::warn("http: could not widen the queue of connections waiting to be accepted; bursts of new "
                 "connections may wait a second");
  }
  return Status::Ok();
}

int ApiServer::port() const { return impl_->port; }

bool ApiServer::https() const { return dynamic_cast<const httplib::SSLServer*>(impl_->server.get()) != nullptr; }

void ApiServer::Serve() { impl_->server->listen_after_bind(); }

void ApiServer::Stop() {
  if (impl_) impl_->server->stop();
}

const std::vector<ApiServer::RouteInfo>& ApiServer::routes() const { return impl_->routes; }

}  // namespace scr
