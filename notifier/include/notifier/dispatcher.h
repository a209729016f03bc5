// The notifier: drains the outbox the engine writes, on a thread of its own, so that a slow or dead
// SMTP server never slows the engine or the API. Each queued alert or digest becomes one message per
// recipient (the board's users with the named role) and channel (email when SMTP is configured, and the
// in-app inbox), and one per configured webhook; a user who takes alerts by digest gets no email of a
// single alert, only the daily digest; each message is sent at least once, carrying its idempotency key (Message-ID), retried
// with exponential back-off and jitter, and kept as dead after too many failures. Every attempt is
// recorded.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/status.h"
#include "engine/workflow.h"

namespace scr::notifier {

struct DispatcherOptions {
  std::string database_path;
  const WorkflowRegistry* workflows = nullptr;  // outlives the dispatcher
  std::string base_url;                         // links in messages point here
  const Clock* real_time = &SystemClock::Instance();  // delivery and its retries are timed in real time
  std::string smtp_url;                         // empty: no email, the inbox only
  std::string smtp_from = "scr-tracker@localhost";
  std::string smtp_ca_file;  // a CA to trust for the server's certificate, besides the system's
  // false (the default): an smtp:// server must offer STARTTLS, or nothing is sent to it. true: STARTTLS when
  // offered, else plain text; for a relay on the same machine only.
  bool smtp_allow_insecure = false;
  std::string smtp_username;      // log in to the SMTP server as this user (else the URL's user:password@)
  std::string smtp_password;
  struct Webhook {
    std::string url;             // https://, or http:// with allow_insecure
    std::string secret;          // "whsec_" and the base64 of the key that signs each POST (Standard Webhooks)
    bool allow_insecure = false;
  };
  std::vector<Webhook> webhooks;  // each receives every message, signed
  // Retries: the first after `first_retry`, each later one twice as long (with jitter), at most
  // `longest_wait`; after `max_attempts` failures the message is dead.
  std::chrono::milliseconds first_retry{std::chrono::seconds(2)};
  std::chrono::milliseconds longest_wait{std::chrono::hours(1)};
  int max_attempts = 12;
  std::chrono::milliseconds idle_wait{std::chrono::milliseconds(500)};  // how often to look at the outbox
};

// Why this webhook cannot be used, in words that say what to change (never repeating the secret); Ok when it
// can. Dispatcher::Start refuses what this refuses.
Status CheckWebhook(const DispatcherOptions::Webhook& webhook);

class Dispatcher {
 public:
  // Opens its own connection; refuses options it cannot work with.
  static Result<std::unique_ptr<Dispatcher>> Start(const DispatcherOptions& options);
  virtual ~Dispatcher() = default;  // stops the thread after the message in hand
};

}  // namespace scr::notifier
