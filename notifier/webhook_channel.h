// Webhooks: the message as JSON, POSTed to a configured URL, signed so the receiver can tell it came from
// us and was not replayed: X-SCR-Timestamp (Unix seconds) and X-SCR-Signature ("sha256=" and the hex
// HMAC-SHA256, keyed with the webhook's secret, of the timestamp, a dot, and the body). X-SCR-Event-Id
// carries the message's idempotency key, so a receiver can drop a repeat. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "engine/status.h"

namespace scr::notifier {

struct Webhook {
  std::string url;
  std::string secret;
};

// "sha256=<hex>" over "<timestamp>.<body>".
std::string SignWebhook(const std::string& secret, int64_t timestamp, const std::string& body);

class WebhookChannel {
 public:
  WebhookChannel();
  ~WebhookChannel();
  WebhookChannel(const WebhookChannel&) = delete;
  WebhookChannel& operator=(const WebhookChannel&) = delete;

  // Ok when the receiver answered 2xx.
  Status Post(const Webhook& webhook, const std::string& body, const std::string& event_id);

 private:
  void* curl_;  // CURL*, kept for its open connections
};

}  // namespace scr::notifier
