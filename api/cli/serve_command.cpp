#include "cli/serve_command.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <functional>
#include <iostream>
#include <thread>

#include "api/server.h"
#include "cli/config.h"
#include "cli/demo_data.h"
#include "cli/runtime.h"
#include "engine/directory.h"
#include "engine/engine.h"
#include "notifier/dispatcher.h"

namespace scr::cli {
namespace {

// The signals that stop the service; SIGUSR1 is our own wake-up when it stops for another reason.
sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);
  return signals;
}

// Stops `server` when SIGINT or SIGTERM arrives. The signals must already be blocked in every thread
// (BlockStopSignals before any thread starts), so that only this waiter receives them.
class StopOnSignal {
 public:
  explicit StopOnSignal(ApiServer& server) : signals_(StopSignals()) {
    waiter_ = std::thread([this, &server] {
      int received = 0;
      sigwait(&signals_, &received);
      if (received != SIGUSR1) spdlog::info("received signal {}; stopping", received);
      server.Stop();
    });
  }
  ~StopOnSignal() {
    pthread_kill(waiter_.native_handle(), SIGUSR1);
    waiter_.join();
  }

 private:
  sigset_t signals_;
  std::thread waiter_;
};

struct Running {
  std::string database_path;
  std::string listen;
  const ReferenceData* reference = nullptr;
  const Clock* clock = nullptr;
  SimulatedClock* simulated = nullptr;
  std::chrono::minutes digest_time{8 * 60};
  std::string history_key_file;  // empty: beside the database
  std::string tls_cert;  // HTTPS when both are set
  std::string tls_key;
  std::chrono::minutes max_undelivered_age{30};
  std::string public_url;  // server.public_url: empty when not configured
  size_t connections_per_address = 64;
  std::string protective_marking = "OFFICIAL-SENSITIVE";  // print.protective_marking
  notifier::DispatcherOptions notifier;  // database, workflows and base URL are filled in by Serve
  // Printed once the service listens, given the address it listens on.
  std::function<std::string(const std::string& base_url)> banner;
};

