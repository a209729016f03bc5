// Liveness and readiness. GET /health says the process answers (the contract's {"status":"ok"}); GET
// /health/ready says whether it can do its work: the database takes writes, the engine thread (which
// owns the scheduler) answers, and notifications are not stuck (the oldest one not yet delivered is
// younger than health.max_undelivered_age_minutes). 503 with the reasons when not, for a monitor.
#include "engine/calendar.h"
#include "routes.h"

namespace scr {
namespace {

constexpr auto kEngineAnswerLimit = std::chrono::seconds(5);

void Health(ApiContext&, RequestContext& context) { WriteJson(context.response, 200, {{"status", "ok"}}); }

void Ready(ApiContext& api, RequestContext& context) {
  Instant now = api.options.clock->Now();
  std::vector<std::string> problems;
  nlohmann::json checks;

  Result<ConnectionPool<Notifications>::Lease> notifications = api.notifications.Acquire();
  Status written = notifications.ok() ? (*notifications)->ProbeWrite(now) : notifications.status();
  checks["database"] = {{"writable", written.ok()}};
  if (!written.ok()) problems.push_back("the database does not take writes: " + written.message());

  std::future<void> answered = api.options.engine->Post([](ReviewService&) {});
  bool running = answered.wait_for(kEngineAnswerLimit) == std::future_status::ready;
  checks["scheduler"] = {{"running", running}};
  if (!running)
    problems.push_back("the engine thread (scheduler and every write) has not answered within 5 s");

  Result<DeliveryBacklog> backlog =
      notifications.ok() ? (*notifications)->Backlog() : Result<DeliveryBacklog>(notifications.status());
  long long limit_s =
      std::chrono::duration_cast<std::chrono::seconds>(api.options.max_undelivered_age).count();
  if (!backlog.ok()) {
    checks["notifications"] = {{"readable", false}};
    problems.push_back("the notification backlog cannot be read: " + backlog.status().message());
  } else {
    nlohmann::json oldest_age = nullptr;
    if (backlog->oldest_undelivered) {
      long long age_s =
          std::chrono::duration_cast<std::chrono::seconds>(now - *backlog->oldest_undelivered).count();
      oldest_age = age_s;
      if (age_s > limit_s) {
        problems.push_back("notifications are stuck: the oldest not yet delivered has waited " +
                           std::to_string(age_s / 60) + " min (limit " + std::to_string(limit_s / 60) +
                           " min); see GET /api/v1/notifications and the log for the failing channel");
      }
    }
    checks["notifications"] = {{"queued", backlog->queued},
                               {"pending", backlog->pending},
                               {"dead", backlog->dead},
                               {"oldest_undelivered_age_s", oldest_age},
                               {"max_undelivered_age_s", limit_s}};
  }
  if (problems.empty()) return WriteJson(context.response, 200, {{"status", "ready"}, {"checks", checks}});
  std::string detail;
  for (const std::string& problem : problems) detail += (detail.empty() ? "" : "; ") + problem;
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", "Not ready"},
                         {"status", 503},
                         {"detail", detail},
                         {"checks", checks}};
  context.response.status = 503;
  context.response.set_content(body.dump(), "application/problem+json");
}

}  // namespace

std::vector<Route> HealthRoutes(ApiContext& api) {
  auto bind = [&api](void (*handler)(ApiContext&, RequestContext&)) {
    return [&api, handler](RequestContext& context) { handler(api, context); };
  };
  return {
      {"GET", "/health", false, {}, bind(Health)},
      {"GET", "/health/ready", false, {}, bind(Ready)},
  };
}

}  // namespace scr
