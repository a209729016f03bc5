// Every list of the API pages the same way: `limit` (1 to 200) items at most, a `next_cursor` that gives
// the rest, null on the last page; a limit out of range or not a number is a 400 that says the range.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "support/api_calls.h"
#include "support/api_client.h"
#include "support/process.h"

using nlohmann::json;
using scr::test::Bearer;
using scr::test::GetJson;

namespace {

// The demo's token of `role` ("Sam Okafor (business_unit): scr_...").
std::string DemoTokenOfRole(const scr::test::TrackerService& demo, const std::string& role) {
  std::smatch match;
  std::string banner = demo.Output();
  REQUIRE(std::regex_search(banner, match, std::regex("\\(" + role + "\\): (scr_[0-9a-f]{64})")));
  return match[1].str();
}

std::string WithQuery(const std::string& path, const std::string& query) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") + query;
}

// Every item of `path`, read `size` at a time (at most `max_pages` pages); each page holds at most `size`
// and all but the last is full, with a cursor; the last, when reached, has a null cursor.
json Walk(scr::test::ApiClient& client, const std::string& path, const std::string& token, size_t size,
          int max_pages) {
  json walked = json::array();
  std::string cursor;
  for (int pages = 0; pages < max_pages; ++pages) {
    std::string query = "limit=" + std::to_string(size) + (cursor.empty() ? "" : "&cursor=" + cursor);
    json page = GetJson(client, WithQuery(path, query), token);
    REQUIRE(page["items"].size() <= size);
    for (const json& item : page["items"]) walked.push_back(item);
    if (page["next_cursor"].is_null()) break;
    REQUIRE(page["items"].size() == size);
    cursor = page["next_cursor"].get<std::string>();
  }
  return walked;
}

// Pages of two items (one, for a list of two: the review types the demo loads) give, in order, the same
// items as pages of 200; a list of three gives two and a cursor, then the last one.
void RequirePagesOfTwo(scr::test::ApiClient& client, const std::string& path, const std::string& token) {
  INFO(path);
  json whole = Walk(client, path, token, 200, 100);
  REQUIRE(whole.size() >= 2);
  const size_t size = whole.size() >= 3 ? 2 : 1;
  json walked = Walk(client, path, token, size, 30);
  // Reading a review's access log is itself a read of the review, logged after those already given.
  CHECK(walked.size() >= std::min(whole.size(), 30 * size));
  size_t common = std::min(walked.size(), whole.size());
  CHECK(std::equal(walked.begin(), walked.begin() + static_cast<std::ptrdiff_t>(common), whole.begin()));
}

void Post(scr::test::ApiClient& client, const std::string& path, const std::string& token, const json& body) {
  auto answer = client.Post(path.c_str(), Bearer(token), body.dump(), "application/json");
  REQUIRE(answer);
  INFO(path << ": " << answer->body);
  REQUIRE(answer->status == 201);
}

}  // namespace

TEST_CASE("pagination: every list gives limit items and a cursor to the rest, and refuses a limit out of 1 to 200",
          "[integration][pagination]") {
  std::unique_ptr<scr::test::TrackerService> demo = scr::test::TrackerService::Demo();
  scr::test::ApiClient client("127.0.0.1", demo->port());
  std::string unit = demo->DemoToken("Sam Okafor");
  std::string admin = DemoTokenOfRole(*demo, "admin");
  const std::string review = "/api/v1/reviews/1";
  for (int i = 1; i <= 3; ++i) {
    std::string n = std::to_string(i);
    Post(client, review + "/information-requests", unit,
         {{"agency", "Agency " + n}, {"request", "Chronology " + n}, {"due", "2027-06-1" + std::to_string(3 + i)}});
    Post(client, review + "/documents", unit,
         {{"title", "Record " + n}, {"kind", "chronology"}, {"owner_body", "Police"}, {"held_by", "Police"},
          {"date", "2026-01-0" + n}});
    Post(client, review + "/family-members", unit,
         {{"name", "Relative " + n}, {"relationship", "aunt"}, {"involvement", "involved"}});
    Post(client, review + "/identifiers", unit, {{"kind", "place"}, {"value", "Street " + n}});
    REQUIRE(client.Get(review.c_str(), Bearer(unit))->status == 200);  // three reads for the access log
  }
  // The demo's review in implementation has improvement actions.
  json implementing = GetJson(client, "/api/v1/reviews?state=implementation", unit)["items"];
  REQUIRE(implementing.size() == 1);
  long long implementation = implementing[0]["id"];

  const std::vector<std::pair<std::string, std::string>> lists = {
      {"/api/v1/reviews", unit},
      {review + "/events", unit},
      {"/api/v1/workflows", unit},
      {"/api/v1/alerts", unit},
      {"/api/v1/inbox", unit},
      {"/api/v1/notifications", admin},
      {review + "/information-requests", unit},
      {review + "/family-members", unit},
      {review + "/documents", unit},
      {review + "/identifiers", unit},
      {"/api/v1/reviews/" + std::to_string(implementation) + "/actions", unit},
      {"/api/v1/actions", unit},
      {"/api/v1/actions/by-agency", unit},
      {review + "/access-log", admin},
      {"/api/v1/work", unit},
  };
  for (const auto& [path, token] : lists) {
    RequirePagesOfTwo(client, path, token);
    for (const char* limit : {"0", "201", "-1", "x", ""}) {
      std::string asked = WithQuery(path, std::string("limit=") + limit);
      INFO(asked);
      auto refused = client.Get(asked.c_str(), Bearer(token));
      REQUIRE(refused);
      CHECK(refused->status == 400);
      CHECK(json::parse(refused->body)["detail"].get<std::string>().find("from 1 to 200") != std::string::npos);
    }
    std::string wrong_cursor = WithQuery(path, "cursor=next");
    auto refused = client.Get(wrong_cursor.c_str(), Bearer(token));
    REQUIRE(refused);
    CHECK(refused->status == 400);
  }
}
