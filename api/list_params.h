// The query parameters lists share: every list's page (`limit`, `cursor`), and the filters of lists of
// reviews (GET /reviews and the exports: `state`, `overdue`).
#pragma once

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/lifecycle.h"

namespace scr {

constexpr int kDefaultPageLimit = 100;
constexpr int kMaxPageLimit = 200;

// The page a list request asks for: at most `limit` items, after `after` (the previous page's cursor: the
// last id it gave, or for a list read whole, how many items came before).
struct PageParams {
  int limit = kDefaultPageLimit;
  std::optional<int64_t> after;
};

// Reads `limit` (1 to 200, default 100) and `cursor` (a next_cursor of an earlier page), each optional;
// the detail of a 400 that says what to send instead when one is wrong.
std::optional<std::string> ReadPageParams(const httplib::Request& request, PageParams* page);

// The next_cursor of a list that pages by id: the last id given when the page is full, null otherwise.
nlohmann::json NextCursor(size_t given, const PageParams& page, int64_t last_id);

// {"items", "next_cursor"}: the page `page` asks for of a list read whole (`items`, an array).
nlohmann::json PageOf(nlohmann::json items, const PageParams& page);

// Reads `state` (a phase name) and `overdue` (true or false), each optional; the detail of a 400 that
// says what to send instead when one is wrong.
std::optional<std::string> ReadStateAndOverdue(const httplib::Request& request, std::optional<Phase>* phase,
                                               std::optional<bool>* overdue);

}  // namespace scr
