// scr-bench fire: many deadlines due at the same moment, fired end to end (alert + outbox rows, committed
// with a full sync), with the lateness of each alert behind its moment.
// scr-bench startup: a database holding millions of pending alerts, reopened in a fresh process; the time
// until the scheduler knows its next alert (re-armed) and the memory each pending alert takes.
#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench_support.h"
#include "benches.h"
#include "engine/directory.h"
#include "engine/review_queries.h"
#include "engine/review_service.h"

namespace scr::bench {
namespace {

const Instant kStart = ParseInstant("2026-06-01T09:00:00Z").value();  // a Monday

Referral BenchReferral() {
  Referral referral;
  referral.workflow = "scr-2015";
  referral.title = "Bench review";
  referral.incident_date = Date::FromYmd(2026, 5, 20);
  referral.referral_date = Date::FromYmd(2026, 6, 1);
  referral.rationale = "Benchmark";
  referral.conditions = {{"statutory_criteria_met", true}, {"child_died", false}};
  return referral;
}

// Refers `count` reviews in transactions of 1,000; false (with a message) if one is refused.
bool ReferReviews(ReviewService& service, const Actor& actor, size_t count) {
  Referral referral = BenchReferral();
  for (size_t done = 0; done < count;) {
    std::vector<Command> batch;
    for (; batch.size() < 1000 && done < count; ++done) batch.push_back(ReferCommand{actor, referral});
    for (const CommandResult& result : service.ExecuteBatch(batch)) {
      if (!result.status.ok()) return std::cerr << result.status.message() << "\n", false;
    }
  }
  return true;
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(fraction * static_cast<double>(values.size())))];
}

struct FireRun {
  size_t fired = 0;
  double seconds = 0;
  double p50_lateness_s = 0;
  double p99_lateness_s = 0;
  double user_s = 0;
  double system_s = 0;
};

FireRun RunFireOnce(const FireOptions& options, const ReferenceData& reference) {
  Workspace workspace(options.database_path);
  SimulatedClock clock(kStart);
  BoardId board = Directory::Open(workspace.database_path()).value()->CreateBoard("Bench board", Nation::kEnglandAndWales,
                                                                                   "Europe/London").value();
  Actor actor{board, Role::kBusinessUnit, "Bench", std::nullopt};
  ReviewService::Options service_options{workspace.database_path(), reference.workflows.get(),
                                         reference.holidays.get(), &clock};
  std::unique_ptr<ReviewService> service = std::move(ReviewService::Open(service_options)).value();
  spdlog::info("referring {} reviews on the same day", options.deadlines);
  if (!ReferReviews(*service, actor, options.deadlines)) return {};

  // Every review's chair decision falls due on the same day: its overdue alerts share one moment.
  std::unique_ptr<ReviewQueries> queries =
      std::move(ReviewQueries::Open({workspace.database_path(), reference.workflows.get(), reference.holidays.get(),
                                     &clock}))
          .value();
  ReviewView first = queries->GetReview(board, 1).value();
  auto decision = std::find_if(first.checkpoints.begin(), first.checkpoints.end(),
                               [](const CheckpointView& checkpoint) { return checkpoint.key == "chair_decision"; });
  WorkingCalendar calendar = WorkingCalendar::Create(*reference.holidays, Nation::kEnglandAndWales).value();
  Instant moment = calendar.EndOfDay(*decision->due);
  clock.AdvanceTo(moment - std::chrono::seconds(1));
  size_t before = service->FireDueAlerts(options.batch).value();
  spdlog::info("{} earlier alerts fired; now {} deadlines fall due at {}", before, options.deadlines,
               FormatInstant(moment));

  clock.AdvanceTo(moment);
  FireRun run;
  std::vector<double> lateness;
  CpuTime cpu_before = ProcessCpuTime();
  Stopwatch watch;
  for (;;) {
    size_t fired = service->FireDueAlerts(options.batch, 1).value();
    if (fired == 0 && !(service->NextAlertAt() && *service->NextAlertAt() <= moment)) break;
    double committed = watch.seconds();
    lateness.insert(lateness.end(), fired, committed);  // each alert of the transaction is out when it commits
    run.fired += fired;
  }
  run.seconds = watch.seconds();
  CpuTime cpu = ProcessCpuTime() - cpu_before;
  run.user_s = cpu.user_s;
  run.system_s = cpu.system_s;
  run.p50_lateness_s = Percentile(lateness, 0.50);
  run.p99_lateness_s = Percentile(lateness, 0.99);
  service.reset();
  // What a restart would see: the alerts of that moment, each with its outbox row.
  SQLite::Database database(workspace.database_path(), SQLite::OPEN_READONLY);
  SQLite::Statement stored(database,
                           "SELECT COUNT(*), (SELECT COUNT(*) FROM outbox JOIN alerts ON alerts.id = outbox.alert_id "
                           "WHERE alerts.scheduled_for = ?1) FROM alerts WHERE scheduled_for = ?1");
  stored.bind(1, FormatInstant(moment));
  stored.executeStep();
  if (static_cast<size_t>(stored.getColumn(0).getInt64()) != run.fired ||
      static_cast<size_t>(stored.getColumn(1).getInt64()) != run.fired) {
    std::cerr << "expected " << run.fired << " alerts with an outbox row each at " << FormatInstant(moment)
              << ", found " << stored.getColumn(0).getInt64() << " and " << stored.getColumn(1).getInt64() << "\n";
    return {};
  }
  return run;
}

}  // namespace

