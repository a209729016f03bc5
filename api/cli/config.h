// The service's configuration file (YAML); every key optional. Unknown keys are refused, so that a
// misspelt setting is noticed rather than silently ignored.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engine/status.h"
#include "notifier/dispatcher.h"

namespace scr::cli {


struct Config {
  std::string smtp_url;
  std::string smtp_from;
  std::string smtp_ca_file;        // trust this CA for the server's certificate (besides the system's)
  bool smtp_allow_insecure = false;  // plain text allowed when the server offers no STARTTLS (a local relay)
  std::string smtp_username;       // log in as this user (instead of the url's user:password@)
  std::string smtp_password;
  std::vector<notifier::DispatcherOptions::Webhook> webhooks;  // checked: whsec_ secrets, https:// or allowed
  std::string digest_time = "08:00";  // HH:MM, board-local

  // digest_time as a time of day.
  std::chrono::minutes DigestTimeOfDay() const;
  std::string tls_cert;
  std::string tls_key;
  // The address users reach the service at, e.g. https://scr.example.org behind nginx (no trailing slash):
  // the session cookie is Secure when it is https://, and links in messages start with it.
  std::string public_url;
  // Connections one client address may hold open at once (the service's own limit; nginx has its own).
  int connections_per_address = 64;
  int max_undelivered_age_minutes = 30;  // GET /health/ready fails when a notification waits longer
  // The key of the history chain (history.key_file); empty: beside the database (engine/history_key.h).
  std::string history_key_file;
  // Printed at the top and bottom of every page the service prints (print.protective_marking), and given
  // to the page through GET /api/v1/session; empty for none.
  std::string protective_marking = "OFFICIAL-SENSITIVE";
};

Result<Config> LoadConfig(const std::string& path);

// history.key_file of the config at `path`; empty (the key beside the database) when `path` is empty or the
// config does not set it.
Result<std::string> ConfiguredHistoryKeyFile(const std::string& path);

}  // namespace scr::cli
