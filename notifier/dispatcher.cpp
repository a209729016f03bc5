#include "notifier/dispatcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "email_channel.h"
#include "engine/calendar.h"
#include "engine/outbox.h"
#include "templates.h"
#include "webhook_channel.h"

namespace scr::notifier {
namespace {

constexpr size_t kRowsAtOnce = 200;

class DispatcherImpl final : public Dispatcher {
 public:
  // `webhooks` are options.webhooks with their keys, checked.
  DispatcherImpl(DispatcherOptions options, std::vector<Webhook> webhooks, std::unique_ptr<OutboxStore> store)
      : options_(std::move(options)), webhooks_(std::move(webhooks)), store_(std::move(store)),
        random_(std::random_device{}()) {
    if (!options_.smtp_url.empty()) {
      email_ = std::make_unique<EmailChannel>(
          SmtpSettings{options_.smtp_url, options_.smtp_from, options_.smtp_allow_insecure, options_.smtp_ca_file,
                       options_.smtp_username, options_.smtp_password});
    }
    thread_ = std::thread([this] { Run(); });
  }

  ~DispatcherImpl() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    while (!Stopping()) {
      bool busy = ExpandQueuedRows();
      busy = DeliverDue() || busy;
      if (busy) continue;  // more may be waiting
      auto wait = options_.idle_wait;
      Result<std::optional<Instant>> next = store_->NextAttemptAt();
      if (next.ok() && next->has_value()) {
        auto until = std::chrono::duration_cast<std::chrono::milliseconds>(**next - options_.real_time->Now());
        wait = std::clamp(until, std::chrono::milliseconds(0), wait);
      }
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, wait, [this] { return stopping_; });
    }
  }

  bool Stopping() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  }

  // Turns newly queued rows into messages; true when it did any.
  bool ExpandQueuedRows() {
    Result<std::vector<OutboxEntry>> entries = store_->Unexpanded(kRowsAtOnce);
    if (!entries.ok()) {
      spdlog::error("notifier: {}", entries.status().message());
      return false;
    }
    std::vector<OutboxStore::Expansion> rows;
    for (const OutboxEntry& entry : *entries) {
      MessageText text = ComposeMessage(entry, *options_.workflows, options_.base_url);
      std::string key = entry.alert ? entry.alert_key : "digest/" + std::to_string(*entry.digest);
      std::vector<NewMessage> messages;
      for (const Recipient& recipient : entry.recipients) {
        std::string to_user = key + "/" + RoleName(entry.recipient_role) + "/user/" + std::to_string(recipient.user);
        messages.push_back({"inbox", recipient.user, recipient.name, text.subject, text.body, to_user + "/inbox"});
        bool email_now = entry.digest || recipient.email_preference == EmailPreference::kImmediate;
        if (email_ && !recipient.email.empty() && email_now) {
          messages.push_back({"email", recipient.user, recipient.email, text.subject, text.body, to_user + "/email"});
        }
      }
      for (const Webhook& webhook : webhooks_) {
        std::string event_id = key + "/" + RoleName(entry.recipient_role) + "/webhook/" + webhook.url;
        messages.push_back({"webhook", std::nullopt, webhook.url, text.subject,
                            WebhookBody(entry, text, options_.base_url, event_id), event_id});
      }
      std::string why_none = "board " + std::to_string(entry.board) + " has no user with the role " +
                             RoleName(entry.recipient_role) + "; add one with scr-tracker admin create-user";
      if (messages.empty() && warned_.insert({entry.board, entry.recipient_role}).second) {
        spdlog::warn("notifier: nobody to tell of alerts for the {} of board {}: {} (said once; each such alert is "
                     "kept in the outbox with this note)", RoleName(entry.recipient_role), entry.board, why_none);
      }
      rows.push_back({entry.id, std::move(messages), why_none});
    }
    // One transaction for the whole batch: the engine and admin commands wait on the write lock once per
    // batch, not once per row.
    if (rows.empty()) return false;
    if (Status stored = store_->Expand(rows, options_.real_time->Now()); !stored.ok()) {
      spdlog::error("notifier: {}", stored.message());
      return false;
    }
    return true;
  }

  // Sends what is due; true when it sent (or tried) any.
  bool DeliverDue() {
    Result<std::vector<PendingMessage>> due = store_->Due(options_.real_time->Now(), kRowsAtOnce);
    if (!due.ok()) {
      spdlog::error("notifier: {}", due.status().message());
      return false;
    }
    for (const PendingMessage& message : *due) {
      if (Stopping()) return false;
      Status sent = Send(message, options_.real_time->Now());
      Instant now = options_.real_time->Now();
      std::optional<Instant> retry_at;
      if (!sent.ok() && message.attempts + 1 < options_.max_attempts) retry_at = now + Backoff(message.attempts + 1);
      if (!sent.ok()) {
        if (retry_at) {
          spdlog::warn("notifier: message {} to {} not sent (attempt {}); retrying at {}: {}", message.id,
                       message.recipient, message.attempts + 1, FormatInstant(*retry_at), sent.message());
        } else {
          spdlog::error("notifier: message {} to {} failed {} times and is dead (an admin can retry it): {}",
                        message.id, message.recipient, message.attempts + 1, sent.message());
        }
      }
      if (Status recorded = store_->RecordAttempt(message.id, now, sent.ok(), sent.ok() ? "" : sent.message(), retry_at);
          !recorded.ok()) {
        spdlog::error("notifier: {}", recorded.message());
        return false;
      }
    }
    return !due->empty();
  }

  Status Send(const PendingMessage& message, Instant at) {
    if (message.channel == "email") {
      if (!email_) return Status::Unavailable("no SMTP server is configured (notifier.smtp.url)");
      return email_->Send({message.recipient, message.subject, message.body, message.idempotency_key + "@scr-tracker", at});
    }
    if (message.channel == "webhook") {
      for (const Webhook& webhook : webhooks_) {
        if (webhook.url == message.recipient) return webhook_channel_.Post(webhook, message.body, message.idempotency_key, at);
      }
      return Status::Unavailable("the webhook " + message.recipient + " is no longer configured");
    }
    return Status::InvalidArgument("no channel '" + message.channel + "'");
  }

  // first_retry * 2^(attempt-1), at most longest_wait, times a jitter of 0.5 to 1.5 so that many
  // messages failing together do not retry together.
  std::chrono::milliseconds Backoff(int attempt) {
    double wait = static_cast<double>(options_.first_retry.count());
    for (int i = 1; i < attempt && wait < static_cast<double>(options_.longest_wait.count()); ++i) wait *= 2;
    wait = std::min(wait, static_cast<double>(options_.longest_wait.count()));
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    return std::chrono::milliseconds(static_cast<int64_t>(wait * jitter(random_)));
  }

  DispatcherOptions options_;
  std::vector<Webhook> webhooks_;
  std::unique_ptr<OutboxStore> store_;
  std::unique_ptr<EmailChannel> email_;
  WebhookChannel webhook_channel_;
  std::set<std::pair<BoardId, Role>> warned_;  // boards told of a role with nobody in it
  std::mt19937_64 random_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

