// Webhooks a receiver can trust. Each webhook the real service delivers, to a receiver on 127.0.0.1 that checks
// it with the Standard Webhooks reference library (npm standardwebhooks, tests/webhooks/receiver.mjs), verifies;
// the same delivery with its body altered, checked with another secret, replayed six minutes later or given a
// fresh timestamp is refused; a retry carries the same webhook-id with the time of the new attempt. The service
// does not start with a secret that is not a whsec_ one, nor with a plain-HTTP webhook it was not told to allow.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"
#include "support/webhook_verifier.h"

using Catch::Matchers::Contains;
using nlohmann::json;
using scr::test::CountRows;
using scr::test::RunAdmin;
using scr::test::TempDir;
using scr::test::TrackerService;
using scr::test::WaitFor;

namespace {

const std::string kSecret = "whsec_PzmcOz+X68rCqyC+6b1yo045RLLgNGnlPhCDiNVwBQY=";
const std::string kOtherSecret = "whsec_MuLhgVDMAdcBOBUQd/efLHfhNKOEaPPEsviin+kajew=";

// A config with one webhook.
std::string WebhookConfig(const TempDir& dir, const std::string& url, const std::string& secret, bool allow_insecure) {
  std::string path = dir.File("scr.yaml");
  std::ofstream(path) << "notifier:\n  webhooks:\n    - url: " << url << "\n      secret: \"" << secret << "\"\n"
                      << (allow_insecure ? "      allow_insecure: true\n" : "");
  return path;
}

}  // namespace

TEST_CASE("security: a webhook the service sent verifies with the Standard Webhooks library and is refused "
          "altered, under another secret, replayed later or re-timed, and a retry keeps its webhook-id",
          "[security][webhook]") {
  scr::test::WebhookVerifier verifier(kSecret, kOtherSecret, /*fail_first=*/true);
  TempDir dir;
  std::string db = dir.File("scr.db");
  std::string board = RunAdmin(db, {"create-board", "--name", "Northshire"});
  std::string unit = RunAdmin(db, {"create-token", "--board", board, "--role", "business_unit"});
  std::string admin = RunAdmin(db, {"create-token", "--board", board, "--role", "admin"});
  TrackerService service(db, {"--clock", "simulated", "--config", WebhookConfig(dir, verifier.url(), kSecret, true)});
  scr::test::ApiClient client("127.0.0.1", service.port());
  std::string today = json::parse(client.Get("/api/v1/admin/clock", {{"Authorization", "Bearer " + admin}})->body)["now"]
                          .get<std::string>()
                          .substr(0, 10);
  json referral = {{"workflow", "scr-2015"}, {"title", "Child W (webhook)"}, {"incident_date", today},
                   {"referral_date", today}, {"rationale", "Serious harm."}, {"statutory_criteria_met", true},
                   {"child_died", false}};
  auto created =
      client.Post("/api/v1/reviews", {{"Authorization", "Bearer " + unit}}, referral.dump(), "application/json");
  REQUIRE(created);
  REQUIRE(created->status == 201);  // reminders fall due at once, and go to the webhook

  // The receiver answers 503 to each first delivery, 204 to a retry that verifies, 401 to one that does not.
  const std::string webhooks = "SELECT COUNT(*) FROM messages WHERE channel = 'webhook'";
  bool all_delivered = WaitFor([&] {
    return CountRows(db, webhooks) > 0 && CountRows(db, webhooks + " AND state = 'delivered'") == CountRows(db, webhooks);
  });
  std::vector<json> deliveries = verifier.Deliveries();
  REQUIRE_FALSE(deliveries.empty());
  INFO("the first delivery: " << deliveries.front().dump());
  REQUIRE(all_delivered);

  std::map<std::string, std::vector<json>> by_id;
  for (const json& delivery : deliveries) {
    INFO(delivery.dump());
    CHECK(delivery["verified"] == true);
    CHECK(delivery["tampered_body_refused"] == true);
    CHECK(delivery["appended_body_refused"] == true);
    CHECK(delivery["other_secret_refused"] == true);
    CHECK(delivery["replay_refused"] == true);
    CHECK(delivery["retimed_refused"] == true);
    CHECK(delivery["other_id_refused"] == true);
    json body = json::parse(delivery["body"].get<std::string>());
    CHECK(body["id"] == delivery["id"]);  // the body is as before: its id is the webhook-id
    CHECK(body["board"] == std::stoll(board));  // what the tampering changes
    by_id[delivery["id"].get<std::string>()].push_back(delivery);
  }
  CHECK(static_cast<long long>(by_id.size()) == CountRows(db, webhooks));
  for (const auto& [id, attempts] : by_id) {
    INFO(id);
    REQUIRE(attempts.size() == 2);
    CHECK(attempts[0]["answered"] == 503);
    CHECK(attempts[1]["answered"] == 204);
    CHECK(std::stoll(attempts[1]["timestamp"].get<std::string>()) >
          std::stoll(attempts[0]["timestamp"].get<std::string>()));  // the time of each attempt
    CHECK(attempts[1]["signature"] != attempts[0]["signature"]);
  }
}

TEST_CASE("security: the service does not start with a webhook secret that is not a Standard Webhooks whsec_ "
          "secret (saying how to make one), nor with a plain-HTTP webhook it was not told to allow",
          "[security][webhook]") {
  TempDir dir;
  std::string db = dir.File("scr.db");
  RunAdmin(db, {"create-board", "--name", "Northshire"});
  const std::string old_kind = "a-long-shared-webhook-secret";
  for (const std::string& secret : {old_kind, std::string("whsec_c2hvcnQ=")}) {
    std::string config = WebhookConfig(dir, "https://hooks.example.org/scr", secret, false);
    CHECK_THROWS_WITH(TrackerService(db, {"--config", config}), Contains("openssl rand -base64 32") &&
                                                                    Contains("hooks.example.org") &&
                                                                    !Contains(secret.substr(6)));
  }
  std::string plain = WebhookConfig(dir, "http://hooks.example.org/scr", kSecret, false);
  CHECK_THROWS_WITH(TrackerService(db, {"--config", plain}),
                    Contains("http://hooks.example.org/scr is plain HTTP") && Contains("allow_insecure: true"));
  // Allowed, it starts.
  TrackerService allowed(db, {"--config", WebhookConfig(dir, "http://127.0.0.1:9/scr", kSecret, true)});
  CHECK(allowed.port() > 0);
}
