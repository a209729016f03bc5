#include "list_params.h"

#include <charconv>

namespace scr {
namespace {

// A whole number written in decimal digits alone, within `max`.
std::optional<int64_t> WholeNumber(const std::string& text, int64_t max) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || text[0] == '-' || text[0] == '+' || error != std::errc() || stop != end || value > max) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<std::string> ReadPageParams(const httplib::Request& request, PageParams* page) {
  if (request.has_param("limit")) {
    std::optional<int64_t> limit = WholeNumber(request.get_param_value("limit"), kMaxPageLimit);
    if (!limit || *limit < 1) {
      return "limit must be a whole number from 1 to " + std::to_string(kMaxPageLimit) + " (default " +
             std::to_string(kDefaultPageLimit) + "), not '" + request.get_param_value("limit") + "'";
    }
    page->limit = static_cast<int>(*limit);
  }
  if (request.has_param("cursor") && !request.get_param_value("cursor").empty()) {
    page->after = WholeNumber(request.get_param_value("cursor"), INT64_MAX);
    if (!page->after) {
      return "cursor must be the next_cursor of an earlier page, not '" + request.get_param_value("cursor") +
             "'; leave it out for the first page";
    }
  }
  return std::nullopt;
}

nlohmann::json NextCursor(size_t given, const PageParams& page, int64_t last_id) {
  if (given == 0 || given < static_cast<size_t>(page.limit)) return nullptr;
  return std::to_string(last_id);
}

nlohmann::json PageOf(nlohmann::json items, const PageParams& page) {
  size_t start = std::min(static_cast<size_t>(page.after.value_or(0)), items.size());
  size_t end = std::min(start + static_cast<size_t>(page.limit), items.size());
  nlohmann::json taken(items.begin() + static_cast<std::ptrdiff_t>(start),
                       items.begin() + static_cast<std::ptrdiff_t>(end));
  if (!taken.is_array()) taken = nlohmann::json::array();
  nlohmann::json next = end < items.size() ? nlohmann::json(std::to_string(end)) : nlohmann::json(nullptr);
  return {{"items", std::move(taken)}, {"next_cursor", std::move(next)}};
}

std::optional<std::string> ReadStateAndOverdue(const httplib::Request& request, std::optional<Phase>* phase,
                                               std::optional<bool>* overdue) {
  if (request.has_param("state") && !request.get_param_value("state").empty()) {
    *phase = PhaseFromName(request.get_param_value("state"));
    if (!*phase) return "unknown state '" + request.get_param_value("state") + "'";
  }
  if (request.has_param("overdue") && !request.get_param_value("overdue").empty()) {
    std::string value = request.get_param_value("overdue");
    if (value != "true" && value != "false") return std::string("overdue must be true or false");
    *overdue = value == "true";
  }
  return std::nullopt;
}

}  // namespace scr
