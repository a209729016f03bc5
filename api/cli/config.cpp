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

// notifier.smtp. `require_tls`, the key before `allow_insecure`, is still taken when true (what now always
// holds); false would have let email go in plain text, so it is refused, naming the key that does that now.
Status LoadSmtp(const YAML::Node& smtp, const std::string& path, Config& config) {
  if (Status s = CheckKeys(smtp, {"url", "from", "ca_file", "allow_insecure", "require_tls", "username", "password"},
                           "notifier.smtp", path);
      !s.ok()) {
    return s;
  }
  if (smtp["url"]) config.smtp_url = smtp["url"].as<std::string>();
  if (smtp["from"]) config.smtp_from = smtp["from"].as<std::string>();
  if (smtp["ca_file"]) config.smtp_ca_file = smtp["ca_file"].as<std::string>();
  if (smtp["allow_insecure"]) config.smtp_allow_insecure = smtp["allow_insecure"].as<bool>();
  if (smtp["require_tls"] && !smtp["require_tls"].as<bool>()) {
    return Status::InvalidArgument(path + ": notifier.smtp.require_tls: false is no longer taken: email is sent only "
                                   "over STARTTLS or smtps://; for a relay on this machine that offers no STARTTLS, "
                                   "replace it with notifier.smtp.allow_insecure: true");
  }
  if (smtp["require_tls"] && config.smtp_allow_insecure) {
    return Status::InvalidArgument(path + ": notifier.smtp.require_tls and allow_insecure contradict each other: "
                                   "remove require_tls (TLS is always required unless allow_insecure is true)");
  }
  if (smtp["username"]) config.smtp_username = smtp["username"].as<std::string>();
  if (smtp["password"]) config.smtp_password = smtp["password"].as<std::string>();
  if (config.smtp_username.empty() != config.smtp_password.empty()) {
    return Status::InvalidArgument(path + ": notifier.smtp.username and notifier.smtp.password go together: "
                                   "give both, or neither");
  }
  if (!config.smtp_url.empty() && config.smtp_url.rfind("smtp://", 0) != 0 && config.smtp_url.rfind("smtps://", 0) != 0) {
    return Status::InvalidArgument(path + ": notifier.smtp.url must start with smtp:// or smtps://");
  }
  return Status::Ok();
}

Status LoadWebhooks(const YAML::Node& webhooks, const std::string& path, Config& config) {
  if (!webhooks.IsSequence()) return Status::InvalidArgument(path + ": notifier.webhooks must be a list");
  for (const YAML::Node& hook : webhooks) {
    if (Status s = CheckKeys(hook, {"url", "secret", "allow_insecure"}, "a webhook", path); !s.ok()) return s;
    notifier::DispatcherOptions::Webhook webhook{hook["url"] ? hook["url"].as<std::string>() : "",
                                                 hook["secret"] ? hook["secret"].as<std::string>() : "",
                                                 hook["allow_insecure"] && hook["allow_insecure"].as<bool>()};
    if (webhook.url.empty()) return Status::InvalidArgument(path + ": every webhook needs a url");
    if (Status checked = notifier::CheckWebhook(webhook); !checked.ok()) {
      return Status::InvalidArgument(path + ":" + std::to_string(hook.Mark().line + 1) + ": " + checked.message());
    }
    config.webhooks.push_back(webhook);
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
    if (Status s = CheckKeys(root, {"notifier", "digest", "tls", "health", "server", "history", "print"}, "the config", path); !s.ok()) return s;
    if (YAML::Node notifier = root["notifier"]) {
      if (Status s = CheckKeys(notifier, {"smtp", "webhooks"}, "notifier", path); !s.ok()) return s;
      if (YAML::Node smtp = notifier["smtp"]) {
        if (Status s = LoadSmtp(smtp, path, config); !s.ok()) return s;
      }
      if (YAML::Node webhooks = notifier["webhooks"]) {
        if (Status s = LoadWebhooks(webhooks, path, config); !s.ok()) return s;
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
    if (YAML::Node server = root["server"]) {
      if (Status s = CheckKeys(server, {"public_url", "connections_per_address"}, "server", path); !s.ok()) return s;
      if (server["connections_per_address"]) {
        config.connections_per_address = server["connections_per_address"].as<int>();
        if (config.connections_per_address < 1 || config.connections_per_address > 512) {
          return Status::InvalidArgument(path + ": server.connections_per_address must be 1 to 512");
        }
      }
      if (server["public_url"]) config.public_url = server["public_url"].as<std::string>();
      static const std::regex kUrl(R"(https?://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[^\s?#]*)?)");
      if (!config.public_url.empty() && !std::regex_match(config.public_url, kUrl)) {
        return Status::InvalidArgument(path + ": server.public_url must be the address users reach the service at, "
                                       "https://host[:port][/path] (or http:// without TLS), not '" +
                                       config.public_url + "'");
      }
      while (!config.public_url.empty() && config.public_url.back() == '/') config.public_url.pop_back();
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
    if (YAML::Node print = root["print"]) {
      if (Status s = CheckKeys(print, {"protective_marking"}, "print", path); !s.ok()) return s;
      if (print["protective_marking"]) config.protective_marking = print["protective_marking"].as<std::string>();
      if (config.protective_marking.size() > 100 ||
          config.protective_marking.find_first_of("\r\n") != std::string::npos) {
        return Status::InvalidArgument(path + ": print.protective_marking must be one line of at most 100 "
                                       "characters, e.g. OFFICIAL-SENSITIVE (or empty for none)");
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
