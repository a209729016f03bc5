// Writes JSON text straight into a string, without building a document first: for the answers that are
// large and frequent (a review with every checkpoint is about 10 KB, read many times a second), where
// building an nlohmann::json tree of a few thousand small allocations costs more than the query itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scr {

class JsonWriter {
 public:
  // `expected_size`: room made at once for the text, when its size is known roughly.
  explicit JsonWriter(size_t expected_size = 0) { out_.reserve(expected_size); }

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);  // the next value is this member's

  // Text is written as UTF-8; bytes that are not valid UTF-8 become U+FFFD, as nlohmann's `replace` does.
  JsonWriter& String(std::string_view text);
  JsonWriter& Int(int64_t number);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // One member of an object, for the common cases.
  JsonWriter& Field(std::string_view key, std::string_view text) { return Key(key).String(text); }
  JsonWriter& Field(std::string_view key, const char* text) { return Key(key).String(text); }
  JsonWriter& Field(std::string_view key, const std::string& text) { return Key(key).String(text); }
  JsonWriter& Field(std::string_view key, int64_t number) { return Key(key).Int(number); }
  JsonWriter& Field(std::string_view key, int number) { return Key(key).Int(number); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  JsonWriter& Field(std::string_view key, const std::optional<std::string>& text) {
    return text ? Field(key, *text) : Key(key).Null();
  }

  // The text written so far; the writer is empty afterwards.
  std::string Take();

 private:
  void BeforeValue();

  std::string out_;
  bool after_value_ = false;  // a value was just written: the next key or value needs a comma first
};

}  // namespace scr
