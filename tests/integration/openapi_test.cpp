// The OpenAPI document served at /api/v1/openapi.json is the route table's: the same methods and paths,
// the same roles (x-roles), nothing missing and nothing extra.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunTracker;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

// "/api/v1/reviews/(\d+)/checkpoints/([a-z][a-z0-9_]*)" and "/api/v1/reviews/{id}/checkpoints/{key}" both
// become "/api/v1/reviews/{}/checkpoints/{}".
std::string Normalise(const std::string& path) {
  std::string normal = std::regex_replace(path, std::regex(R"(\([^)]*\))"), "{}");
  return std::regex_replace(normal, std::regex(R"(\{[a-z_]+\})"), "{}");
}

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

}  // namespace

TEST_CASE("openapi: the served document describes exactly the registered routes and the roles each allows",
          "[integration][openapi]") {
  scr::test::CommandOutput table = RunTracker({"routes"});
  REQUIRE(table.exit_code == 0);
  std::map<std::string, std::set<std::string>> registered;  // "GET /path" -> roles
  for (const json& route : json::parse(table.out)) {
    std::vector<std::string> roles = route["roles"];
    registered[route["method"].get<std::string>() + " " + Normalise(route["pattern"])] = {roles.begin(), roles.end()};
  }
  registered.erase("GET /api/v1/openapi.json");  // the document does not describe itself

  TempDir dir;
  TrackerService service(dir.File("scr.db"));
  scr::test::ApiClient client("127.0.0.1", service.port());
  auto served = client.Get("/api/v1/openapi.json");
  REQUIRE(served);
  REQUIRE(served->status == 200);
  json document = json::parse(served->body);
  CHECK(document["openapi"] == "3.1.0");
  std::map<std::string, std::set<std::string>> described;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::vector<std::string> roles = operation.value("x-roles", std::vector<std::string>{});
      described[Upper(method) + " " + Normalise(path)] = {roles.begin(), roles.end()};
    }
  }
  for (const auto& [route, roles] : registered) {
    INFO(route);
    REQUIRE(described.count(route) == 1);  // a route the document lacks
    CHECK(described[route] == roles);
  }
  for (const auto& [route, roles] : described) {
    INFO(route);
    CHECK(registered.count(route) == 1);  // an operation no route serves
  }
}
