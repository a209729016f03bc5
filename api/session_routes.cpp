// Signing in to the dashboard: an email address and a password give a session cookie (HttpOnly,
// SameSite=Strict, Secure over TLS, ours or a proxy's) and a CSRF token that the page sends back with every
// change. Sessions last 12 hours of real time, whatever a simulated clock says: moving a demo's clock does
// not sign anyone out. Guessing is throttled by real time too (engine/sessions.h): 429 with Retry-After.
#include <spdlog/spdlog.h>

#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kEveryone = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                     Role::kAgency, Role::kViewer};

// Secure whenever users reach the service over HTTPS: its own, or a proxy's that ends TLS in front of it.
std::string CookieHeader(const ApiContext& api, const std::string& value, int max_age_s) {
  bool https = !api.options.tls_cert.empty() || api.options.public_url.rfind("https://", 0) == 0;
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s) + (https ? "; Secure" : "");
}

bool IsLoopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// The client's address: the peer's, or, when the peer is on this machine (the documented nginx in front),
// the last address of X-Forwarded-For, the one that proxy saw (the earlier ones are the client's to write).
std::string ClientAddress(const httplib::Request& request) {
  if (!IsLoopback(request.remote_addr) || !request.has_header("X-Forwarded-For")) return request.remote_addr;
  std::string forwarded = request.get_header_value("X-Forwarded-For");
  size_t comma = forwarded.rfind(',');
  std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
  size_t first = last.find_first_not_of(" \t"), end = last.find_last_not_of(" \t");
  if (first == std::string::npos) return request.remote_addr;
  return last.substr(first, end - first + 1);
}

void SignIn(ApiContext& api, RequestContext& context) {
  StrictObject body(context.request.body, {"email", "password"});
  std::string email = body.Text("email", true, 320).value_or("");
  std::string password = body.Text("password", true, 1000).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  auto sessions = api.sessions.Acquire();
  if (!sessions.ok()) return WriteProblem(context.response, sessions.status());
  SignInAttempt attempt{email, password, ClientAddress(context.request), api.options.real_time->Now()};
  const Instant now = attempt.now;
  Result<SignInOutcome> outcome = (*sessions)->SignIn(attempt);
  // Logged by a hash of the email address: never the address, never the password.
  const std::string email_hash = EmailKey(email).substr(0, 16);
  if (outcome.ok() && !outcome->session) {
    spdlog::warn("sign-in refused unchecked from {} for email hash {}: too many failed attempts for this {}; "
                 "locked for {} s more", attempt.client, email_hash, outcome->locked_out, outcome->retry_after.count());
    context.response.set_header("Retry-After", std::to_string(outcome->retry_after.count()));
    return WriteProblem(context.response, 429, "Too many attempts",
                        "too many failed sign-ins for this " + outcome->locked_out + " lately; try again in " +
                            std::to_string(outcome->retry_after.count()) +
                            " seconds, or ask your board's administrator to set a new password");
  }
  if (!outcome.ok() && outcome.status().code() == Status::Code::kNotFound) {
    spdlog::warn("sign-in failed from {} for email hash {}: wrong email address or password", attempt.client,
                 email_hash);
    return WriteProblem(context.response, 401, "Not signed in", outcome.status().message());
  }
  if (!outcome.ok()) return WriteProblem(context.response, outcome.status());
  const Session* session = &*outcome->session;
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(session->expires_at - now).count();
  context.response.set_header("Set-Cookie", CookieHeader(api, session->token, static_cast<int>(seconds)));
  WriteJson(context.response, 201,
            {{"name", session->actor.name},
             {"role", RoleName(session->actor.role)},
             {"board", session->actor.board_id},
             {"csrf_token", session->csrf_token},
             {"expires_at", FormatInstant(session->expires_at)}});
}

void WhoAmI(ApiContext& api, RequestContext& context) {
  auto queries = api.queries.Acquire();
  if (!queries.ok()) return WriteProblem(context.response, queries.status());
  Result<Board> board = (*queries)->GetBoard(context.actor.board_id);
  if (!board.ok()) return WriteProblem(context.response, board.status());
  WriteJson(context.response, 200,
            {{"name", context.actor.name},
             {"role", RoleName(context.actor.role)},
             {"board", context.actor.board_id},
             {"board_name", board->name},
             {"protective_marking", api.options.protective_marking},
             {"agency", context.actor.role == Role::kAgency ? nlohmann::json(context.actor.agency) : nlohmann::json(nullptr)},
             {"user", context.actor.user_id ? nlohmann::json(*context.actor.user_id) : nlohmann::json(nullptr)},
             {"csrf_token", context.csrf_token.empty() ? nlohmann::json(nullptr) : nlohmann::json(context.csrf_token)},
             {"simulated_clock", api.options.simulated_clock != nullptr}});
}

void SignOut(ApiContext& api, RequestContext& context) {
  if (std::optional<std::string> cookie = SessionCookie(context.request)) {
    auto sessions = api.sessions.Acquire();
    if (!sessions.ok()) return WriteProblem(context.response, sessions.status());
    if (Status ended = (*sessions)->SignOut(*cookie, api.options.real_time->Now()); !ended.ok()) {
      return WriteProblem(context.response, ended);
    }
  }
  context.response.set_header("Set-Cookie", CookieHeader(api, "", 0));
  WriteJson(context.response, 200, {{"signed_out", true}});
}

}  // namespace

const char* const kSessionCookie = "scr_session";

std::optional<std::string> SessionCookie(const httplib::Request& request) {
  std::string cookies = request.get_header_value("Cookie");
  const std::string name = std::string(kSessionCookie) + "=";
  for (size_t at = 0; at < cookies.size();) {
    size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    size_t start = cookies.find_first_not_of(' ', at);
    if (start != std::string::npos && start < end && cookies.compare(start, name.size(), name) == 0) {
      std::string value = cookies.substr(start + name.size(), end - start - name.size());
      if (!value.empty()) return value;
    }
    at = end + 1;
  }
  return std::nullopt;
}

std::vector<Route> SessionRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  return {
      {"POST", "/api/v1/session", false, {}, bind(SignIn)},
      {"GET", "/api/v1/session", true, kEveryone, bind(WhoAmI)},
      {"POST", "/api/v1/session/sign-out", true, kEveryone, bind(SignOut)},
  };
}

}  // namespace scr
