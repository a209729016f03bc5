#include "cli/config.h"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>

namespace scr::cli {
namespace {

Status CheckKeys(const YAML::Node& node, const std::set<std::string>& known, const std::string& where,
                 const std::string& path) {
  if (!node.IsMap()) return Status::InvalidArgument(path + ": '" + where + "' must be a mapping");
  for (const auto& entry : node) {
    if (!known.count(entry.first.Scalar())) {
      return Status::InvalidArgument(path + ":" + std::to_string(entry.first.Mark().line + 1) + ": unknown key '" +
                                     entry.first.Scalar() + "' in " + where);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Config> LoadConfig(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Status::InvalidArgument("cannot read the config file " + path);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  Config config;
  if (root.IsNull()) return config;
  try {
    if (Status s = CheckKeys(root, {"notifier", "digest", "tls", "health", "history"}, "the config", path); !s.ok()) return s;
    if (YAML::Node notifier = root["notifier"]) {
      if (Status s = CheckKeys(notifier, {"smtp", "webhooks"}, "notifier", path); !s.ok()) return s;
      if (YAML::Node smtp = notifier["smtp"]) {
        if (Status s = CheckKeys(smtp, {"url", "from", "ca_file", "require_tls", "username", "password"},
                                   "notifier.smtp", path); !s.ok()) {
          return s;
        }
        if (smtp["url"]) config.smtp_url = smtp["url"].as<std::string>();
        if (smtp["from"]) config.smtp_from = smtp["from"].as<std::string>();
        if (smtp["ca_file"]) config.smtp_ca_file = smtp["ca_file"].as<std::string>();
        if (smtp["require_tls"]) config.smtp_require_tls = smtp["require_tls"].as<bool>();
        if (smtp["username"]) config.smtp_username = smtp["username"].as<std::string>();
        if (smtp["password"]) config.smtp_password = smtp["password"].as<std::string>();
        if (config.smtp_username.empty() != config.smtp_password.empty()) {
          return Status::InvalidArgument(path + ": notifier.smtp.username and notifier.smtp.password go together: "
                                         "give both, or neither");
        }
        if (!config.smtp_url.empty() && config.smtp_url.rfind("smtp://", 0) != 0 && config.smtp_url.rfind("smtps://", 0) != 0) {
          return Status::InvalidArgument(path + ": notifier.smtp.url must start with smtp:// or smtps://");
        }
      }
      if (YAML::Node webhooks = notifier["webhooks"]) {
        if (!webhooks.IsSequence()) return Status::InvalidArgument(path + ": notifier.webhooks must be a list");
        for (const YAML::Node& hook : webhooks) {
          if (Status s = CheckKeys(hook, {"url", "secret"}, "a webhook", path); !s.ok()) return s;
          WebhookConfig webhook{hook["url"] ? hook["url"].as<std::string>() : "",
                                hook["secret"] ? hook["secret"].as<std::string>() : ""};
          if (webhook.url.empty()) return Status::InvalidArgument(path + ": every webhook needs a url");
          if (webhook.url.rfind("http://", 0) != 0 && webhook.url.rfind("https://", 0) != 0) {
            return Status::InvalidArgument(path + ": webhook url '" + webhook.url + "' must start with http:// or https://");
          }
          if (webhook.secret.size() < 16) {
            return Status::InvalidArgument(path + ": the webhook " + webhook.url +
                                           " needs a secret of at least 16 characters: it signs every message");
          }
          config.webhooks.push_back(webhook);
        }
      }
    }
    if (YAML::Node digest = root["digest"]) {
      if (Status s = CheckKeys(digest, {"time"}, "digest", path); !s.ok()) return s;
      if (digest["time"]) config.digest_time = digest["time"].as<std::string>();
      static const std::regex kTime("([01][0-9]|2[0-3]):[0-5][0-9]");
      if (!std::regex_match(config.digest_time, kTime)) {
        return Status::InvalidArgument(path + ": digest.time must be HH:MM, e.g. 08:00");
      }
    }
    if (YAML::Node tls = root["tls"]) {
      if (Status s = CheckKeys(tls, {"cert", "key"}, "tls", path); !s.ok()) return s;
      if (tls["cert"]) config.tls_cert = tls["cert"].as<std::string>();
      if (tls["key"]) config.tls_key = tls["key"].as<std::string>();
      if (config.tls_cert.empty() || config.tls_key.empty()) {
        return Status::InvalidArgument(path + ": tls needs both cert and key (PEM files), or remove the tls section");
      }
    }
    if (YAML::Node health = root["health"]) {
      if (Status s = CheckKeys(health, {"max_undelivered_age_minutes"}, "health", path); !s.ok()) return s;
      if (health["max_undelivered_age_minutes"]) {
        config.max_undelivered_age_minutes = health["max_undelivered_age_minutes"].as<int>();
      }
      if (config.max_undelivered_age_minutes < 1) {
        return Status::InvalidArgument(path + ": health.max_undelivered_age_minutes must be 1 or more");
      }
    }
    if (YAML::Node history = root["history"]) {
      if (Status s = CheckKeys(history, {"key_file"}, "history", path); !s.ok()) return s;
      if (history["key_file"]) config.history_key_file = history["key_file"].as<std::string>();
      if (history["key_file"] && config.history_key_file.empty()) {
        return Status::InvalidArgument(path + ": history.key_file is empty; give a path, or remove it to keep the "
                                       "key beside the database");
      }
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return config;
}

Result<std::string> ConfiguredHistoryKeyFile(const std::string& path) {
  if (path.empty()) return std::string();
  Result<Config> config = LoadConfig(path);
  if (!config.ok()) return config.status();
  return config->history_key_file;
}

std::chrono::minutes Config::DigestTimeOfDay() const {  // checked as HH:MM by LoadConfig
  return std::chrono::hours(std::stoi(digest_time.substr(0, 2))) + std::chrono::minutes(std::stoi(digest_time.substr(3, 2)));
}

}  // namespace scr::cli
