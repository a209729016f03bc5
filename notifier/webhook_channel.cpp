#include "webhook_channel.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>

namespace scr::notifier {
namespace {

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

std::string SignWebhook(const std::string& secret, int64_t timestamp, const std::string& body) {
  std::string signed_text = std::to_string(timestamp) + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), digest, &length);
  static const char* kHex = "0123456789abcdef";
  std::string signature = "sha256=";
  for (unsigned int i = 0; i < length; ++i) {
    signature += kHex[digest[i] >> 4];
    signature += kHex[digest[i] & 0xf];
  }
  return signature;
}

WebhookChannel::WebhookChannel() : curl_(curl_easy_init()) {}

WebhookChannel::~WebhookChannel() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Status WebhookChannel::Post(const Webhook& webhook, const std::string& body, const std::string& event_id) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) return Status::Unavailable("libcurl could not be initialised");
  curl_easy_reset(curl);
  int64_t timestamp =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::string headers_text[] = {
      "Content-Type: application/json",
      "X-SCR-Event-Id: " + event_id,
      "X-SCR-Timestamp: " + std::to_string(timestamp),
      "X-SCR-Signature: " + SignWebhook(webhook.secret, timestamp, body),
  };
  curl_slist* headers = nullptr;
  for (const std::string& header : headers_text) headers = curl_slist_append(headers, header.c_str());
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, webhook.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  CURLcode result = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  if (result != CURLE_OK) {
    return Status::Unavailable("the webhook " + webhook.url + " could not be reached: " +
                               (error[0] ? std::string(error) : curl_easy_strerror(result)));
  }
  if (status < 200 || status > 299) {
    return Status::Unavailable("the webhook " + webhook.url + " answered " + std::to_string(status));
  }
  return Status::Ok();
}

}  // namespace scr::notifier
