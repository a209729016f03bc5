// Calls to the API through httplib for tests that drive the real binary: a bearer token's headers, and a
// GET whose answer must be 200 with a JSON body.
#pragma once

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace scr::test {

inline httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// The JSON of GET `path` with `token`; fails the test, showing the answer, unless it is 200.
inline nlohmann::json GetJson(httplib::Client& client, const std::string& path, const std::string& token) {
  auto response = client.Get(path.c_str(), Bearer(token));
  REQUIRE(response);
  INFO(path << ": " << response->body);
  REQUIRE(response->status == 200);
  return nlohmann::json::parse(response->body);
}

}  // namespace scr::test
