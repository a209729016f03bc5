// The Standard Webhooks reference verifier (npm standardwebhooks, run by tests/webhooks/receiver.mjs under
// node) as a webhook receiver on 127.0.0.1: it checks each delivery as a receiver would, and also that the
// same delivery altered, under another secret, replayed later or re-timed is refused. Needs
// `npm ci --prefix tests/webhooks` (deploy/test.sh runs it). Stopped on destruction.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace scr::test {

class WebhookVerifier {
 public:
  // `secret` is the one the service signs with; `other_secret` another whsec_ secret, which must not verify.
  // With `fail_first`, the first delivery of each webhook-id is answered 503, so the service must retry it.
  WebhookVerifier(const std::string& secret, const std::string& other_secret, bool fail_first = false);
  ~WebhookVerifier();
  WebhookVerifier(const WebhookVerifier&) = delete;
  WebhookVerifier& operator=(const WebhookVerifier&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  // Every delivery so far, oldest first: {id, timestamp, signature, body, verified, error, tampered_body_refused,
  // appended_body_refused, other_secret_refused, replay_refused, retimed_refused, other_id_refused, answered}.
  std::vector<nlohmann::json> Deliveries() const;

 private:
  std::string output_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace scr::test
