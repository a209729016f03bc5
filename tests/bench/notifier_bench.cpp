// scr-bench notify: many queued alerts delivered by the notifier as email to a local SMTP sink (Debian's
// aiosmtpd), end to end: messages made from the outbox, sent over SMTP, each attempt recorded. Reports
// messages per second and the resident memory as the queue drains (it should stay flat).
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "bench_support.h"
#include "benches.h"
#include "engine/directory.h"
#include "engine/review_service.h"
#include "notifier/dispatcher.h"

namespace scr::bench {
namespace {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// aiosmtpd with its Sink handler: accepts every message and keeps none.
pid_t StartSink(int port) {
  std::string listen = "127.0.0.1:" + std::to_string(port);
  pid_t pid = fork();
  if (pid == 0) {
    execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c", "aiosmtpd.handlers.Sink",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  return pid;
}

int64_t Count(SQLite::Database& database, const char* sql) { return database.execAndGet(sql).getInt64(); }

}  // namespace

int RunNotifyBench(const NotifyOptions& options, const ReferenceData& reference) {
  Workspace workspace(options.database_path);
  SimulatedClock clock(ParseInstant("2026-06-01T09:00:00Z").value());
  {
    std::unique_ptr<Directory> directory = Directory::Open(workspace.database_path()).value();
    BoardId board = directory->CreateBoard("Bench board", Nation::kEnglandAndWales, "Europe/London").value();
    directory->CreateUser(board, Role::kBusinessUnit, "Sam Unit", "unit@example.org", "").value();
    directory->CreateUser(board, Role::kChair, "Pat Chair", "chair@example.org", "").value();
    Actor actor{board, Role::kBusinessUnit, "Bench", std::nullopt};
    std::unique_ptr<ReviewService> service = std::move(ReviewService::Open(
        {workspace.database_path(), reference.workflows.get(), reference.holidays.get(), &clock})).value();
    Referral referral;
    referral.workflow = "scr-2015";
    referral.title = "Bench review";
    referral.incident_date = Date::FromYmd(2026, 5, 20);
    referral.referral_date = Date::FromYmd(2026, 6, 1);
    referral.rationale = "Benchmark";
    referral.conditions = {{"statutory_criteria_met", true}, {"child_died", false}};
    // Each review raises about twenty alerts in its first weeks; refer until enough are queued.
    SQLite::Database database(workspace.database_path(), SQLite::OPEN_READONLY);
    size_t reviews = 0;
    while (Count(database, "SELECT COUNT(*) FROM outbox") < static_cast<int64_t>(options.messages)) {
      std::vector<Command> batch(100, ReferCommand{actor, referral});
      service->ExecuteBatch(batch);
      reviews += batch.size();
      clock.AdvanceTo(ParseInstant("2026-07-20T09:00:00Z").value());
      service->FireDueAlerts().value();
    }
    spdlog::info("{} alerts queued for email by {} reviews", Count(database, "SELECT COUNT(*) FROM outbox"), reviews);
  }

  // The given SMTP server, or a sink of our own on a free loopback port.
  pid_t sink = 0;
  std::string smtp_url = options.smtp_url;
  if (smtp_url.empty()) {
    int port = FreePort();
    sink = StartSink(port);
    smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  }
  notifier::DispatcherOptions dispatcher_options;
  dispatcher_options.database_path = workspace.database_path();
  dispatcher_options.workflows = reference.workflows.get();
  dispatcher_options.base_url = "http://127.0.0.1:8080";
  dispatcher_options.smtp_url = smtp_url;
  dispatcher_options.smtp_allow_insecure = true;  // made-up messages to a sink on loopback, which offers no STARTTLS
  SQLite::Database database(workspace.database_path(), SQLite::OPEN_READONLY);
  int64_t rss_start = ResidentBytes();
  int64_t rss_before = rss_start;
  Stopwatch watch;
  std::vector<nlohmann::json> samples;
  {
    auto dispatcher = notifier::Dispatcher::Start(dispatcher_options);
    if (!dispatcher.ok()) return std::cerr << dispatcher.status().message() << "\n", 1;
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      int64_t unexpanded = Count(database, "SELECT COUNT(*) FROM outbox WHERE expanded_at IS NULL");
      int64_t sent = Count(database, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'delivered'");
      int64_t pending = Count(database, "SELECT COUNT(*) FROM messages WHERE state = 'pending'");
      samples.push_back({{"s", watch.seconds()}, {"emails_sent", sent}, {"rss_growth_bytes", ResidentBytes() - rss_before}});
      spdlog::info("  {:.1f} s: {} emails sent, {} to go, RSS +{} KiB", watch.seconds(), sent, pending + unexpanded,
                   (ResidentBytes() - rss_before) / 1024);
      if (unexpanded == 0 && pending == 0) break;
    }
  }
  double seconds = watch.seconds();
  int64_t rss_end = ResidentBytes();
  if (sink > 0) {
    kill(sink, SIGTERM);
    waitpid(sink, nullptr, 0);
  }
  int64_t emails = Count(database, "SELECT COUNT(*) FROM messages WHERE channel = 'email' AND state = 'delivered'");
  int64_t failed = Count(database, "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = 'failed'");
  nlohmann::json figures = {{"emails", emails},
                            {"failed_attempts", failed},
                            {"seconds", seconds},
                            {"messages_per_s", emails / seconds},
                            {"rss_start_bytes", rss_start},
                            {"rss_end_bytes", rss_end},
                            {"rss_growth_first_bytes", samples.front()["rss_growth_bytes"]},
                            {"rss_growth_halfway_bytes", samples[samples.size() / 2]["rss_growth_bytes"]},
                            {"rss_growth_last_bytes", samples.back()["rss_growth_bytes"]},
                            {"samples", samples.size()}};
  std::cout << figures.dump() << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace scr::bench
