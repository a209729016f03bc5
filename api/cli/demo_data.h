// The demo: a fictional board with a user and token for each role, and reviews at different phases,
// built by replaying months of work on a simulated clock that ends at today.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/runtime.h"
#include "engine/clock.h"

namespace scr::cli {

struct DemoDatabase {
  std::string database_path;
  std::vector<std::pair<std::string, std::string>> tokens;  // "Name (role)" -> token
  std::vector<std::pair<std::string, std::string>> logins;  // email -> role, each with kDemoPassword
  std::vector<std::pair<std::string, std::string>> mornings;  // email -> what waits for them on Monday morning
  std::string calendar_token;                               // the business unit's, for the calendar feed only
  std::unique_ptr<SimulatedClock> clock;                    // standing at today
};

// Every demo user's dashboard password: fictional users on a throwaway database.
inline constexpr const char* kDemoPassword = "northshire-demo";

Result<DemoDatabase> BuildDemoDatabase(const ReferenceData& reference);

}  // namespace scr::cli
