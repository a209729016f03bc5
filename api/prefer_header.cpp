#include "prefer_header.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace scr {
namespace {

std::string Trimmed(const std::string& text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string Lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// One preference, "return = \"minimal\"; param", as name and value, lower-cased and unquoted.
bool IsMinimalReturn(const std::string& preference) {
  std::string token = preference.substr(0, preference.find(';'));
  size_t equals = token.find('=');
  if (equals == std::string::npos) return false;
  std::string name = Lowered(Trimmed(token.substr(0, equals)));
  std::string value = Lowered(Trimmed(token.substr(equals + 1)));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  return name == "return" && value == "minimal";
}

}  // namespace

bool PrefersMinimalReturn(const httplib::Request& request) {
  size_t headers = request.get_header_value_count("Prefer");
  for (size_t i = 0; i < headers; ++i) {
    std::string value = request.get_header_value("Prefer", i);
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      if (IsMinimalReturn(value.substr(start, comma - start))) return true;
      start = comma + 1;
    }
  }
  return false;
}

}  // namespace scr
