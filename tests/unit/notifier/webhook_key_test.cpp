// A webhook's secret and signature as the Standard Webhooks specification has them: a "whsec_" secret of 24 to
// 64 bytes in base64, refused otherwise with a message that says how to make one (and never repeats it), and
// the signature of the specification's own example.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "notifier/dispatcher.h"
#include "webhook_channel.h"

using namespace scr;

namespace {

const std::string kGoodSecret = "whsec_PzmcOz+X68rCqyC+6b1yo045RLLgNGnlPhCDiNVwBQY=";  // openssl rand -base64 32

}  // namespace

TEST_CASE("webhooks: the signature is v1 and the base64 HMAC-SHA256 of id.timestamp.body, as in the "
          "specification's example",
          "[notifier][webhook]") {
  Result<std::string> key = notifier::WebhookKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  REQUIRE(key.ok());
  CHECK(key->size() == 24);
  CHECK(notifier::SignWebhook(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})") ==
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  REQUIRE(notifier::WebhookKey(kGoodSecret).ok());
  CHECK(notifier::WebhookKey(kGoodSecret)->size() == 32);
}

TEST_CASE("webhooks: a secret that is not whsec_ and 24 to 64 bytes of base64 is refused, saying how to make one",
          "[notifier][webhook]") {
  const std::vector<std::string> refused = {
      "a-long-shared-webhook-secret",                       // the kind this service took before
      "whsec_", "whsec_not base64 at all!",
      "whsec_c2hvcnQ=",                                     // "short"
      "whsec_PzmcOz+X68rCqyC+6b1yo045RLLgNGnlPhCDiNVwBQY",  // its padding cut off
      "whsec_" + std::string(100, 'A'),                     // 75 bytes
  };
  for (const std::string& secret : refused) {
    Result<std::string> key = notifier::WebhookKey(secret);
    REQUIRE_FALSE(key.ok());
    CHECK(key.status().message().find("openssl rand -base64 32") != std::string::npos);
    Status checked = notifier::CheckWebhook({"https://hooks.example.org/scr", secret, false});
    CHECK(checked.code() == Status::Code::kInvalidArgument);
    CHECK(checked.message().find("https://hooks.example.org/scr") != std::string::npos);
    if (secret.size() > 8) CHECK(checked.message().find(secret.substr(6)) == std::string::npos);
  }
}

TEST_CASE("webhooks: an http:// webhook needs allow_insecure, an https:// one does not", "[notifier][webhook]") {
  CHECK(notifier::CheckWebhook({"https://hooks.example.org/scr", kGoodSecret, false}).ok());
  Status plain = notifier::CheckWebhook({"http://hooks.example.org/scr", kGoodSecret, false});
  CHECK(plain.code() == Status::Code::kInvalidArgument);
  CHECK(plain.message().find("allow_insecure: true") != std::string::npos);
  CHECK(notifier::CheckWebhook({"http://127.0.0.1:9000/scr", kGoodSecret, true}).ok());
  CHECK_FALSE(notifier::CheckWebhook({"ftp://hooks.example.org/scr", kGoodSecret, true}).ok());
}
