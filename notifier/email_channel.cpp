#include "email_channel.h"

#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <ctime>

namespace scr::notifier {
namespace {

struct Upload {
  const std::string* text;
  size_t sent = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t room = size * count;
  size_t left = upload->text->size() - upload->sent;
  size_t chunk = std::min(room, left);
  std::memcpy(buffer, upload->text->data() + upload->sent, chunk);
  upload->sent += chunk;
  return chunk;
}

// Header values must stay on one line: a subject made from user text cannot add headers.
std::string OneLine(const std::string& text) {
  std::string line;
  for (char c : text) line += (c == '\r' || c == '\n') ? ' ' : c;
  return line;
}

std::string RfcDate(Instant date) {
  std::time_t now = std::chrono::system_clock::to_time_t(date);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

}  // namespace

std::string RedactedSmtpUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t host_end = url.find_first_of("/?#", start);
  size_t at = url.rfind('@', host_end == std::string::npos ? url.size() : host_end);
  if (at == std::string::npos || at < start) return url;
  return url.substr(0, start) + url.substr(at + 1);
}

std::string FormatEmail(const Email& email, const std::string& from) {
  std::string text = "Date: " + RfcDate(email.date) + "\r\nFrom: " + OneLine(from) + "\r\nTo: " + OneLine(email.to) +
                     "\r\nSubject: " + OneLine(email.subject) + "\r\nMessage-ID: <" + OneLine(email.message_id) +
                     ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n";
  // CRLF line ends; a line holding a single dot is doubled by libcurl's SMTP client (dot-stuffing).
  for (size_t i = 0; i < email.body.size(); ++i) {
    if (email.body[i] == '\n' && (i == 0 || email.body[i - 1] != '\r')) text += '\r';
    text += email.body[i];
  }
  if (text.size() < 2 || text.compare(text.size() - 2, 2, "\r\n") != 0) text += "\r\n";
  return text;
}

EmailChannel::EmailChannel(SmtpSettings settings) : settings_(std::move(settings)), curl_(curl_easy_init()) {}

EmailChannel::~EmailChannel() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Status EmailChannel::Send(const Email& email) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) return Status::Unavailable("libcurl could not be initialised");
  curl_easy_reset(curl);  // keeps the open connection
  std::string text = FormatEmail(email, settings_.from);
  Upload upload{&text};
  std::string recipient = "<" + email.to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, recipient.c_str());
  std::string sender = "<" + settings_.from + ">";
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, settings_.allow_insecure ? CURLUSESSL_TRY : CURLUSESSL_ALL);
  if (!settings_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  CURLcode result = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  if (result == CURLE_OK) return Status::Ok();
  std::string server = RedactedSmtpUrl(settings_.url);
  if (result == CURLE_LOGIN_DENIED) {
    return Status::Unavailable("the SMTP server at " + server +
                               " refused the login: check notifier.smtp.username and notifier.smtp.password (or "
                               "the user:password@ of notifier.smtp.url) in the config file");
  }
  if (result == CURLE_USE_SSL_FAILED) {
    return Status::Unavailable("the SMTP server at " + server +
                               " offers no STARTTLS, so the message was not sent (it would have gone in plain text): "
                               "use a server or port that offers STARTTLS, or an smtps:// url; for a relay on this "
                               "machine only, set notifier.smtp.allow_insecure: true");
  }
  std::string detail = error[0] ? error : curl_easy_strerror(result);
  return Status::Unavailable("the SMTP server at " + server + " did not take the message: " + detail);
}

}  // namespace scr::notifier
