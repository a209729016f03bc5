// The engine thread: commands from many threads at once are all applied, in transactions they share.
#include <catch2/catch.hpp>

#include <future>
#include <set>
#include <thread>

#include "engine/engine.h"
#include "support/service_fixture.h"

using namespace scr;
using scr::test::ServiceFixture;

TEST_CASE("engine: referrals sent from many threads at once are each recorded once", "[engine][engine-thread]") {
  ServiceFixture fixture;
  Referral referral = fixture.MakeReferral();
  Actor unit = fixture.business_unit();
  std::string path = fixture.database_path();
  Result<std::unique_ptr<ReviewService>> service =
      ReviewService::Open({path, &test::ProjectWorkflows(), &test::ProjectBankHolidays(), &fixture.clock()});
  REQUIRE(service.ok());
  Engine engine(std::move(service).value(), &fixture.clock(), 64);

  constexpr int kThreads = 8, kPerThread = 50;
  std::vector<std::future<std::vector<CommandResult>>> senders;
  for (int t = 0; t < kThreads; ++t) {
    senders.push_back(std::async(std::launch::async, [&] {
      std::vector<std::future<CommandResult>> pending;
      for (int i = 0; i < kPerThread; ++i) pending.push_back(engine.Submit(ReferCommand{unit, referral}));
      std::vector<CommandResult> results;
      for (auto& result : pending) results.push_back(result.get());
      return results;
    }));
  }
  std::set<ReviewId> ids;
  for (auto& sender : senders) {
    for (const CommandResult& result : sender.get()) {
      CHECK(result.status.ok());
      ids.insert(result.review);
    }
  }
  CHECK(ids.size() == kThreads * kPerThread);

  // A task posted after the commands sees all of them.
  size_t open = 0;
  engine.Post([&open](ReviewService& s) { open = s.open_review_count(); }).get();
  CHECK(open == kThreads * kPerThread);
  engine.Stop();
  fixture.Restart();
  CHECK(fixture.queries().ListReviews(fixture.board(), {std::nullopt, std::nullopt, std::nullopt, 200})->items.size() ==
        200);
}