int RunFireBench(const FireOptions& options, const ReferenceData& reference) {
  std::vector<FireRun> runs;
  for (int run = 0; run < options.runs; ++run) {
    runs.push_back(RunFireOnce(options, reference));
    const FireRun& last = runs.back();
    spdlog::info("run {}: {} alerts in {:.3f} s ({:.3f} s user, {:.3f} s system), {:.0f}/s, lateness p50 {:.3f} s "
                 "p99 {:.3f} s", run + 1, last.fired, last.seconds, last.user_s, last.system_s, last.fired / last.seconds,
                 last.p50_lateness_s, last.p99_lateness_s);
    if (last.fired == 0) return 1;
  }
  std::sort(runs.begin(), runs.end(),
            [](const FireRun& a, const FireRun& b) { return a.fired / a.seconds < b.fired / b.seconds; });
  const FireRun& median = runs[runs.size() / 2];
  nlohmann::json figures = {{"deadlines", options.deadlines},
                            {"alerts_fired", median.fired},
                            {"batch", options.batch},
                            {"runs", options.runs},
                            {"fired_per_s", median.fired / median.seconds},
                            {"seconds", median.seconds},
                            {"lateness_p50_ms", median.p50_lateness_s * 1000},
                            {"lateness_p99_ms", median.p99_lateness_s * 1000},
                            {"user_s", median.user_s},
                            {"system_s", median.system_s}};
  std::cout << figures.dump() << std::endl;
  return 0;
}

int RunStartupBench(const StartupOptions& options, const ReferenceData& reference) {
  Workspace workspace(options.database_path);
  SimulatedClock clock(kStart);
  BoardId board = Directory::Open(workspace.database_path()).value()->CreateBoard("Bench board", Nation::kEnglandAndWales,
                                                                                   "Europe/London").value();
  Actor actor{board, Role::kBusinessUnit, "Bench", std::nullopt};
  ReviewService::Options service_options{workspace.database_path(), reference.workflows.get(),
                                         reference.holidays.get(), &clock};
  std::unique_ptr<ReviewService> service = std::move(ReviewService::Open(service_options)).value();
  // A referral plans the same alerts each time: refer one, count, then enough for `pending` alerts.
  if (!ReferReviews(*service, actor, 1)) return 1;
  size_t per_review = std::max<size_t>(1, service->CountPlannedAlerts());
  size_t reviews = (options.pending + per_review - 1) / per_review;
  spdlog::info("referring {} reviews with {} pending alerts each", reviews, per_review);
  if (!ReferReviews(*service, actor, reviews - 1)) return 1;
  size_t pending = service->CountPlannedAlerts();
  service.reset();

  spdlog::info("{} alerts pending across {} reviews; reopening five times, each in a fresh process", pending, reviews);
  Reopen median = MedianReopen(workspace.database_path(), options.workflows_dir, FormatInstant(kStart), 5);
  if (median.pending_alerts != pending || median.next_alert.empty()) {
    std::cerr << "the reopened service holds " << median.pending_alerts << " pending alerts (expected " << pending
              << ") and next alert '" << median.next_alert << "'\n";
    return 1;
  }
  nlohmann::json figures = {{"pending_alerts", pending},
                            {"reviews", reviews},
                            {"startup_s", median.seconds},
                            {"next_alert", median.next_alert},
                            {"rss_bytes_per_pending", median.rss_growth / static_cast<int64_t>(pending)},
                            {"rss_bytes_per_review", median.rss_growth / static_cast<int64_t>(reviews)}};
  std::cout << figures.dump() << std::endl;
  return 0;
}

}  // namespace scr::bench
