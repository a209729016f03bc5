// Webhooks: every message POSTed as JSON to a real receiver on 127.0.0.1 with the Standard Webhooks headers
// (webhook-id, webhook-timestamp, webhook-signature); the receiver's own check of the signature, written from
// the specification, holds with the secret and not without it. (tests/security/webhook_signature_test.cpp checks
// the same deliveries with the specification's reference library.)
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

using nlohmann::json;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;

namespace {

const std::string kSecretBase64 = "PzmcOz+X68rCqyC+6b1yo045RLLgNGnlPhCDiNVwBQY=";  // 32 bytes
const std::string kSecret = "whsec_" + kSecretBase64;

std::string Base64Decode(const std::string& text) {
  std::string bytes(text.size() / 4 * 3, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                               reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  bytes.resize(static_cast<size_t>(length) - static_cast<size_t>(std::count(text.begin(), text.end(), '=')));
  return bytes;
}

// The receiver's own check, written from the specification: "v1," and the base64 HMAC-SHA256, keyed with the
// secret's bytes, of "<webhook-id>.<webhook-timestamp>.<body>".
std::string Expected(const std::string& key, const std::string& id, const std::string& timestamp,
                     const std::string& body) {
  std::string text = id + "." + timestamp + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), digest, &length);
  unsigned char encoded[4 * EVP_MAX_MD_SIZE];
  int written = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
  return "v1," + std::string(reinterpret_cast<char*>(encoded), static_cast<size_t>(written));
}

struct Delivery {
  std::string id, timestamp, signature, body;
};

}  // namespace

TEST_CASE("webhooks: each alert is POSTed once as JSON signed as Standard Webhooks have it, and the signature "
          "checks out with the secret's bytes and not without them",
          "[integration][notifier][webhook]") {
  std::mutex mutex;
  std::vector<Delivery> deliveries;
  httplib::Server receiver;
  receiver.Post("/hook", [&](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex);
    deliveries.push_back({request.get_header_value("webhook-id"), request.get_header_value("webhook-timestamp"),
                          request.get_header_value("webhook-signature"), request.body});
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
                                      << "/hook\n      secret: " << kSecret << "\n      allow_insecure: true\n";
  {
    TrackerService service(db, {"--clock", "simulated", "--config", dir.File("scr.yaml")});
    scr::test::ApiClient client("127.0.0.1", service.port());
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

  std::set<std::string> ids;
  const std::string key = Base64Decode(kSecretBase64);
  REQUIRE(key.size() == 32);
  for (const Delivery& delivery : deliveries) {
    CHECK(delivery.signature == Expected(key, delivery.id, delivery.timestamp, delivery.body));
    CHECK(delivery.signature != Expected(kSecret, delivery.id, delivery.timestamp, delivery.body));  // the text
    CHECK(delivery.signature != Expected("a-wrong-secret-of-some-length", delivery.id, delivery.timestamp, delivery.body));
    // An altered body, id or timestamp does not match the signature either.
    CHECK(delivery.signature != Expected(key, delivery.id, delivery.timestamp, delivery.body + " "));
    CHECK(delivery.signature != Expected(key, delivery.id + "x", delivery.timestamp, delivery.body));
    CHECK(delivery.signature != Expected(key, delivery.id, std::to_string(std::stoll(delivery.timestamp) + 1),
                                         delivery.body));
    int64_t sent_at = std::stoll(delivery.timestamp);
    int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    CHECK(std::abs(now - sent_at) < 300);
    CHECK(ids.insert(delivery.id).second);
    json body = json::parse(delivery.body);
    CHECK(body["type"] == "alert");
    CHECK(body["alert"]["kind"] == "reminder");
    CHECK(body["id"] == delivery.id);
    CHECK(body["subject"].get<std::string>().find("Child E (webhook)") != std::string::npos);
  }
}