int Serve(const Running& run) {
  sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the engine and HTTP threads start: they inherit it
  Result<std::pair<std::string, int>> listen = ParseListen(run.listen);
  if (!listen.ok()) return Fail(listen.status().message());
  Result<std::unique_ptr<ReviewService>> service = ReviewService::Open(
      {run.database_path, run.reference->workflows.get(), run.reference->holidays.get(), run.clock, run.digest_time,
       run.history_key_file});
  if (!service.ok()) return Fail(service.status().message());
  Engine engine(std::move(service).value(), run.clock);

  ApiServer::Options options;
  options.database_path = run.database_path;
  options.engine = &engine;
  options.workflows = run.reference->workflows.get();
  options.holidays = run.reference->holidays.get();
  options.clock = run.clock;
  options.simulated_clock = run.simulated;
  options.tls_cert = run.tls_cert;
  options.tls_key = run.tls_key;
  options.max_undelivered_age = run.max_undelivered_age;
  options.public_url = run.public_url;
  options.connections_per_address = run.connections_per_address;
  options.protective_marking = run.protective_marking;
  ApiServer server(options);
  if (Status bound = server.Bind(listen->first, listen->second); !bound.ok()) return Fail(bound.message());
  std::string base_url = std::string(server.https() ? "https" : "http") + "://" + listen->first + ":" +
                         std::to_string(server.port());
  notifier::DispatcherOptions notifier_options = run.notifier;
  notifier_options.database_path = run.database_path;
  notifier_options.workflows = run.reference->workflows.get();
  notifier_options.base_url = run.public_url.empty() ? base_url : run.public_url;
  Result<std::unique_ptr<notifier::Dispatcher>> notifier = notifier::Dispatcher::Start(notifier_options);
  if (!notifier.ok()) return Fail(notifier.status().message());
  {
    StopOnSignal stop(server);
    spdlog::info("serving {} on {} ({} clock)", run.database_path, base_url, run.simulated ? "simulated" : "system");
    if (run.banner) std::cout << run.banner(base_url) << std::flush;
    server.Serve();
  }
  notifier->reset();  // after the message in hand; what is left waits in the outbox for the next start
  engine.Stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int RunServe(const ServeOptions& options) {
  Config config;
  if (!options.config_path.empty()) {
    Result<Config> loaded = LoadConfig(options.config_path);
    if (!loaded.ok()) return Fail(loaded.status().message());
    config = *loaded;
  }
  if (options.clock != "system" && options.clock != "simulated") {
    return Fail("--clock must be system or simulated");
  }
  std::optional<ReferenceData> reference =
      LoadReferenceData(options.workflows_dir.empty() ? DefaultWorkflowsDir() : options.workflows_dir);
  if (!reference) return 1;

  Result<std::unique_ptr<Directory>> directory = Directory::Open(options.database_path);
  if (!directory.ok()) return Fail(directory.status().message());
  SystemClock system_clock;
  std::unique_ptr<SimulatedClock> simulated;
  if (options.clock == "simulated") {
    Result<std::optional<Instant>> stored = (*directory)->LoadSimulatedNow();
    if (!stored.ok()) return Fail(stored.status().message());
    Instant start = system_clock.Now();
    if (stored->has_value() && **stored > start) start = **stored;  // simulated time never goes back
    simulated = std::make_unique<SimulatedClock>(start);
  }
  directory->reset();
  Running run{options.database_path, options.listen, &*reference,
              simulated ? static_cast<const Clock*>(simulated.get()) : &system_clock, simulated.get(),
              config.DigestTimeOfDay(), config.history_key_file, config.tls_cert, config.tls_key,
              std::chrono::minutes(config.max_undelivered_age_minutes), config.public_url,
              static_cast<size_t>(config.connections_per_address), config.protective_marking, {}, nullptr};
  run.notifier.smtp_url = config.smtp_url;
  if (!config.smtp_from.empty()) run.notifier.smtp_from = config.smtp_from;
  run.notifier.smtp_ca_file = config.smtp_ca_file;
  run.notifier.smtp_allow_insecure = config.smtp_allow_insecure;
  run.notifier.smtp_username = config.smtp_username;
  run.notifier.smtp_password = config.smtp_password;
  run.notifier.webhooks = config.webhooks;
  return Serve(run);
}

int RunDemo(const std::string& listen, const std::string& workflows_dir) {
  std::optional<ReferenceData> reference = LoadReferenceData(workflows_dir.empty() ? DefaultWorkflowsDir() : workflows_dir);
  if (!reference) return 1;
  Result<DemoDatabase> demo = BuildDemoDatabase(*reference);
  if (!demo.ok()) return Fail("could not build the demo: " + demo.status().message());
  Result<std::pair<std::string, int>> address = ParseListen(listen);
  if (!address.ok()) return Fail(address.status().message());
  auto banner = [&demo](const std::string& base_url) {
    std::string text = "\nscr-tracker demo\n  database: " + demo->database_path + "\n  dashboard: " + base_url +
                       "/\n  sign in with any of these, password " + kDemoPassword + ":\n";
    for (const auto& [email, role] : demo->logins) text += "    " + email + " (" + role + ")\n";
    text += "  Monday morning, what waits for each:\n";
    for (const auto& [email, morning] : demo->mornings) text += "    " + email + ": " + morning + "\n";
    text += "  API: " + base_url + "/api/v1/reviews\n  tokens (send as 'Authorization: Bearer TOKEN'):\n";
    for (const auto& [who, token] : demo->tokens) text += "    " + who + ": " + token + "\n";
    text += "  e.g. curl -H 'Authorization: Bearer " + demo->tokens.front().second + "' " + base_url +
            "/api/v1/reviews\n  calendar feed of the business unit (a calendar token, good for this URL alone):\n    " +
            base_url + "/api/v1/calendar.ics?token=" + demo->calendar_token + "\n  Stop with Ctrl+C.\n\n";
    return text;
  };
  Running run{demo->database_path, listen, &*reference, demo->clock.get(), demo->clock.get(),
              std::chrono::hours(8), "", "", "", std::chrono::minutes(30), "", 64, "OFFICIAL-SENSITIVE", {}, banner};
  return Serve(run);
}

int PrintRoutes() {
  ApiServer server(ApiServer::Options{});  // no request is served: only the table is read
  nlohmann::json routes = nlohmann::json::array();
  for (const ApiServer::RouteInfo& route : server.routes()) {
    nlohmann::json roles = nlohmann::json::array();
    for (Role role : route.roles) roles.push_back(RoleName(role));
    routes.push_back({{"method", route.method}, {"pattern", route.pattern}, {"requires_token", route.requires_token},
                      {"roles", roles}});
  }
  std::cout << routes.dump(2) << std::endl;
  return 0;
}

}  // namespace scr::cli
