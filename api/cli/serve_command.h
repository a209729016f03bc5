// `scr-tracker serve` and `scr-tracker demo`: the service itself.
#pragma once

#include <string>

namespace scr::cli {

struct ServeOptions {
  std::string database_path;
  std::string listen = "127.0.0.1:8080";
  std::string config_path;
  std::string workflows_dir;
  std::string clock = "system";  // system | simulated
};

int RunServe(const ServeOptions& options);
// Builds a fresh demo database in a temporary folder, prints the URL and tokens, then serves it.
int RunDemo(const std::string& listen, const std::string& workflows_dir);
// Prints the route table as JSON (method, pattern, requires_token, roles): for the tests that walk it.
int PrintRoutes();

}  // namespace scr::cli
