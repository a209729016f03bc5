// Webhooks: every message POSTed as JSON to a real receiver on 127.0.0.1, signed with the configured
// secret over the timestamp and body; the receiver can check it, and a wrong secret does not match.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

const std::string kSecret = "a-long-shared-webhook-secret";

// The receiver's own check, written from the documented scheme: HMAC-SHA256 of "<timestamp>.<body>".
std::string Expected(const std::string& secret, const std::string& timestamp, const std::string& body) {
  std::string text = timestamp + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest, &length);
  char hex[3];
  std::string out = "sha256=";
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(hex, sizeof hex, "%02x", digest[i]);
    out += hex;
  }
  return out;
}

struct Delivery {
  std::string event_id, timestamp, signature, body;
};

}  // namespace

TEST_CASE("webhooks: each alert is POSTed once as signed JSON; the signature checks out with the secret and not "
          "without it",
          "[integration][notifier][webhook]") {
  std::mutex mutex;
  std::vector<Delivery> deliveries;
  httplib::Server receiver;
  receiver.Post("/hook", [&](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex);
    deliveries.push_back({request.get_header_value("X-SCR-Event-Id"), request.get_header_value("X-SCR-Timestamp"),
                          request.get_header_value("X-SCR-Signature"), request.body});
    response.status = 204;
  });
  int port = receiver.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { receiver.listen_after_bind(); });

  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  RunAdmin(db, {"create-user", "--board", board, "--role", "business_unit", "--name", "Sam", "--email", "sam@example.org"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  std::ofstream(dir.File("scr.yaml")) << "notifier:\n  webhooks:\n    - url: http://127.0.0.1:" << port
                                      << "/hook\n      secret: " << kSecret << "\n";
  {
    TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
    httplib::Client client("127.0.0.1", service.port());
    std::string today = json::parse(client.Get("/api/v1/admin/clock", {{"Authorization", "Bearer " + admin}})->body)["now"]
                            .get<std::string>()
                            .substr(0, 10);
    json referral = {{"workflow", "scr-2015"}, {"title", "Child E (webhook)"}, {"incident_date", today},
                     {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                     {"child_died", false}};
    auto created = client.Post("/api/v1/reviews", {{"Authorization", "Bearer " + unit}}, referral.dump(),
                               "application/json");
    REQUIRE(created);
    REQUIRE(created->status == 201);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (!deliveries.empty()) break;
      }
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // let the rest of the reminders arrive
  }
  receiver.stop();
  serving.join();

  std::set<std::string> event_ids;
  for (const Delivery& delivery : deliveries) {
    CHECK(delivery.signature == Expected(kSecret, delivery.timestamp, delivery.body));
    CHECK(delivery.signature != Expected("a-wrong-secret-of-some-length", delivery.timestamp, delivery.body));
    // A replayed or altered body does not match the signature either.
    CHECK(delivery.signature != Expected(kSecret, delivery.timestamp, delivery.body + " "));
    int64_t sent_at = std::stoll(delivery.timestamp);
    int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    CHECK(std::abs(now - sent_at) < 300);
    CHECK(event_ids.insert(delivery.event_id).second);
    json body = json::parse(delivery.body);
    CHECK(body["type"] == "alert");
    CHECK(body["alert"]["kind"] == "reminder");
    CHECK(body["id"] == delivery.event_id);
    CHECK(body["subject"].get<std::string>().find("Child E (webhook)") != std::string::npos);
  }
}