void LogChannels(const DispatcherOptions& options) {
  std::string login = options.smtp_username.empty() ? "" : " as " + options.smtp_username;
  spdlog::info("notifier: delivering {}",
               options.smtp_url.empty() ? std::string("to the in-app inbox only (no SMTP configured)")
                                        : "by email through " + RedactedSmtpUrl(options.smtp_url) + login +
                                              " and to the in-app inbox");
  if (options.smtp_allow_insecure && StartsWith(options.smtp_url, "smtp://")) {
    spdlog::warn("notifier: email to {} goes in plain text when the server offers no STARTTLS "
                 "(notifier.smtp.allow_insecure: true); keep it for a relay on this machine",
                 RedactedSmtpUrl(options.smtp_url));
  }
  for (const DispatcherOptions::Webhook& webhook : options.webhooks) {
    if (StartsWith(webhook.url, "http://")) {
      spdlog::warn("notifier: the webhook {} is plain HTTP (allow_insecure: true): what it carries can be read on "
                   "the way", webhook.url);
    }
  }
}

}  // namespace

Status CheckWebhook(const DispatcherOptions::Webhook& webhook) {
  if (!StartsWith(webhook.url, "https://") && !StartsWith(webhook.url, "http://")) {
    return Status::InvalidArgument("the webhook url '" + webhook.url + "' must start with https://");
  }
  if (StartsWith(webhook.url, "http://") && !webhook.allow_insecure) {
    return Status::InvalidArgument("the webhook " + webhook.url + " is plain HTTP, which anyone on the way can read: "
                                   "use https://, or for a receiver on this machine set allow_insecure: true on it");
  }
  if (Result<std::string> key = WebhookKey(webhook.secret); !key.ok()) {
    return Status::InvalidArgument("the webhook " + webhook.url + " cannot be signed: " + key.status().message());
  }
  return Status::Ok();
}

Result<std::unique_ptr<Dispatcher>> Dispatcher::Start(const DispatcherOptions& options) {
  if (!options.workflows) return Status::InvalidArgument("the notifier needs the workflows");
  if (!options.smtp_url.empty() && !StartsWith(options.smtp_url, "smtp://") && !StartsWith(options.smtp_url, "smtps://")) {
    return Status::InvalidArgument("notifier.smtp.url must start with smtp:// or smtps://, e.g. smtp://127.0.0.1:2525");
  }
  std::vector<Webhook> webhooks;
  for (const DispatcherOptions::Webhook& webhook : options.webhooks) {
    if (Status checked = CheckWebhook(webhook); !checked.ok()) return checked;
    webhooks.push_back({webhook.url, WebhookKey(webhook.secret).value(), webhook.allow_insecure});
  }
  Result<std::unique_ptr<OutboxStore>> store = OutboxStore::Open(options.database_path);
  if (!store.ok()) return store.status();
  LogChannels(options);
  return std::unique_ptr<Dispatcher>(
      std::make_unique<DispatcherImpl>(options, std::move(webhooks), std::move(store).value()));
}

}  // namespace scr::notifier
