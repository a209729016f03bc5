// Webhooks as the Standard Webhooks specification has them (https://www.standardwebhooks.com/): the message
// as JSON, POSTed to a configured URL with three headers a receiver checks: webhook-id (the message's
// idempotency key, the same on every retry, so a receiver can drop a repeat), webhook-timestamp (Unix seconds
// of this attempt, so a receiver can refuse a replay) and webhook-signature ("v1," and the base64
// HMAC-SHA256 of "id.timestamp.body", keyed with the bytes of the webhook's whsec_ secret). Not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "engine/clock.h"
#include "engine/status.h"

namespace scr::notifier {

struct Webhook {
  std::string url;
  std::string key;  // the secret's bytes: the base64 after "whsec_", decoded
  bool allow_plain_http = false;
};

// The signing key of a "whsec_<base64>" secret: 24 to 64 bytes. The error says how to make a good secret and
// never repeats the one given.
Result<std::string> WebhookKey(const std::string& secret);

// "v1,<base64 HMAC-SHA256 of id.timestamp.body>".
std::string SignWebhook(const std::string& key, const std::string& id, int64_t timestamp, const std::string& body);

class WebhookChannel {
 public:
  WebhookChannel();
  ~WebhookChannel();
  WebhookChannel(const WebhookChannel&) = delete;
  WebhookChannel& operator=(const WebhookChannel&) = delete;

  // Ok when the receiver answered 2xx. `id` is the message's idempotency key.
  Status Post(const Webhook& webhook, const std::string& body, const std::string& id, Instant at);

 private:
  void* curl_;  // CURL*, kept for its open connections
};

}  // namespace scr::notifier
