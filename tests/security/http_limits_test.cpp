// Requests that once stopped or starved the service, sent as an attacker would, through raw sockets to the
// real binary: each is refused, and the service goes on answering everyone else.

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "support/api_client.h"
#include "support/process.h"
#include "support/raw_client.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RawClient;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

struct Board {
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string token;
  Board() {
    std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
    token = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  }
};

std::string ReferralBody() {
  return json{{"workflow", "scr-2015"},       {"title", "Child H (limits)"}, {"incident_date", "2026-10-01"},
              {"referral_date", "2026-10-05"}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
              {"child_died", false}}
      .dump();
}

// Refers review 1 with the business unit's `token`; the headers that authenticate as it.
httplib::Headers ReferOneReview(httplib::Client& client, const std::string& token) {
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto referred = client.Post("/api/v1/reviews", auth, ReferralBody(), "application/json");
  REQUIRE(referred);
  REQUIRE(referred->status == 201);
  return auth;
}

bool HealthAnswersWithin(int port, std::chrono::milliseconds limit) {
  RawClient client(port);
  auto started = std::chrono::steady_clock::now();
  if (!client.Send("GET /health HTTP/1.1\r\nHost: scr\r\n\r\n")) return false;
  std::string status = client.StatusLine(limit);
  INFO("health answered '" << status << "'");
  return status == "HTTP/1.1 200 OK" && std::chrono::steady_clock::now() - started < limit;
}

}  // namespace

TEST_CASE("security: a body of 3 MiB sent in chunks is refused with 413, not read whole", "[security][http]") {
  Board board;
  TrackerService service(board.db);
  RawClient client(service.port());
  std::string chunk(64 * 1024, 'a');
  char size_line[32];
  snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk.size());
  REQUIRE(client.Send("POST /api/v1/reviews HTTP/1.1\r\nHost: scr\r\nAuthorization: Bearer " + board.token +
                      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  size_t sent = 0;
  while (sent < (3u << 20) && client.Send(size_line + chunk + "\r\n")) sent += chunk.size();
  CHECK(client.StatusLine() == "HTTP/1.1 413 Payload Too Large");
  CHECK(HealthAnswersWithin(service.port(), std::chrono::seconds(1)));
}

TEST_CASE("security: a body announced over 1 MiB is refused with 413 before it is sent", "[security][http]") {
  Board board;
  TrackerService service(board.db);
  RawClient client(service.port());
  REQUIRE(client.Send("POST /api/v1/reviews HTTP/1.1\r\nHost: scr\r\nAuthorization: Bearer " + board.token +
                      "\r\nContent-Type: application/json\r\nContent-Length: 3145728\r\n\r\n"));
  CHECK(client.StatusLine() == "HTTP/1.1 413 Payload Too Large");
}

TEST_CASE("security: 10 MB of header lines are refused with 431 once 64 KiB have come", "[security][http]") {
  Board board;
  TrackerService service(board.db);
  RawClient client(service.port());
  REQUIRE(client.Send("GET /health HTTP/1.1\r\nHost: scr\r\n"));
  std::string line = "X-Filler: " + std::string(1000, 'a') + "\r\n";
  size_t sent = 0;
  while (sent < 10'000'000 && client.Send(line)) sent += line.size();
  INFO("sent " << sent << " bytes of headers before the service closed the connection");
  CHECK(sent < 10'000'000);  // the service stopped reading long before the end
  CHECK(client.StatusLine() == "HTTP/1.1 431 Request Header Fields Too Large");
  CHECK(HealthAnswersWithin(service.port(), std::chrono::seconds(1)));
}

TEST_CASE("security: 150 clients sending their headers slowly do not keep others from the service",
          "[security][http]") {
  Board board;
  TrackerService service(board.db);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 150; ++i) {
    // From three addresses other than the one that asks for /health below.
    slow.push_back(std::make_unique<RawClient>(service.port(), "127.0.0." + std::to_string(2 + i % 3)));
    REQUIRE(slow.back()->Send("GET /health HTTP/1.1\r\nHost: scr\r\n"));
  }
  for (int attempt = 0; attempt < 5; ++attempt) CHECK(HealthAnswersWithin(service.port(), std::chrono::seconds(1)));
  // And a slow client is let go once its headers' time is up (10 seconds).
  CHECK(slow.front()->StatusLine(std::chrono::seconds(15)) == "HTTP/1.1 408 Request Timeout");
}

