#include "webhook_channel.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <chrono>

namespace scr::notifier {
namespace {

constexpr char kSecretPrefix[] = "whsec_";
constexpr size_t kShortestKey = 24;  // bytes; the specification's range
constexpr size_t kLongestKey = 64;

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// How many '=' end the text.
size_t Padding(const std::string& text) {
  size_t last = text.find_last_not_of('=');
  return last == std::string::npos ? text.size() : text.size() - last - 1;
}

// Standard base64 with its padding, nothing else: what `openssl rand -base64` prints.
bool IsBase64(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  size_t padding = Padding(text);
  if (padding > 2) return false;
  for (size_t i = 0; i + padding < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c) && c != '+' && c != '/') return false;
  }
  return true;
}

}  // namespace

Result<std::string> WebhookKey(const std::string& secret) {
  static const std::string kHowToMake =
      "a Standard Webhooks secret is 'whsec_' followed by 24 to 64 random bytes in base64; make one with: "
      "printf 'whsec_%s\\n' \"$(openssl rand -base64 32)\" and give the receiver the same secret";
  std::string prefix = kSecretPrefix;
  if (secret.compare(0, prefix.size(), prefix) != 0) {
    return Status::InvalidArgument("the secret does not start with 'whsec_': " + kHowToMake);
  }
  std::string encoded = secret.substr(prefix.size());
  if (!IsBase64(encoded)) return Status::InvalidArgument("the secret after 'whsec_' is not base64: " + kHowToMake);
  std::string key(encoded.size() / 4 * 3, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(key.data()),
                               reinterpret_cast<const unsigned char*>(encoded.data()), static_cast<int>(encoded.size()));
  if (length < 0) return Status::InvalidArgument("the secret after 'whsec_' is not base64: " + kHowToMake);
  key.resize(static_cast<size_t>(length) - Padding(encoded));  // the decoder counts padding as bytes
  if (key.size() < kShortestKey || key.size() > kLongestKey) {
    return Status::InvalidArgument("the secret holds " + std::to_string(key.size()) + " bytes: " + kHowToMake);
  }
  return key;
}

std::string SignWebhook(const std::string& key, const std::string& id, int64_t timestamp, const std::string& body) {
  std::string signed_text = id + "." + std::to_string(timestamp) + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), digest, &length);
  std::string encoded(4 * ((length + 2) / 3) + 1, '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), digest, static_cast<int>(length));
  encoded.resize(static_cast<size_t>(written));
  return "v1," + encoded;
}

WebhookChannel::WebhookChannel() : curl_(curl_easy_init()) {}

WebhookChannel::~WebhookChannel() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Status WebhookChannel::Post(const Webhook& webhook, const std::string& body, const std::string& id, Instant at) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) return Status::Unavailable("libcurl could not be initialised");
  curl_easy_reset(curl);
  int64_t timestamp = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  std::string headers_text[] = {
      "Content-Type: application/json",
      "webhook-id: " + id,
      "webhook-timestamp: " + std::to_string(timestamp),
      "webhook-signature: " + SignWebhook(webhook.key, id, timestamp, body),
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
  // Redirects are not followed, and plain HTTP only where the configuration allowed it.
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, webhook.allow_plain_http ? "http,https" : "https");
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
