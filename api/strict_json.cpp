#include "strict_json.h"

#include "engine/json_depth.h"

namespace scr {

StrictObject::StrictObject(const std::string& body, std::set<std::string> known) {
  if (!JsonDepthWithin(body)) {
    Fail("the body nests arrays or objects more than " + std::to_string(kMaxJsonDepth) + " levels deep");
    return;
  }
  json_ = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json_.is_discarded()) {
    Fail("the body is not valid JSON");
    return;
  }
  if (!json_.is_object()) {
    Fail("the body must be a JSON object");
    return;
  }
  for (const auto& item : json_.items()) {
    if (!known.count(item.key())) {
      std::string fields;
      for (const std::string& k : known) fields += (fields.empty() ? "" : ", ") + k;
      Fail("unknown field '" + item.key() + "'; the fields are: " + fields);
      return;
    }
  }
}

const nlohmann::json* StrictObject::Field(const char* field, bool required) {
  if (!ok()) return nullptr;
  auto it = json_.find(field);
  if (it == json_.end() || it->is_null()) {
    if (required) Fail("'" + std::string(field) + "' is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> StrictObject::Text(const char* field, bool required, size_t max_length) {
  const nlohmann::json* value = Field(field, required);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    Fail("'" + std::string(field) + "' must be a string");
    return std::nullopt;
  }
  std::string text = value->get<std::string>();
  if (text.size() > max_length) {
    Fail("'" + std::string(field) + "' is longer than " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  if (required && text.empty()) {
    Fail("'" + std::string(field) + "' must not be empty");
    return std::nullopt;
  }
  return text;
}

std::vector<std::string> StrictObject::TextList(const char* field, size_t max_items, size_t max_length) {
  const nlohmann::json* value = Field(field, false);
  std::vector<std::string> texts;
  if (!value) return texts;
  if (!value->is_array() || value->size() > max_items) {
    Fail("'" + std::string(field) + "' must be a list of at most " + std::to_string(max_items) + " strings");
    return texts;
  }
  for (const nlohmann::json& item : *value) {
    if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>().size() > max_length) {
      Fail("each of '" + std::string(field) + "' must be a string of 1 to " + std::to_string(max_length) + " characters");
      return {};
    }
    texts.push_back(item.get<std::string>());
  }
  return texts;
}

std::optional<bool> StrictObject::Boolean(const char* field, bool required) {
  const nlohmann::json* value = Field(field, required);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    Fail("'" + std::string(field) + "' must be true or false");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<Date> StrictObject::DateField(const char* field, bool required) {
  std::optional<std::string> text = Text(field, required, 10);
  if (!text) {
    if (ok() && has(field)) Fail("'" + std::string(field) + "' must be a date, YYYY-MM-DD");
    return std::nullopt;
  }
  Result<Date> date = Date::Parse(*text);
  if (!date.ok()) {
    Fail("'" + std::string(field) + "': " + date.status().message());
    return std::nullopt;
  }
  return *date;
}

std::optional<long long> StrictObject::Integer(const char* field, bool required) {
  const nlohmann::json* value = Field(field, required);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) {
    Fail("'" + std::string(field) + "' must be a whole number");
    return std::nullopt;
  }
  return value->get<long long>();
}

std::vector<int64_t> StrictObject::IntegerList(const char* field, size_t max_items) {
  const nlohmann::json* value = Field(field, false);
  std::vector<int64_t> numbers;
  if (!value) return numbers;
  if (!value->is_array() || value->size() > max_items) {
    Fail("'" + std::string(field) + "' must be a list of at most " + std::to_string(max_items) + " whole numbers");
    return numbers;
  }
  for (const nlohmann::json& item : *value) {
    if (!item.is_number_integer()) {
      Fail("each of '" + std::string(field) + "' must be a whole number");
      return {};
    }
    numbers.push_back(item.get<int64_t>());
  }
  return numbers;
}

std::map<std::string, bool> StrictObject::BooleanMap(const char* field, size_t max_items) {
  std::map<std::string, bool> answers;
  const nlohmann::json* value = Field(field, false);
  if (!value) return answers;
  if (!value->is_object() || value->size() > max_items) {
    Fail("'" + std::string(field) + "' must be an object of at most " + std::to_string(max_items) +
         " keys, each true or false");
    return answers;
  }
  for (const auto& item : value->items()) {
    if (!item.value().is_boolean()) {
      Fail("'" + std::string(field) + "." + item.key() + "' must be true or false");
      return {};
    }
    answers[item.key()] = item.value().get<bool>();
  }
  return answers;
}

std::map<std::string, std::optional<std::string>> StrictObject::NullableTextMap(const char* field, size_t max_items,
                                                                                size_t max_length) {
  std::map<std::string, std::optional<std::string>> texts;
  const nlohmann::json* value = Field(field, false);
  if (!value) return texts;
  if (!value->is_object() || value->size() > max_items) {
    Fail("'" + std::string(field) + "' must be an object of at most " + std::to_string(max_items) +
         " keys, each a text or null");
    return texts;
  }
  for (const auto& item : value->items()) {
    if (item.value().is_null()) {
      texts[item.key()] = std::nullopt;
    } else if (item.value().is_string() && item.value().get_ref<const std::string&>().size() <= max_length) {
      texts[item.key()] = item.value().get<std::string>();
    } else {
      Fail("'" + std::string(field) + "." + item.key() + "' must be a text of at most " + std::to_string(max_length) +
           " characters, or null");
      return {};
    }
  }
  return texts;
}

std::string StrictObject::ObjectText(const char* field) {
  const nlohmann::json* value = Field(field, false);
  if (!value) return "{}";
  if (!value->is_object()) {
    Fail("'" + std::string(field) + "' must be a JSON object");
    return "{}";
  }
  return value->dump();
}

}  // namespace scr
