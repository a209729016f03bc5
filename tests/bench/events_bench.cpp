// scr-bench events: reviews created and events applied through ReviewService on a file database,
// then the time to reopen it (every open review loaded) and the memory each open review takes.
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

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

// Measured in a child process so that nothing the parent allocated earlier hides in the figure.
std::pair<double, int64_t> MeasureReopenInChild(const ReviewService::Options& options, size_t* open_reviews) {
  int channel[2];
  if (pipe(channel) != 0) return {0, 0};
  pid_t child = fork();
  if (child == 0) {
    int64_t before = ResidentBytes();
    Stopwatch watch;
    Result<std::unique_ptr<ReviewService>> service = ReviewService::Open(options);
    double seconds = watch.seconds();
    int64_t grown = ResidentBytes() - before;
    int64_t figures[3] = {static_cast<int64_t>(seconds * 1e9), grown,
                          service.ok() ? static_cast<int64_t>((*service)->open_review_count()) : -1};
    ssize_t written = write(channel[1], figures, sizeof figures);
    _exit(written == sizeof figures ? 0 : 1);
  }
  int64_t figures[3] = {0, 0, 0};
  ssize_t got = read(channel[0], figures, sizeof figures);
  waitpid(child, nullptr, 0);
  close(channel[0]);
  close(channel[1]);
  if (got != sizeof figures) return {0, 0};
  *open_reviews = static_cast<size_t>(figures[2]);
  return {figures[0] / 1e9, figures[1]};
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
  referral.statutory_criteria_met = true;

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

  std::vector<double> reopen_times;
  size_t open_reviews = 0;
  auto [first_reopen, rss_growth] = MeasureReopenInChild(service_options, &open_reviews);
  reopen_times.push_back(first_reopen);
  for (int run = 1; run < 5; ++run) {
    Stopwatch reopen_watch;
    std::unique_ptr<ReviewService> reopened = std::move(ReviewService::Open(service_options)).value();
    reopen_times.push_back(reopen_watch.seconds());
  }
  std::sort(reopen_times.begin(), reopen_times.end());

  nlohmann::json figures = {
      {"reviews", ids.size()},
      {"events", applied},
      {"events_refused", failed},
      {"batch", options.batch},
      {"reviews_per_s", ids.size() / create_seconds},
      {"events_per_s", applied / events_seconds},
      {"reopen_s", reopen_times[reopen_times.size() / 2]},
      {"open_reviews", open_reviews},
      {"rss_bytes_per_review", open_reviews ? rss_growth / static_cast<int64_t>(open_reviews) : 0},
  };
  std::cout << figures.dump() << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace scr::bench
