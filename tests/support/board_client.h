// A board for the integration tests of what the page and messages tell people: a chair and a business unit
// with users (and so inboxes), their tokens, and the calls the tests make over HTTP.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support/process.h"
#include "support/test_support.h"

namespace scr::test::board {

using nlohmann::json;

inline httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// A board with a chair and a business unit who have users (and so inboxes), and their tokens.
struct Board {
  std::string id, unit, admin, chair, lead;
};

inline Board MakeBoard(const std::string& db) {
  Board board;
  board.id = RunAdmin(db, {"create-board", "--name", "Northshire Safeguarding Children Partnership"});
  std::string chair = RunAdmin(db, {"create-user", "--board", board.id, "--role", "chair", "--name",
                                    "Pat Chair", "--email", "chair@example.org"});
  std::string unit = RunAdmin(db, {"create-user", "--board", board.id, "--role", "business_unit", "--name",
                                   "Sam Unit", "--email", "unit@example.org"});
  board.unit = RunAdmin(db, {"create-token", "--board", board.id, "--role", "business_unit", "--user", unit});
  board.admin = RunAdmin(db, {"create-token", "--board", board.id, "--role", "admin"});
  board.chair = RunAdmin(db, {"create-token", "--board", board.id, "--role", "chair", "--user", chair});
  board.lead = RunAdmin(db, {"create-token", "--board", board.id, "--role", "lead_reviewer"});
  return board;
}

inline json Send(httplib::Client& client, const std::string& method, const std::string& path,
                 const std::string& token, const json& body, int expected) {
  auto answer = method == "POST" ? client.Post(path.c_str(), As(token), body.dump(), "application/json")
                                 : client.Delete(path.c_str(), As(token));
  REQUIRE(answer);
  INFO(method << " " << path << ": " << answer->body);
  REQUIRE(answer->status == expected);
  return answer->body.empty() ? json() : json::parse(answer->body);
}

inline json Get(httplib::Client& client, const std::string& path, const std::string& token) {
  auto answer = client.Get(path.c_str(), As(token));
  REQUIRE(answer);
  INFO(path << ": " << answer->body);
  REQUIRE(answer->status == 200);
  return json::parse(answer->body);
}

inline std::string Today(httplib::Client& client, const Board& board) {
  return Get(client, "/api/v1/admin/clock", board.admin)["now"].get<std::string>().substr(0, 10);
}

inline long long Refer(httplib::Client& client, const Board& board, const std::string& title) {
  std::string today = Today(client, board);
  json referral = {{"workflow", "scr-2015"},       {"title", title},
                   {"incident_date", today},       {"referral_date", today},
                   {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  return Send(client, "POST", "/api/v1/reviews", board.unit, referral, 201)["id"];
}

inline std::string WorkingDayAfter(const std::string& date, int days) {
  scr::test::CommandOutput added = RunTracker({"calendar", "--nation", "england", "--workflows",
                                               scr::test::WorkflowsDir(), "add", date, std::to_string(days)});
  REQUIRE(added.exit_code == 0);
  return added.out.substr(0, 10);
}

}  // namespace scr::test::board
