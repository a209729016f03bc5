// Request bodies parsed strictly: a JSON object whose every field is known and of the right type.
// Each getter records the first problem; callers check ok() once and answer 400 with error().
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/date.h"

namespace scr {

class StrictObject {
 public:
  // Parses `body`; refuses anything but an object, and any field not in `known`.
  StrictObject(const std::string& body, std::set<std::string> known);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool has(const char* field) const { return ok() && json_.contains(field) && !json_[field].is_null(); }

  std::optional<std::string> Text(const char* field, bool required, size_t max_length = 10000);
  // A list of non-empty strings; empty when absent.
  std::vector<std::string> TextList(const char* field, size_t max_items, size_t max_length);
  std::optional<bool> Boolean(const char* field, bool required);
  std::optional<Date> DateField(const char* field, bool required);
  std::optional<long long> Integer(const char* field, bool required);
  // A list of at most `max_items` whole numbers; empty when absent.
  std::vector<int64_t> IntegerList(const char* field, size_t max_items);
  // An object of at most `max_items` members, each true or false; empty when absent.
  std::map<std::string, bool> BooleanMap(const char* field, size_t max_items);
  // An object of at most `max_items` members, each a text of at most `max_length` characters or null
  // (nullopt); empty when absent.
  std::map<std::string, std::optional<std::string>> NullableTextMap(const char* field, size_t max_items,
                                                                    size_t max_length);
  // A nested object, returned as compact JSON text ("{}" when absent).
  std::string ObjectText(const char* field);
  // Records a problem found by the caller (fields that disagree); the first problem wins.
  void Fail(const std::string& message) {
    if (error_.empty()) error_ = message;
  }

 private:
  const nlohmann::json* Field(const char* field, bool required);

  nlohmann::json json_;
  std::string error_;
};

}  // namespace scr
