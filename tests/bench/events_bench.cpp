// scr-bench events: reviews created and events applied through ReviewService on a file database,
// then the time to reopen it (every open review loaded) and the memory each open review takes.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench_support.h"
#include "benches.h"
#include "engine/directory.h"
#include "engine/review_service.h"

namespace scr::bench {
namespace {

struct Step {
  bool is_event;
  std::string name;  // event, or checkpoint to complete
};

// The commands that take one review through its course, found by walking a scratch review through the
// real service: complete what blocks the next event, then apply it. Ends with a loop of revisions.
std::vector<Step> CourseOfOneReview(ReviewService& service, const Actor& actor, const Referral& referral, size_t length) {
  std::vector<Step> steps;
  ReviewId id = service.Execute(ReferCommand{actor, referral}).review;
  const std::vector<std::string> course = {"decide_to_review", "commission", "start_review", "submit_report"};
  for (const std::string& event : course) {
    CommandResult result = service.Execute(ApplyEventCommand{actor, id, event, "bench", "{}"});
    if (result.status.code() == Status::Code::kBlocked) {
      for (const std::string& key : result.status.items()) {
        service.Execute(CompleteCheckpointCommand{actor, id, key, "", ""});
        steps.push_back({false, key});
      }
      result = service.Execute(ApplyEventCommand{actor, id, event, "bench", "{}"});
    }
    steps.push_back({true, event});
  }
  // Then the report goes back and forth between the lead reviewer and quality assurance.
  for (bool in_qa = true; steps.size() < length; in_qa = !in_qa) {
    steps.push_back({true, in_qa ? "return_for_revision" : "submit_report"});
  }
  steps.resize(length);
  return steps;
}

Command MakeCommand(const Step& step, const Actor& actor, ReviewId review) {
  if (step.is_event) return ApplyEventCommand{actor, review, step.name, "bench", "{}"};
  return CompleteCheckpointCommand{actor, review, step.name, "", ""};
}

}  // namespace

int RunEventsBench(const EventsOptions& options, const ReferenceData& reference) {
  Workspace workspace(options.database_path);
  SimulatedClock clock(ParseInstant("2026-06-01T09:00:00Z").value());
  BoardId board = Directory::Open(workspace.database_path()).value()->CreateBoard("Bench board", Nation::kEnglandAndWales,
                                                                                   "Europe/London").value();
  Actor actor{board, Role::kBusinessUnit, "Bench", std::nullopt};
  Referral referral;
  referral.workflow = "scr-2015";
  referral.title = "Bench review";
  referral.incident_date = Date::FromYmd(2026, 4, 20);
  referral.referral_date = Date::FromYmd(2026, 5, 1);
  referral.rationale = "Benchmark";
  referral.conditions = {{"statutory_criteria_met", true}, {"child_died", false}};

  ReviewService::Options service_options{workspace.database_path(), reference.workflows.get(),
                                         reference.holidays.get(), &clock};
  std::unique_ptr<ReviewService> service = std::move(ReviewService::Open(service_options)).value();
  size_t per_review = std::max<size_t>(1, options.events / std::max<size_t>(1, options.reviews));
  std::vector<Step> course = CourseOfOneReview(*service, actor, referral, per_review);

  spdlog::info("creating {} reviews in transactions of {}", options.reviews, options.batch);
  Stopwatch create_watch;
  std::vector<ReviewId> ids;
  ids.reserve(options.reviews);
  for (size_t done = 0; done < options.reviews;) {
    std::vector<Command> batch;
    for (; batch.size() < options.batch && done < options.reviews; ++done) batch.push_back(ReferCommand{actor, referral});
    for (const CommandResult& result : service->ExecuteBatch(batch)) {
      if (!result.status.ok()) return std::cerr << result.status.message() << "\n", 1;
      ids.push_back(result.review);
    }
  }
  double create_seconds = create_watch.seconds();

  // Step i of every review, then step i + 1: transactions mix many reviews, as a busy board's would.
  spdlog::info("applying {} events ({} per review) in transactions of {}", per_review * ids.size(), per_review,
               options.batch);
  Stopwatch events_watch;
  size_t applied = 0, failed = 0;
  std::vector<Command> batch;
  auto flush = [&] {
    for (const CommandResult& result : service->ExecuteBatch(batch)) result.status.ok() ? ++applied : ++failed;
    batch.clear();
  };
  for (const Step& step : course) {
    for (ReviewId id : ids) {
      batch.push_back(MakeCommand(step, actor, id));
      if (batch.size() == options.batch) flush();
    }
    spdlog::info("  {} events applied", applied + failed + batch.size());
  }
  if (!batch.empty()) flush();
  double events_seconds = events_watch.seconds();
  service.reset();

  Reopen median = MedianReopen(workspace.database_path(), options.workflows_dir, "", 5);
  int64_t open_reviews = static_cast<int64_t>(median.open_reviews);

  nlohmann::json figures = {
      {"reviews", ids.size()},
      {"events", applied},
      {"events_refused", failed},
      {"batch", options.batch},
      {"reviews_per_s", ids.size() / create_seconds},
      {"events_per_s", applied / events_seconds},
      {"reopen_s", median.seconds},
      {"open_reviews", open_reviews},
      {"rss_bytes_per_review", open_reviews ? median.rss_growth / open_reviews : 0},
  };
  std::cout << figures.dump() << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace scr::bench

namespace scr::bench {

int RunOpenProbe(const std::string& database_path, const std::string& now, const ReferenceData& reference) {
  std::unique_ptr<Clock> clock = std::make_unique<SystemClock>();
  if (!now.empty()) clock = std::make_unique<SimulatedClock>(ParseInstant(now).value());
  int64_t before = ResidentBytes();
  Stopwatch watch;
  Result<std::unique_ptr<ReviewService>> service =
      ReviewService::Open({database_path, reference.workflows.get(), reference.holidays.get(), clock.get()});
  if (!service.ok()) return std::cerr << service.status().message() << "\n", 1;
  std::optional<Instant> next = (*service)->NextAlertAt();  // what the engine arms its timer at
  double seconds = watch.seconds();
  int64_t growth = ResidentBytes() - before;
  nlohmann::json figures = {{"open_s", seconds},
                            {"rss_growth_bytes", growth},
                            {"open_reviews", (*service)->open_review_count()},
                            {"next_alert", next ? FormatInstant(*next) : ""},
                            {"pending_alerts", (*service)->CountPlannedAlerts()}};
  std::cout << figures.dump() << std::endl;
  return 0;
}

}  // namespace scr::bench