TEST_CASE("security: one address holding 64 connections gets 503 for more, while another address is served",
          "[security][http]") {
  Board board;
  TrackerService service(board.db);
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 64; ++i) {
    // Each answered once, so that the service has taken it in (and keeps it open for the next request).
    held.push_back(std::make_unique<RawClient>(service.port(), "127.0.0.9"));
    REQUIRE(held.back()->Send("GET /health HTTP/1.1\r\nHost: scr\r\n\r\n"));
    REQUIRE(held.back()->StatusLine() == "HTTP/1.1 200 OK");
  }
  RawClient one_more(service.port(), "127.0.0.9");
  REQUIRE(one_more.Send("GET /health HTTP/1.1\r\nHost: scr\r\n\r\n"));
  CHECK(one_more.StatusLine() == "HTTP/1.1 503 Service Unavailable");
  CHECK(HealthAnswersWithin(service.port(), std::chrono::seconds(1)));
}

TEST_CASE("security: an event whose data nests 300,000 levels deep is refused with 400 and the service lives on",
          "[security][http]") {
  Board board;
  TrackerService service(board.db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  httplib::Headers auth = ReferOneReview(client, board.token);
  std::string deep = R"({"event": "decide_to_review", "reason": "Criteria met.", "data": )" +
                     std::string(300000, '[') + std::string(300000, ']') + "}";
  auto refused = client.Post("/api/v1/reviews/1/events", auth, deep, "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK(json::parse(refused->body)["detail"].get<std::string>().find("64 levels") != std::string::npos);
  std::string objects = R"({"event": "decide_to_review", "reason": "Criteria met.", "data": )";
  for (int i = 0; i < 100000; ++i) objects += R"({"a":)";
  objects += "1" + std::string(100000, '}') + "}";
  auto refused_objects = client.Post("/api/v1/reviews/1/events", auth, objects, "application/json");
  REQUIRE(refused_objects);
  CHECK(refused_objects->status == 400);
  // 64 levels are still accepted.
  std::string within = R"({"event": "decide_to_review", "reason": "Criteria met.", "data": {"a": )" +
                       std::string(62, '[') + std::string(62, ']') + "}}";
  auto accepted = client.Post("/api/v1/reviews/1/events", auth, within, "application/json");
  REQUIRE(accepted);
  for (int round = 0; round < 3 && accepted->status == 409; ++round) {  // the steps the decision waits for
    json blocked = json::parse(accepted->body);
    for (const json& key : blocked["blocking"]) {
      auto completed = client.Post("/api/v1/reviews/1/checkpoints/" + key.get<std::string>() + "/complete", auth,
                                   R"({"note": "Done late: the referral came in late."})", "application/json");
      REQUIRE(completed);
      INFO(completed->body);
      REQUIRE(completed->status == 200);
    }
    accepted = client.Post("/api/v1/reviews/1/events", auth, within, "application/json");
  }
  INFO(accepted->body);
  CHECK(accepted->status == 200);
  CHECK(HealthAnswersWithin(service.port(), std::chrono::seconds(1)));
}

TEST_CASE("security: answers are never cached or sniffed, and HTML answers carry a content security policy",
          "[security][http]") {
  Board board;
  TrackerService service(board.db);
  scr::test::ApiClient client("127.0.0.1", service.port());
  httplib::Headers auth = ReferOneReview(client, board.token);
  for (const char* path : {"/api/v1/reviews/1", "/api/v1/reviews", "/api/v1/reviews/99", "/health"}) {
    auto answer = client.Get(path, auth);
    REQUIRE(answer);
    INFO(path);
    CHECK(answer->get_header_value("Cache-Control") == "no-store");
    CHECK(answer->get_header_value_count("Cache-Control") == 1);
    CHECK(answer->get_header_value("X-Content-Type-Options") == "nosniff");
  }
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
  auto report = client.Get("/api/v1/reviews/1/self-assessment/report", auth);
  REQUIRE(report);
  REQUIRE(report->status == 200);
  CHECK(report->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
}
