// Signing in to the dashboard: an email address and a password give a session cookie (HttpOnly,
// SameSite=Strict, Secure over TLS) and a CSRF token that the page sends back with every change. Sessions
// last 12 hours of real time, whatever a simulated clock says: moving a demo's clock does not sign anyone out.
#include "problem.h"
#include "routes.h"
#include "strict_json.h"

namespace scr {
namespace {

const std::vector<Role> kEveryone = {Role::kAdmin, Role::kBusinessUnit, Role::kChair, Role::kLeadReviewer,
                                     Role::kAgency, Role::kViewer};

std::string CookieHeader(const ApiContext& api, const std::string& value, int max_age_s) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s) + (api.options.tls_cert.empty() ? "" : "; Secure");
}

void SignIn(ApiContext& api, RequestContext& context) {
  StrictObject body(context.request.body, {"email", "password"});
  std::string email = body.Text("email", true, 320).value_or("");
  std::string password = body.Text("password", true, 1000).value_or("");
  if (!body.ok()) return WriteProblem(context.response, 400, "Bad request", body.error());
  auto sessions = api.sessions.Acquire();
  if (!sessions.ok()) return WriteProblem(context.response, sessions.status());
  Instant now = std::chrono::system_clock::now();
  Result<Session> session = (*sessions)->SignIn(email, password, now);
  if (!session.ok() && session.status().code() == Status::Code::kNotFound) {
    return WriteProblem(context.response, 401, "Not signed in", session.status().message());
  }
  if (!session.ok()) return WriteProblem(context.response, session.status());
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
             {"agency", context.actor.role == Role::kAgency ? nlohmann::json(context.actor.agency) : nlohmann::json(nullptr)},
             {"user", context.actor.user_id ? nlohmann::json(*context.actor.user_id) : nlohmann::json(nullptr)},
             {"csrf_token", context.csrf_token.empty() ? nlohmann::json(nullptr) : nlohmann::json(context.csrf_token)},
             {"simulated_clock", api.options.simulated_clock != nullptr}});
}

void SignOut(ApiContext& api, RequestContext& context) {
  if (std::optional<std::string> cookie = SessionCookie(context.request)) {
    auto sessions = api.sessions.Acquire();
    if (!sessions.ok()) return WriteProblem(context.response, sessions.status());
    if (Status ended = (*sessions)->SignOut(*cookie, std::chrono::system_clock::now()); !ended.ok()) {
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
