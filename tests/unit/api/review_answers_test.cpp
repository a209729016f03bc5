// The JSON of reviews read lately: found only for the same board and the same version of the review.
#include <catch2/catch.hpp>

#include "review_answers.h"

namespace scr {
namespace {

ReviewVersion Version(int64_t seq, const char* day) {
  ReviewVersion version;
  version.last_seq = seq;
  version.last_hash = "hash" + std::to_string(seq);
  version.today = Date::Parse(day).value();
  return version;
}

TEST_CASE("a kept review answer is found for its board and version only", "[api][reviews]") {
  ReviewAnswers answers;
  auto json = std::make_shared<const std::string>(R"({"id":7})");
  answers.Keep(1, 7, Version(3, "2026-03-02"), json);

  CHECK(answers.Find(1, 7, Version(3, "2026-03-02")) == json);
  CHECK(answers.Find(2, 7, Version(3, "2026-03-02")) == nullptr);  // another board
  CHECK(answers.Find(1, 7, Version(4, "2026-03-02")) == nullptr);  // changed since
  CHECK(answers.Find(1, 7, Version(3, "2026-03-03")) == nullptr);  // a new day
  CHECK(answers.Find(1, 8, Version(3, "2026-03-02")) == nullptr);  // another review

  auto newer = std::make_shared<const std::string>(R"({"id":7,"state":"commissioning"})");
  answers.Keep(1, 7, Version(4, "2026-03-02"), newer);
  CHECK(answers.Find(1, 7, Version(3, "2026-03-02")) == nullptr);
  CHECK(answers.Find(1, 7, Version(4, "2026-03-02")) == newer);
}

TEST_CASE("review answers stay bounded: past their capacity they start again", "[api][reviews]") {
  ReviewAnswers answers;
  auto json = std::make_shared<const std::string>("{}");
  for (ReviewId review = 1; review <= 5000; ++review) answers.Keep(1, review, Version(1, "2026-03-02"), json);
  CHECK(answers.Find(1, 5000, Version(1, "2026-03-02")) == json);
  CHECK(answers.Find(1, 1, Version(1, "2026-03-02")) == nullptr);
}

}  // namespace
}  // namespace scr
